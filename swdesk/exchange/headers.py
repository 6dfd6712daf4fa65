"""The columns each kind of import reads: field name, label, the header words offices write for it
(Chinese and English, including the variants seen in real rosters), whether it is required, the
template's example value and the note shown on the template's header."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from swdesk.domain import idnumber
from swdesk.i18n import N_, _

KINDS = ("staff", "credentials", "training", "awards", "grades")


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the canonical field name (English key, also the English header)
    label: str  # N_-marked; translate with _() at display time
    headers: tuple[str, ...]  # the first is the template's header
    required: bool = False
    example: object = ""
    note: str = ""  # N_-marked explanation for the template

    def title(self) -> str:
        return _(self.label)

    @property
    def template_header(self) -> str:
        return self.headers[0]


_EXAMPLE_ID = idnumber.make("450602", dt.date(1990, 5, 1), 123)

_ID = FieldSpec(
    "id_number",
    N_("Identity number"),
    ("身份证号", "身份证号码", "公民身份号码", "身份号码", "身份证", "证件号码", "身份证件号码")
    + ("id_number", "id number", "id no", "identity number", "id card"),
    required=True,
    example=_EXAMPLE_ID,
    note=N_("18 characters, the last may be X. Format this column as text before typing numbers."),
)
_NAME = FieldSpec(
    "name",
    N_("Name"),
    ("姓名", "名字", "员工姓名", "人员姓名", "name", "full name"),
    required=True,
    example="张三",
    note=N_("As on the identity card; the dot of minority names (·) is kept."),
)
# Credentials, training and awards rows are matched by identity number; a name there is checked.
_NAME_CHECK = FieldSpec(
    "name",
    N_("Name"),
    _NAME.headers,
    example="张三",
    note=N_("Optional: if given, it must match the staff list."),
)
_LEVEL = FieldSpec(
    "level",
    N_("Certificate level"),
    (
        "证书等级",
        "等级",
        "级别",
        "证书级别",
        "职业水平等级",
        "资格等级",
        "level",
        "certificate level",
    ),
    required=True,
    example="助理社会工作师",
    note=N_("助理社会工作师, 社会工作师 or 高级社会工作师."),
)
_DATES_NOTE = N_("A date: 2024-05-01, 2024/5/1, 2024年5月1日 or an Excel date.")

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "staff": (
        _NAME,
        FieldSpec(
            "sex",
            N_("Sex"),
            ("性别", "sex", "gender"),
            example="男",
            note=N_("男 or 女; optional, it is read from the identity number and checked."),
        ),
        _ID,
        FieldSpec(
            "phone",
            N_("Phone"),
            ("手机号", "手机号码", "手机", "联系电话", "电话", "电话号码", "联系方式")
            + ("phone", "mobile", "telephone", "phone number"),
            example="13800000000",
            note=N_("Optional."),
        ),
        FieldSpec(
            "education",
            N_("Education"),
            ("学历", "最高学历", "文化程度", "education"),
            example="本科",
            note=N_("Optional, e.g. 大专, 本科, 硕士."),
        ),
        FieldSpec(
            "major",
            N_("Major"),
            ("专业", "所学专业", "major", "speciality", "specialty"),
            example="社会工作",
            note=N_("Optional."),
        ),
        FieldSpec(
            "hire_date",
            N_("Hire date"),
            ("入职日期", "入职时间", "入职年月日", "到岗时间", "聘用日期")
            + ("hire_date", "hire date", "date hired"),
            example=dt.date(2020, 3, 1),
            note=_DATES_NOTE,
        ),
        FieldSpec(
            "social_work_since",
            N_("In social work in the city since"),
            ("本市社会工作起始日期", "本市社会工作起始时间", "从事社会工作时间", "从事社会工作日期")
            + ("从事社会工作起始时间", "从事社会工作起始日期", "社会工作起始日期", "从事社工时间")
            + ("social_work_since", "social work since"),
            example=dt.date(2020, 3, 1),
            note=N_(
                "The day continuous social work in this city began; it decides when the "
                "two-year service condition of the level award is met."
            ),
        ),
        FieldSpec(
            "civil_servant",
            N_("Civil servant on establishment"),
            ("在编公务员", "是否在编公务员", "在职在编公务员", "是否在职在编公务员", "是否公务员")
            + ("civil_servant", "civil servant"),
            example="否",
            note=N_(
                "是 or 否; empty means 否. Civil servants on establishment get no level award."
            ),
        ),
        FieldSpec(
            "birth_date",
            N_("Birth date"),
            ("出生日期", "出生年月日", "birth_date", "birth date", "date of birth"),
            note=N_("Optional; checked against the identity number."),
        ),
        FieldSpec(
            "leave_date",
            N_("Leave date"),
            ("离职日期", "离职时间", "leave_date", "leave date"),
            note=N_("Optional; only for people who have left."),
        ),
        FieldSpec("note", N_("Note"), ("备注", "note", "notes", "remarks"), note=N_("Optional.")),
    ),
    "credentials": (
        _ID,
        _NAME_CHECK,
        _LEVEL,
        FieldSpec(
            "certificate_number",
            N_("Certificate number"),
            ("证书编号", "证书号", "证书号码", "管理号")
            + ("certificate_number", "certificate number", "certificate no"),
            required=True,
            example="20200450600001",
            note=N_("As printed on the certificate; certificate numbers are unique."),
        ),
        FieldSpec(
            "obtained_on",
            N_("Date obtained"),
            ("取得日期", "取得时间", "发证日期", "获证日期", "获证时间", "取证时间")
            + ("obtained_on", "obtained on", "date obtained"),
            required=True,
            example=dt.date(2020, 10, 15),
            note=_DATES_NOTE,
        ),
        FieldSpec(
            "registered_on",
            N_("Registration date"),
            ("登记日期", "登记时间", "注册日期", "首次登记日期")
            + ("registered_on", "registered on", "registration date"),
            example=dt.date(2021, 3, 1),
            note=N_("Optional. A date, not before the date obtained."),
        ),
        FieldSpec(
            "issuing_body",
            N_("Issuing body"),
            ("发证机关", "发证单位", "颁发机构", "issuing_body", "issuing body", "issued by"),
            note=N_("Optional."),
        ),
    ),
    "training": (
        _ID,
        _NAME_CHECK,
        FieldSpec(
            "title",
            N_("Training title"),
            ("培训名称", "培训主题", "课程名称", "培训内容", "title", "training", "course"),
            required=True,
            example="社会工作伦理与实务培训",
            note=N_("Rows with the same title, dates, form and organiser are one event."),
        ),
        FieldSpec(
            "start_date",
            N_("Start date"),
            ("开始日期", "开始时间", "培训开始日期", "起始日期", "培训日期")
            + ("start_date", "start date", "date"),
            required=True,
            example=dt.date(2024, 5, 1),
            note=_DATES_NOTE,
        ),
        FieldSpec(
            "end_date",
            N_("End date"),
            ("结束日期", "结束时间", "培训结束日期", "end_date", "end date"),
            example=dt.date(2024, 5, 2),
            note=N_("Optional; empty means the training lasted one day."),
        ),
        FieldSpec(
            "hours",
            N_("Study hours"),
            ("学时", "学时数", "培训学时", "课时", "小时数", "hours", "study hours"),
            required=True,
            example=12,
            note=N_("The hours this person earned, more than 0 and at most 24 a day."),
        ),
        FieldSpec(
            "form",
            N_("Form"),
            ("形式", "培训形式", "方式", "培训方式", "form", "format", "mode"),
            required=True,
            example="面授",
            note=N_(
                "面授, 线上, 督导, 会议 or 其他; 学历教育 for a completed social-work degree (it "
                "counts the policy's hours at once)."
            ),
        ),
        FieldSpec(
            "organiser",
            N_("Organiser"),
            ("主办单位", "举办单位", "培训机构", "组织单位", "organiser", "organizer"),
            example="市社会工作协会",
            note=N_("Optional."),
        ),
        FieldSpec(
            "subject",
            N_("Subject category"),
            ("科目类别", "科目", "课程类别", "科目类型", "subject", "subject category"),
            example="专业科目",
            note=N_("公需科目 or 专业科目; optional. A degree (学历教育) counts as 专业科目."),
        ),
    ),
    "awards": (
        _ID,
        _NAME_CHECK,
        FieldSpec(
            "award",
            N_("Award"),
            ("奖励类型", "奖励项目", "奖励名称", "类型", "项目", "award", "award type"),
            required=True,
            example="专业水平提升奖励",
            note=N_("专业水平提升奖励 or 考试费用报销."),
        ),
        FieldSpec(
            "level",
            _LEVEL.label,
            _LEVEL.headers,
            example="助理社会工作师",
            note=N_("Required for the level award: the level it was paid for."),
        ),
        FieldSpec(
            "amount",
            N_("Amount (CNY)"),
            ("金额", "发放金额", "奖励金额", "amount"),
            required=True,
            example=1000,
            note=N_("Whole yuan, more than 0."),
        ),
        FieldSpec(
            "paid_on",
            N_("Date paid"),
            ("发放日期", "发放时间", "支付日期", "paid_on", "paid on", "date paid"),
            required=True,
            example=dt.date(2023, 9, 15),
            note=_DATES_NOTE,
        ),
        FieldSpec(
            "exam_year",
            N_("Exam year"),
            ("考试年度", "考试年份", "考试年", "exam_year", "exam year"),
            note=N_(
                "Required for 考试费用报销: the year of the exam sitting, so that it is not "
                "claimed again."
            ),
        ),
    ),
    "grades": (
        _ID,
        _NAME_CHECK,
        FieldSpec(
            "grade",
            N_("Post grade"),
            ("岗位等级", "聘用岗位", "岗位", "岗位名称", "岗位级别", "grade", "post grade"),
            required=True,
            example="助理社会工作师二级岗位",
            note=N_(
                "As the ladder prints it (助理社会工作师二级岗位), without 岗位, or its code (ASW2)."
            ),
        ),
        FieldSpec(
            "appointed_on",
            N_("Appointed on"),
            ("聘用日期", "聘任日期", "聘用时间", "聘任时间", "任职日期", "起聘日期")
            + ("appointed_on", "appointed on", "date appointed"),
            required=True,
            example=dt.date(2024, 9, 1),
            note=_DATES_NOTE,
        ),
        FieldSpec("note", N_("Note"), ("备注", "note", "notes", "remarks"), note=N_("Optional.")),
    ),
}

KIND_LABELS = {
    "staff": N_("staff"),
    "credentials": N_("certificates"),
    "training": N_("training hours"),
    "awards": N_("award payments"),
    "grades": N_("post grade appointments"),
}

_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]|【.*?】|<.*?>")
_NOISE = re.compile(r"[\s_\-*:：/]+")


def normalize_header(text: object) -> str:
    """Header text compared loosely: full-width folded, notes in brackets, spaces, *, : dropped."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    folded = _BRACKETS.sub("", folded)
    return _NOISE.sub("", folded).lower()


_LOOKUP: dict[str, dict[str, FieldSpec]] = {
    kind: {normalize_header(h): spec for spec in specs for h in spec.headers}
    for kind, specs in FIELDS.items()
}


def field_for(kind: str, header: object) -> FieldSpec | None:
    """The field a header cell names for this kind of import, or None."""
    return _LOOKUP[kind].get(normalize_header(header))


def spec(kind: str, name: str) -> FieldSpec:
    return next(s for s in FIELDS[kind] if s.name == name)
