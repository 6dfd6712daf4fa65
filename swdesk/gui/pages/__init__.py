"""The pages of the main window, in the order of the navigation list: an agency's (``PAGES``)
or, when the data file is a civil-affairs bureau's, the bureau's (``BUREAU_PAGES``).

A page is built the first time it is shown, so each is imported in its builder below: starting
the program imports the page it opens on, not seven — and a reader, or a packaging tool, still
finds every page here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from swdesk.gui.context import AppContext
from swdesk.gui.pages.page import Page
from swdesk.i18n import N_


def _dashboard(ctx: AppContext) -> Page:
    from swdesk.gui.pages.dashboard import DashboardPage

    return DashboardPage(ctx)


def _staff(ctx: AppContext) -> Page:
    from swdesk.gui.pages.staff import StaffPage

    return StaffPage(ctx)


def _training(ctx: AppContext) -> Page:
    from swdesk.gui.pages.training import TrainingPage

    return TrainingPage(ctx)


def _grades(ctx: AppContext) -> Page:
    from swdesk.gui.pages.grades import GradesPage

    return GradesPage(ctx)


def _applications(ctx: AppContext) -> Page:
    from swdesk.gui.pages.applications import ApplicationsPage

    return ApplicationsPage(ctx)


def _interns(ctx: AppContext) -> Page:
    from swdesk.gui.pages.interns import InternsPage

    return InternsPage(ctx)


def _printing(ctx: AppContext) -> Page:
    from swdesk.gui.pages.printing import PrintingPage

    return PrintingPage(ctx)


def _settings(ctx: AppContext) -> Page:
    from swdesk.gui.pages.settings import SettingsPage

    return SettingsPage(ctx)


def _bureau_status(ctx: AppContext) -> Page:
    from swdesk.gui.pages.bureau_status import BureauStatusPage

    return BureauStatusPage(ctx)


def _bureau_summary(ctx: AppContext) -> Page:
    from swdesk.gui.pages.bureau_summary import BureauSummaryPage

    return BureauSummaryPage(ctx)


def _bureau_findings(ctx: AppContext) -> Page:
    from swdesk.gui.pages.bureau_findings import BureauFindingsPage

    return BureauFindingsPage(ctx)


def _bureau_printing(ctx: AppContext) -> Page:
    from swdesk.gui.pages.printing import PrintingPage
    from swdesk.gui.report_specs import BUREAU_REPORTS

    return PrintingPage(ctx, BUREAU_REPORTS)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # N_ marked; translated when shown
    build: Callable[[AppContext], Page]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", N_("Dashboard"), _dashboard),
    PageSpec("staff", N_("Staff"), _staff),
    PageSpec("training", N_("Continuing education"), _training),
    PageSpec("grades", N_("Post grades"), _grades),
    PageSpec("applications", N_("Awards and reimbursements"), _applications),
    PageSpec("interns", N_("Interns"), _interns),
    PageSpec("printing", N_("Print and reports"), _printing),
    PageSpec("settings", N_("Settings"), _settings),
)


BUREAU_PAGES: tuple[PageSpec, ...] = (
    PageSpec("bureau_status", N_("Submissions"), _bureau_status),
    PageSpec("bureau_summary", N_("Summary"), _bureau_summary),
    PageSpec("bureau_findings", N_("Checks"), _bureau_findings),
    PageSpec("bureau_printing", N_("Print and reports"), _bureau_printing),
)


def pages_for(kind: str | None) -> tuple[PageSpec, ...]:
    """The pages of a data file of this kind ("agency" or "bureau")."""
    return BUREAU_PAGES if kind == "bureau" else PAGES


def make_page(spec: PageSpec, ctx: AppContext) -> Page:
    page = spec.build(ctx)
    page.setObjectName(f"page_{spec.key}")
    return page
