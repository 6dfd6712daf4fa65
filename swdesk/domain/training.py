"""Training records as values: an event (title, organiser, form, dates, hours) and the hours each
attendee is credited with.

The common entry is one event attended by many staff; someone who attended part of it is credited
fewer hours, never more than the event's. A person's own course (an online class taken alone) is an
event of kind ``individual`` with one attendee, so that every hour lives in the same two tables and
is counted by the same query.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from swdesk.domain.errors import ValidationError
from swdesk.domain.limits import DEFAULT_LIMITS, Limits, check_record_hours
from swdesk.domain.profiles import TRAINING_FORMS
from swdesk.domain.text import clean_text, comparable
from swdesk.i18n import N_, _, format_hours

EVENT_KINDS = ("event", "individual")

_FORM_LABELS = {
    "face_to_face": N_("Face-to-face"),
    "online": N_("Online"),
    "supervision": N_("Supervision"),
    "conference": N_("Conference"),
    "other": N_("Other"),
    "degree": N_("Degree"),
}
_SUBJECT_LABELS = {"general": N_("General subjects"), "professional": N_("Professional subjects")}
_SUBJECT_ALIASES = {
    "general": ("公需科目", "公需课", "公需", "general", "general subjects"),
    "professional": ("专业科目", "专业课", "专业", "professional", "professional subjects"),
}
_SUBJECT_LOOKUP = {alias: code for code, names in _SUBJECT_ALIASES.items() for alias in names}

# Words offices write in a sign-in sheet or a course list, Chinese first.
_FORM_ALIASES = {
    "face_to_face": ("面授", "线下", "现场", "集中培训", "培训班", "face-to-face", "face to face"),
    "online": ("线上", "网络", "在线", "网课", "网络培训", "远程"),
    "supervision": ("督导", "专业督导", "个人督导", "团体督导"),
    "conference": ("会议", "研讨会", "论坛", "年会", "交流会"),
    "other": ("其他", "其它"),
    "degree": ("学历教育", "学历", "学位", "degree"),
}
_FORM_LOOKUP = {form: form for form in TRAINING_FORMS}
_FORM_LOOKUP.update({alias: form for form, names in _FORM_ALIASES.items() for alias in names})

# In-person training fits in the day (Limits.hours_per_day); an online course is often dated by
# its completion day alone, so only the bound of one record holds it.
_IN_PERSON = ("face_to_face", "supervision", "conference")


hours_text = format_hours


def form_label(form: str) -> str:
    return _(_FORM_LABELS.get(form, form))


def subject_label(code: str) -> str:
    return _(_SUBJECT_LABELS.get(code, code))


def parse_subject(raw: object) -> str | None:
    """general (公需科目) or professional (专业科目); None for an empty cell."""
    key = " ".join(str(raw or "").split()).lower().replace("_", " ")
    if not key:
        return None
    found = _SUBJECT_LOOKUP.get(key)
    if found is None:
        raise ValidationError(
            _(
                "Unknown subject category {value!r}: write 公需科目 or 专业科目 (general, "
                "professional), or leave it empty."
            ).format(value=str(raw)),
            "subject",
        )
    return found


def parse_form(raw: object) -> str:
    """The form code (face_to_face, online, supervision, conference, other) for what was written."""
    key = " ".join(str(raw).split()).lower().replace("_", "-")
    found = _FORM_LOOKUP.get(key) or _FORM_LOOKUP.get(key.replace("-", "_"))
    if found is None:
        raise ValidationError(
            _(
                "Unknown training form {value!r}: write 面授, 线上, 督导, 会议, 其他 or 学历教育 "
                "(face_to_face, online, supervision, conference, other, degree)."
            ).format(value=str(raw)),
            "form",
        )
    return found


def parse_hours(raw: object, field: str = "hours") -> float:
    """A positive number of study hours (学时), e.g. 8, 1.5 or "3学时"."""
    if isinstance(raw, bool):
        raise ValidationError(_("{value!r} is not a number of hours.").format(value=raw), field)
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().removesuffix("学时").removesuffix("小时").strip()
        try:
            value = float(text)
        except ValueError:
            raise ValidationError(
                _("{value!r} is not a number of hours.").format(value=str(raw)), field
            ) from None
    # Kept to the hundredth: 0.001 would be kept as 0, which no record may hold.
    if not math.isfinite(value) or round(value, 2) <= 0:
        raise ValidationError(
            _("Hours must be at least 0.01, not {value}.").format(value=str(raw)), field
        )
    return round(value, 2)


@dataclass(frozen=True)
class TrainingEvent:
    title: str
    form: str
    start: dt.date
    end: dt.date
    hours: float
    organiser: str = ""
    note: str = ""
    kind: str = "event"
    id: int | None = None
    subject: str | None = None  # general (公需科目), professional (专业科目) or not said

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def make_event(
    *,
    title: str,
    form: str,
    start: dt.date,
    end: dt.date | None,
    hours: object,
    organiser: str = "",
    note: str = "",
    kind: str = "event",
    limits: Limits = DEFAULT_LIMITS,
    subject: object = None,
) -> TrainingEvent:
    """A checked TrainingEvent; a one-day event may leave ``end`` empty. ``limits`` (the
    profile's) bound the hours. A degree is made by ``make_degree``."""
    clean_title = comparable(clean_text(title or "", "title", _("The training title")))
    if not clean_title:
        raise ValidationError(_("The training title is empty."), "title")
    if len(clean_title) > 200:
        raise ValidationError(_("The training title is longer than 200 characters."), "title")
    if kind not in EVENT_KINDS:
        raise ValidationError(_("Unknown record kind {value!r}.").format(value=kind), "kind")
    end = end or start
    if end < start:
        raise ValidationError(
            _("The training ends ({end}) before it starts ({start}).").format(
                end=end.isoformat(), start=start.isoformat()
            ),
            "end",
        )
    value = check_record_hours(parse_hours(hours), limits)
    if parse_form(form) == "degree":
        raise ValidationError(
            _(
                "A completed degree (学历教育) is recorded on its own (swdesk training add-degree): "
                "it counts the hours the policy sets, at once."
            ),
            "form",
        )
    event = TrainingEvent(
        title=clean_title,
        form=parse_form(form),
        start=start,
        end=end,
        hours=value,
        organiser=comparable(clean_text(organiser or "", "organiser", _("The organiser"))),
        note=clean_text(note or "", "note", _("The note"), multiline=True).strip(),
        kind=kind,
        subject=parse_subject(subject),
    )
    if event.form in _IN_PERSON and value > event.days * limits.hours_per_day:
        raise ValidationError(
            _(
                "{hours} hours of in-person training in {days} day(s) is more than the days hold; check the hours."
            ).format(hours=hours_text(value), days=event.days),
            "hours",
        )
    return event


def make_degree(
    *, degree: str, school: str, completed_on: dt.date, hours: float, today: dt.date
) -> TrainingEvent:
    """A completed social-work degree (学历教育, 民发〔2009〕123号) as one person's record: the
    degree as its title, the school as its organiser, dated the day it was completed, worth
    ``hours`` (the profile's DegreeRule) and counted as 专业科目."""
    title = comparable(clean_text(degree or "", "degree", _("The degree"))).strip()
    if not title:
        raise ValidationError(_("Name the degree, e.g. 社会工作硕士 (MSW)."), "degree")
    if len(title) > 200:
        raise ValidationError(_("The degree is longer than 200 characters."), "degree")
    if completed_on > today:
        raise ValidationError(_("The degree cannot be completed in the future."), "date")
    return TrainingEvent(
        title=title,
        form="degree",
        start=completed_on,
        end=completed_on,
        hours=hours,
        organiser=comparable(clean_text(school or "", "school", _("The school"))).strip(),
        kind="individual",
        subject="professional",
    )


def attendee_hours(event: TrainingEvent, hours: object | None) -> float:
    """The hours credited to one attendee: the event's, or fewer for part attendance."""
    if hours is None or hours == "":
        return event.hours
    value = parse_hours(hours)
    if value > event.hours:
        raise ValidationError(
            _("{hours} hours is more than the event {title!r} lasts ({event_hours} hours).").format(
                hours=hours_text(value),
                title=event.title,
                event_hours=hours_text(event.hours),
            ),
            "hours",
        )
    return value
