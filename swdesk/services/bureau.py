"""A civil-affairs bureau's data file: the bureau itself (name, level, profile), who reports to
it, the deadline of each period, and where each period's submissions stand (报送情况)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from swdesk.domain.agency import check_credit_code
from swdesk.domain.errors import NotFound, SwdeskError, ValidationError
from swdesk.domain.reasons import Reason
from swdesk.domain.staff import check_name
from swdesk.domain.submission import BureauLevel, Unit, UnitKind
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _
from swdesk.i18n.collate import name_key
from swdesk.policies import find_profile, profile_version
from swdesk.services.undo import recorded
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import bureau as store
from swdesk.storage import submissions as received

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
OVERDUE = "overdue"
STATE_LABELS = {
    ON_TIME: N_("Submitted"),
    LATE: N_("Submitted late"),
    MISSING: N_("Not yet submitted"),
    OVERDUE: N_("Overdue"),
}


def parse_level(text: str) -> BureauLevel:
    try:
        return BureauLevel(str(text).strip().lower())
    except ValueError:
        raise ValidationError(
            _("The level must be district, city or province, not {value!r}.").format(value=text),
            "level",
        ) from None


def init_bureau(
    ws: Workspace,
    *,
    name: str,
    level: BureauLevel | str,
    profile_id: str,
    credit_code: str = "",
    address: str = "",
    contact_person: str = "",
    phone: str = "",
) -> Changes:
    """Make a new data file a bureau's (it cannot become an agency's afterwards)."""
    if ws.kind is not None:
        raise SwdeskError(
            _("This data file is already {name}'s; a bureau needs a data file of its own.").format(
                name=(ws.agency_row() or ws.bureau_row() or {}).get("name", "")
            )
        )
    level = level if isinstance(level, BureauLevel) else parse_level(level)
    find_profile(profile_id)
    row = {
        "name": " ".join(clean_text(name, "name", _("The bureau's name")).split()),
        "level": level.value,
        "profile_id": profile_id,
        "credit_code": check_credit_code(credit_code),
        "address": clean_text(address, "address", _("The address")).strip(),
        "contact_person": clean_text(contact_person, "contact_person", _("The contact")).strip(),
        "phone": clean_text(phone, "phone", _("The phone number")).strip(),
    }
    if not row["name"]:
        raise ValidationError(_("The bureau's name is empty."), "name")
    with ws.db.atomic():
        store.save_bureau(ws.db, row)
        audit.record(
            ws.db, user=ws.user, action="bureau.create", table="bureau", row_id=1,
            new={"id": 1, **row},
        )  # fmt: skip
    ws.forget_profile()
    return Changes.of(
        {"bureau"},
        message=_("Bureau data file made: {name} ({level}).").format(
            name=row["name"], level=level.label()
        ),
    )


def bureau_unit(ws: Workspace) -> Unit:
    """The bureau of this data file, as it signs its files."""
    row = ws.bureau_row()
    if row is None:
        raise SwdeskError(
            _(
                "This data file is not a bureau's: make one with `swdesk init --bureau NAME "
                "--level district|city|province --profile ID`."
            )
        )
    return Unit(
        UnitKind.BUREAU, row["name"], row["credit_code"], BureauLevel(row["level"]),
        row["address"], row["contact_person"], row["phone"], row["profile_id"],
        profile_version(ws.profile),
    )  # fmt: skip


def units(ws: Workspace) -> list[store.ReportingUnit]:
    bureau_unit(ws)
    return store.units(ws.db)


def expect_unit(
    ws: Workspace,
    credit_code: str,
    name: str,
    *,
    kind: UnitKind = UnitKind.AGENCY,
    level: BureauLevel | None = None,
    expected: bool = True,
) -> Changes:
    """Add a unit that reports to the bureau (or say it no longer does), so that a missing
    submission shows before its first file arrives."""
    bureau_unit(ws)
    code = check_credit_code(credit_code)
    if not code:
        raise ValidationError(_("Give the unit's unified social credit code."), "credit_code")
    name = check_name(name) if name else ""
    with recorded(ws, Reason(N_("Expect {code}"), {"code": code})) as step:
        found = store.unit_with_code(ws.db, code)
        if found is None:
            if not name:
                raise ValidationError(_("Give the unit's name."), "name")
            unit_id = store.add_unit(
                ws.db, credit_code=code, name=name, kind=kind, level=level, on=ws.today()
            )
            old = None
        else:
            unit_id = found.id
            store.update_unit(ws.db, unit_id, name=name or found.name, expected=expected)
            old = {"name": found.name, "expected": found.expected}
        audit.record(
            ws.db, user=ws.user, action="unit.expect", table="reporting_units", row_id=unit_id,
            old=old, new={"credit_code": code, "name": name, "expected": expected},
        )  # fmt: skip
    return Changes.of(
        {"reporting_units"},
        message=(
            _("{name} is expected to submit.") if expected else _("{name} is no longer expected.")
        ).format(name=name or (found.name if found else code)),
        undo=step.entry,
    )


def set_deadline(ws: Workspace, period: int, due_on: dt.date) -> Changes:
    bureau_unit(ws)
    with ws.db.atomic():
        old = store.deadline(ws.db, period)
        store.set_deadline(ws.db, period, due_on)
        audit.record(
            ws.db, user=ws.user, action="deadline.set", table="period_deadlines", row_id=period,
            old={"due_on": old} if old else None, new={"period": period, "due_on": due_on},
        )  # fmt: skip
    return Changes.of(
        {"period_deadlines"},
        message=_("Submissions for {period} are due on {date}.").format(
            period=period, date=due_on.isoformat()
        ),
    )


@dataclass(frozen=True)
class UnitStatus:
    unit: store.ReportingUnit
    state: str  # ON_TIME, LATE, MISSING, OVERDUE
    received_at: str | None  # of the latest file
    created_at: str | None
    files: int  # how many it has sent for the period
    records: int  # agency records in its latest file

    @property
    def state_label(self) -> str:
        return _(STATE_LABELS[self.state])


@dataclass(frozen=True)
class PeriodStatus:
    period: int
    due_on: dt.date | None
    units: tuple[UnitStatus, ...]
    agencies: int  # agency records that count for the period, however they came

    def missing(self) -> list[UnitStatus]:
        return [u for u in self.units if u.state in (MISSING, OVERDUE)]


def period_status(ws: Workspace, period: int) -> PeriodStatus:
    """Which units have submitted for ``period``, when, and which are missing or overdue."""
    bureau_unit(ws)
    due = store.deadline(ws.db, period)
    files = received.files_of_period(ws.db, period)
    latest: dict[int, dict] = {}
    count: dict[int, int] = {}
    for f in files:
        latest[f["unit_id"]] = f
        count[f["unit_id"]] = count.get(f["unit_id"], 0) + 1
    rows = []
    for unit in store.units(ws.db):
        f = latest.get(unit.id)
        if f is None and not unit.expected:
            continue
        if f is None:
            state = OVERDUE if due is not None and ws.today() > due else MISSING
        else:
            arrived = dt.datetime.fromisoformat(f["received_at"]).date()
            state = LATE if due is not None and arrived > due else ON_TIME
        rows.append(
            UnitStatus(
                unit,
                state,
                f["received_at"] if f else None,
                f["created_at"] if f else None,
                count.get(unit.id, 0),
                f["records"] if f else 0,
            )  # fmt: skip
        )
    agencies = len(received.records(ws.db, period))
    # The ones to chase first: overdue, missing, late; then by name.
    order = {OVERDUE: 0, MISSING: 1, LATE: 2, ON_TIME: 3}
    rows.sort(key=lambda u: (order[u.state], name_key(u.unit.name)))
    return PeriodStatus(period, due, tuple(rows), agencies)


RecordRow = received.RecordRow


def records(ws: Workspace, period: int | None = None, *, history: bool = False) -> list[RecordRow]:
    """The agency records that count (of ``period``), with the replaced ones when ``history``."""
    bureau_unit(ws)
    rows = received.records(ws.db, period, current_only=not history)
    return sorted(rows, key=lambda r: (name_key(r.agency_name), r.period, not r.current))


@dataclass(frozen=True)
class PeriodOverview:
    status: PeriodStatus
    records: list[RecordRow]


def period_overview(ws: Workspace, period: int, *, history: bool = False) -> PeriodOverview:
    """What the submissions page shows of a period, read in one job."""
    return PeriodOverview(period_status(ws, period), records(ws, period, history=history))


def unit_with_code(ws: Workspace, credit_code: str) -> store.ReportingUnit:
    found = store.unit_with_code(ws.db, check_credit_code(credit_code))
    if found is None:
        raise NotFound(
            _("No unit with the credit code {code} reports to this bureau.").format(
                code=credit_code
            )
        )
    return found
