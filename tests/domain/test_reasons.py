"""Reasons are data: kept and read back whole, worded only when shown, in the language of then."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from babel import dates as babel_dates
from babel import numbers as babel_numbers

import swdesk.i18n as i18n
from swdesk.domain.awards import Payment, evaluate_level_award
from swdesk.domain.ce_compliance import Period, assess, period_for
from swdesk.domain.grades import check_appointment
from swdesk.domain.levels import Band, Level
from swdesk.domain.reasons import Form, Hours, Named, Number, Reason, recorded
from swdesk.domain.registration import registration_status
from swdesk.domain.reminders import ce_reminder, registration_reminder
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import set_language
from swdesk.i18n.reasons import as_shown, describe
from swdesk.policies import find_profile

FCG = find_profile("fangchenggang-2023")
ANNUAL = next(q for q in FCG.ce_requirements if q.id == "annual")
PERIOD_REQ = next(q for q in FCG.ce_requirements if q.id == "registration_period")
PERSON = Staff(
    name="梁伟",
    id_number="450602199001011234",
    sex="M",
    birth_date=dt.date(1990, 1, 1),
    hire_date=dt.date(2015, 1, 1),
    social_work_since=dt.date(2015, 1, 1),
    id=7,
)
EVERY_KIND = Reason(
    "{when} {count} {hours} {form} {grade} {level} {band} {what} {parts} {plain!r}",
    {
        "when": dt.date(2026, 12, 31),
        "count": Number(2000),
        "hours": Hours(44.5),
        "form": Form("face_to_face"),
        "grade": Named("社工一级", "Social worker, grade 1"),
        "level": Level.SOCIAL_WORKER,
        "band": Band.SENIOR,
        "what": Reason("no certificate"),
        "parts": (Reason("{hours} {form}", {"hours": Hours(6), "form": Form("online")}),) * 2,
        "plain": "原样",
    },
    "FCG-2023 (八)",
    held=False,
    then=(Reason("Minimums not yet met: {parts}.", {"parts": "x"}),),
)


def test_a_reason_kept_as_json_comes_back_the_same() -> None:
    kept = json.loads(json.dumps(EVERY_KIND.to_data(), ensure_ascii=False))
    assert Reason.from_data(kept) == EVERY_KIND


def test_a_reason_is_worded_in_the_language_of_the_moment() -> None:
    assert describe(EVERY_KIND) == (
        "December 31, 2026 2,000 44.5 Face-to-face Social worker, grade 1 Social worker Senior "
        "no certificate 6 Online, 6 Online '原样' Minimums not yet met: x."
    )
    assert as_shown(EVERY_KIND) == {
        "clause": "FCG-2023 (八)",
        "text": describe(EVERY_KIND),
        "held": False,
    }
    set_language("zh_CN")
    assert describe(EVERY_KIND) == (
        "2026年12月31日 2,000 44.5 面授 社工一级 社会工作师 高级 无证书 线上6学时, 线上6学时 '原样'"
        "尚未达到的最低要求：x。"
    )
    assert describe(None) == ""


def test_words_kept_from_before_stay_as_written() -> None:
    old = Reason.from_data(
        {"clause": "FCG-2023 (十二)", "text": "非在职在编公务员。", "held": True}
    )
    assert old == recorded("非在职在编公务员。", "FCG-2023 (十二)")
    for language in ("en", "zh_CN"):
        set_language(language)
        assert describe(old) == "非在职在编公务员。"


@pytest.fixture
def no_wording(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """gettext and Babel that fail when called: what a rule must not need while it decides."""

    class Refuse:
        def gettext(self, message: str) -> str:
            raise AssertionError(f"translated while deciding: {message!r}")

        ngettext = gettext

    def babel(*args: object, **kwargs: object) -> str:
        raise AssertionError(f"formatted while deciding: {args!r}")

    monkeypatch.setattr(i18n, "_translations", Refuse())
    # At Babel's own functions: swdesk.i18n imports them where it formats.
    monkeypatch.setattr(babel_numbers, "format_decimal", babel)
    monkeypatch.setattr(babel_numbers, "format_currency", babel)
    monkeypatch.setattr(babel_dates, "format_date", babel)
    i18n._format_day.cache_clear()
    i18n._format_hours.cache_clear()
    yield


def test_rules_decide_without_translating_or_formatting(no_wording: None) -> None:
    assistant = Credential(Level.ASSISTANT, "Z1", dt.date(2023, 6, 20), staff_id=7)
    award = evaluate_level_award(
        FCG.level_award,  # type: ignore[arg-type]
        civil_servant=False,
        social_work_since=PERSON.social_work_since,
        held=[(Level.ASSISTANT, dt.date(2023, 6, 20)), (Level.SENIOR, dt.date(2030, 1, 1))],
        payments=[Payment(500, dt.date(2024, 1, 1))],
        as_of=dt.date(2026, 11, 21),
    )
    ce = assess(
        staff=PERSON,
        credentials=[assistant],
        requirement=ANNUAL,
        period=Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        as_of=dt.date(2026, 11, 21),
        raw={"face_to_face": 5},
    )
    not_required = assess(
        staff=PERSON,
        credentials=[assistant],
        requirement=ANNUAL,
        period=Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        as_of=dt.date(2023, 11, 21),
        raw={},
    )
    _period, why = period_for(
        PERIOD_REQ, [assistant], 2026, dt.date(2026, 11, 21), FCG.registration
    )
    grade = check_appointment(FCG, FCG.grades[-1].code, [], dt.date(2026, 1, 1))
    status = registration_status(assistant, FCG.registration, dt.date(2026, 11, 21))  # type: ignore[arg-type]
    reminders = [
        ce_reminder(PERSON, ce, dt.date(2026, 11, 21)),
        registration_reminder(PERSON, status, dt.date(2026, 11, 21)),
    ]
    decided = [*award.reasons, ce.reason, not_required.reason, why, grade.reason]
    decided += [r.message for r in reminders if r is not None]
    assert all(isinstance(r, Reason) for r in decided) and len(decided) >= 9
