"""Award standings (who is owed what, and why) and the agency's honours.

The rules are in swdesk.domain.awards; this module loads what they need: certificates, past
level-award payments (imported or paid through applications) and open applications.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from swdesk.domain.awards import (
    LEVEL_AWARD,
    AwardFacts,
    LevelAwardResult,
    Payment,
    decide_level_awards,
    evaluate_level_award,
    explain_level_award,
)
from swdesk.domain.claims import find_subsidy, label
from swdesk.domain.errors import ValidationError
from swdesk.domain.levels import Level
from swdesk.domain.reasons import Named, Reason
from swdesk.domain.staff import Credential, Staff
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _
from swdesk.i18n.reasons import as_shown
from swdesk.services.reading import whole_agency
from swdesk.services.staff import all_credentials, credentials_of, get_staff, list_staff
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import applications as applications_store
from swdesk.storage import audit
from swdesk.storage import awards as store
from swdesk.storage import staff as staff_store
from swdesk.storage.staff import day


@dataclass(frozen=True, slots=True)
class StaffRef:
    """Who a standing is about, as the lists of standings show and sort them."""

    id: int
    name: str
    id_number: str
    hire_date: dt.date | None = None
    leave_date: dt.date | None = None

    @classmethod
    def of(cls, staff: Staff) -> StaffRef:
        return cls(staff.id, staff.name, staff.id_number, staff.hire_date, staff.leave_date)  # type: ignore[arg-type]


class Standing:
    """One person and one award: what is due, from when, and every condition checked.

    A value, compared by what it says (read-only: a frozen class would cost each of the
    20,000 standings of an agency its twelve checked assignments). Over a whole agency the level
    award is decided for everyone at once and each standing keeps the facts it was decided on:
    its ``reasons`` are worded by the one-person rule when first read, and ``staff`` is made
    from the row when first read, so the many standings nobody opens cost only their numbers.
    """

    __slots__ = ("award", "award_label", "kind", "level", "eligible", "eligible_from",
                 "amount_due", "already_paid", "entitled", "open_application", "_staff",
                 "_reasons", "_facts")  # fmt: skip

    award: str  # level_award, or a commendation code when the policy pays no cash
    award_label: str
    kind: str  # "cash" or "nomination"
    level: Level | None
    eligible: bool
    eligible_from: dt.date | None
    amount_due: int
    already_paid: int
    entitled: int
    open_application: str | None  # the number of an application in progress

    def __init__(
        self,
        staff: StaffRef,
        award: str,
        award_label: str,
        kind: str,
        level: Level | None,
        eligible: bool,
        eligible_from: dt.date | None,
        amount_due: int,
        already_paid: int,
        entitled: int,
        reasons: tuple[Reason, ...],
        open_application: str | None = None,
    ) -> None:
        self._staff: StaffRef | tuple[Any, ...] = staff
        self.award = award
        self.award_label = award_label
        self.kind = kind
        self.level = level
        self.eligible = eligible
        self.eligible_from = eligible_from
        self.amount_due = amount_due
        self.already_paid = already_paid
        self.entitled = entitled
        self._reasons: tuple[Reason, ...] | _Explain = reasons
        self._facts: AwardFacts | None = None
        self.open_application = open_application

    @property
    def staff(self) -> StaffRef:
        who = self._staff
        if type(who) is tuple:
            facts = self._facts
            assert facts is not None
            who = self._staff = StaffRef(who[0], who[1], who[2], facts[4], facts[5])
        return who  # type: ignore[return-value]

    @property
    def reasons(self) -> tuple[Reason, ...]:
        said = self._reasons
        if type(said) is not tuple:
            said = self._reasons = said(self._facts)  # type: ignore[operator]
        return said  # type: ignore[return-value]

    def _values(self) -> tuple[object, ...]:
        return (self.staff, self.award, self.award_label, self.kind, self.level, self.eligible,
                self.eligible_from, self.amount_due, self.already_paid, self.entitled,
                self.reasons, self.open_application)  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Standing):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return (
            f"Standing({self.staff!r}, {self.award!r}, level={self.level!r}, "
            f"eligible={self.eligible!r}, eligible_from={self.eligible_from!r}, "
            f"amount_due={self.amount_due!r}, already_paid={self.already_paid!r}, "
            f"entitled={self.entitled!r}, open_application={self.open_application!r})"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "id_number": self.staff.id_number,
            "name": self.staff.name,
            "award": self.award,
            "kind": self.kind,
            "level": self.level.value if self.level else None,
            "eligible": self.eligible,
            "eligible_from": self.eligible_from,
            "amount_due": self.amount_due,
            "already_paid": self.already_paid,
            "entitled": self.entitled,
            "open_application": self.open_application,
            "reasons": [as_shown(r) for r in self.reasons],
        }


_Explain = Callable[[AwardFacts], tuple[Reason, ...]]


def level_award_payments(
    ws: Workspace, staff_id: int | None = None, *, until: dt.date | None = None
) -> dict[int, list[Payment]]:
    """Level-award payments by staff id (all of them, or those paid on or before ``until``)."""
    return store.level_award_payments(ws.db, staff_id, until=until)


def open_level_award_applications(ws: Workspace) -> dict[int, str]:
    """Staff id -> number of their level-award application still in progress."""
    return applications_store.open_level_awards(ws.db)


def _evaluate(
    ws: Workspace,
    person: Staff,
    creds: Iterable[Credential],
    payments: Iterable[Payment],
    as_of: dt.date,
    claimed_on: dt.date | None = None,
) -> LevelAwardResult:
    rule = ws.profile.level_award
    assert rule is not None
    return evaluate_level_award(
        rule,
        civil_servant=person.civil_servant,
        social_work_since=person.social_work_since,
        held=[(c.level, c.obtained_on) for c in creds],
        payments=payments,
        as_of=as_of,
        hire_date=person.hire_date,
        leave_date=person.leave_date,
        claimed_on=claimed_on,
    )


def level_award_for(
    ws: Workspace, staff_id: int, as_of: dt.date, *, claimed_on: dt.date | None = None
) -> LevelAwardResult:
    """The level award of one person, counting every payment ever recorded: the check a claim
    or a payment must pass (a back-dated claim cannot skip a later payment). A step of an
    application made earlier passes ``claimed_on``, the day the claim was made: the person had
    to be on the staff then, not on the day it is paid."""
    if ws.profile.level_award is None:
        raise ValidationError(
            _("The policy {document} sets no professional-level award.").format(
                document=ws.profile.document
            ),
            "award",
        )
    person = get_staff(ws, staff_id)
    payments = level_award_payments(ws, staff_id).get(staff_id, [])
    return _evaluate(ws, person, credentials_of(ws, staff_id), payments, as_of, claimed_on)


def evaluate_awards(
    ws: Workspace, as_of: dt.date | None = None, *, include_left: bool = False
) -> list[Standing]:
    """Every person's standing on ``as_of``: the level award when the policy pays one, otherwise
    the nominations open to them (a policy without cash awards gives nominations, not cash)."""
    with whole_agency():
        return _standings(ws, as_of or ws.today(), include_left)


def _standings(ws: Workspace, as_of: dt.date, include_left: bool) -> list[Standing]:
    profile = ws.profile
    rule = profile.level_award
    if rule is not None:
        # The staff and their certificates as kept between readings (a report or a page before
        # has read them), not read again: for 20,000 people 9 ms against 50 ms. The payments
        # are summed by SQLite.
        everyone = list_staff(ws)
        people = everyone if include_left else [p for p in everyone if p.employed_on(as_of)]
        held = {
            sid: [(c.level, c.obtained_on) for c in creds if c.obtained_on <= as_of]
            for sid, creds in all_credentials(ws).items()
        }
        paid = store.level_award_paid(ws.db, until=as_of)
        none: list[tuple[Level, dt.date]] = []
        facts: list[AwardFacts] = [
            (p.civil_servant, p.social_work_since, held.get(p.id, none), paid.get(p.id, 0),  # type: ignore[arg-type]
             p.hire_date, p.leave_date)
            for p in people
        ]  # fmt: skip
        open_apps = open_level_award_applications(ws)
        name = _("Professional-level award")
        explain = functools.partial(explain_level_award, rule, as_of=as_of)
        out: list[Standing] = []
        append = out.append
        new = Standing.__new__
        for p, said, (level, eligible, eligible_from, due, entitled) in zip(
            people, facts, decide_level_awards(rule, facts, as_of), strict=True
        ):
            # Set here, not by __init__: the person's id, name and number and the facts stand
            # in for the StaffRef and the reasons until someone reads them.
            s = new(Standing)
            s._staff = (p.id, p.name, p.id_number)
            s.award = LEVEL_AWARD
            s.award_label = name
            s.kind = "cash"
            s.level = level
            s.eligible = eligible
            s.eligible_from = eligible_from
            s.amount_due = due
            s.already_paid = said[3]
            s.entitled = entitled
            s._reasons = explain
            s._facts = said
            s.open_application = open_apps.get(p.id)  # type: ignore[arg-type]
            append(s)
        return out
    out = []
    for row in store.award_people(ws.db, as_of, include_left=include_left):
        who = StaffRef(row[0], row[1], row[2], day(row[5]), day(row[6]))
        for c in profile.commendations:
            reason = Reason(
                N_("{document} sets no cash award for certificates; nomination for {name}."),
                {"document": profile.document, "name": Named(c.name, c.name_en)},
                c.clause.ref,
            )
            out.append(
                Standing(who, c.code, label(c), "nomination", None, True, None, 0, 0, 0, (reason,))
            )
    return out


def reference_standings(
    ws: Workspace, as_of: dt.date, *, include_left: bool = False
) -> list[Standing]:
    """The standings worked out person by person with ``evaluate_level_award``, each person's
    certificates and payments read on their own: what the fast ``evaluate_awards`` must give
    (tests compare them)."""
    rule = ws.profile.level_award
    if rule is None:
        return _standings(ws, as_of, include_left)
    open_apps = open_level_award_applications(ws)
    out = []
    for p in staff_store.list_staff(ws.db):
        if not (include_left or p.employed_on(as_of)):
            continue
        payments = store.level_award_payments(ws.db, p.id, until=as_of).get(p.id, [])  # type: ignore[arg-type]
        r = _evaluate(ws, p, staff_store.credentials_of(ws.db, p.id), payments, as_of)  # type: ignore[arg-type]
        out.append(
            Standing(
                StaffRef.of(p),
                LEVEL_AWARD,
                _("Professional-level award"),
                "cash",
                r.level,
                r.eligible,
                r.eligible_from,
                r.amount_due,
                r.already_paid,
                r.entitled,
                r.reasons,
                open_apps.get(p.id),
            )  # type: ignore[arg-type]
        )
    return out


# ---------------------------------------------------------------- the agency's honours


@dataclass(frozen=True)
class Honour:
    id: int
    code: str
    name: str
    conferred_on: dt.date
    document: str
    amount: int
    clause: str
    application: str | None  # number of the live subsidy application
    status: str | None


def record_honour(
    ws: Workspace, code: str, conferred_on: dt.date, document: str = "", note: str = ""
) -> Changes:
    """Record an honour conferred on the agency (advanced unit, training base)."""
    subsidy = find_subsidy(ws.profile, code)
    if conferred_on > ws.today():
        raise ValidationError(_("The date of the honour cannot be in the future."), "date")
    row = {
        "code": code,
        "conferred_on": conferred_on.isoformat(),
        "document": clean_text(document, "document", _("The document")).strip(),
        "note": clean_text(note, "note", _("The note"), multiline=True).strip(),
    }
    named = Named(subsidy.name, subsidy.name_en)
    with recorded(ws, Reason(N_("Record the honour {name}"), {"name": named})) as step:
        if store.has_honour(ws.db, code, conferred_on):
            raise ValidationError(
                _("This honour is already recorded for {date}.").format(date=row["conferred_on"]),
                "date",
            )
        new_id = store.insert_honour(ws.db, row)
        audit.record(
            ws.db, user=ws.user, action="honour.add", table="agency_honours", row_id=new_id, new=row
        )
    return Changes.of(
        {Area.AWARDS},
        message=_("Honour recorded: {name} ({date}), subsidy {amount} CNY.").format(
            name=label(subsidy), date=row["conferred_on"], amount=subsidy.amount
        ),
        created_id=new_id,
        undo=step.entry,
    )


def list_honours(ws: Workspace) -> list[Honour]:
    rows = store.honours_with_application(ws.db)
    out = []
    subsidies = {s.code: s for s in ws.profile.agency_subsidies}
    for r in rows:
        # An honour recorded under another policy keeps its code, without a subsidy here.
        subsidy = subsidies.get(r["code"])
        out.append(
            Honour(
                r["id"],
                r["code"],
                label(subsidy) if subsidy else r["code"],
                dt.date.fromisoformat(r["conferred_on"]),
                r["document"],
                subsidy.amount if subsidy else 0,
                subsidy.clause.ref if subsidy else "",
                r["number"],
                r["status"],
            )
        )
    return out
