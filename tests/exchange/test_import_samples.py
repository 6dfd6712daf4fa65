"""The two real-world rosters (copies in tests/fixtures/samples): taken as kept, or refused with every mistake
named by row and column."""

from __future__ import annotations

import datetime as dt

from swdesk.i18n import set_language
from swdesk.services.imports import run_import
from swdesk.services.staff import list_staff


def test_roster_as_kept_imports_six_people_with_normalised_values(ws, kit):
    result = run_import(ws, "staff", kit.SAMPLES / "roster-as-kept.xlsx")

    assert result.errors == ()
    assert result.written
    assert result.to_add == {"staff": 6}
    people = {p.name: p for p in list_staff(ws)}
    assert set(people) == {"黄丽华", "覃志强", "韦秀英", "梁伟", "欧阳晓燕", "阿依古丽·买买提"}
    assert people["覃志强"].hire_date == dt.date(2016, 7, 15)  # an Excel date cell
    assert people["韦秀英"].hire_date == dt.date(2021, 9, 1)  # 2021.09.01
    assert people["梁伟"].hire_date == dt.date(2014, 2, 10)  # 2014年2月10日
    assert people["欧阳晓燕"].hire_date == dt.date(2023, 7, 1)  # full-width digits
    assert people["梁伟"].civil_servant is True
    assert [p.name for p in people.values() if p.civil_servant] == ["梁伟"]
    assert people["黄丽华"].sex == "F" and people["覃志强"].sex == "M"
    assert people["黄丽华"].social_work_since == dt.date(2019, 3, 1)
    assert people["黄丽华"].phone == "13977000001"
    assert people["阿依古丽·买买提"].note == "少数民族姓名含间隔号"


def test_roster_as_kept_preview_shows_how_each_column_was_read(ws, kit):
    before = kit.dump(ws)
    result = run_import(ws, "staff", kit.SAMPLES / "roster-as-kept.xlsx", dry_run=True)

    assert kit.dump(ws) == before
    assert result.ok and not result.written
    assert result.to_add == {"staff": 6}
    assert result.sheet == "花名册" and result.header_row == 3
    read = {(c.letter, c.header): c.field for c in result.columns}
    assert read[("A", "序号")] is None
    assert read[("D", "身份证号码")] == "id_number"
    assert read[("E", "联系电话")] == "phone"
    assert read[("H", "入职时间")] == "hire_date"
    assert read[("I", "从事社会工作时间")] == "social_work_since"
    assert read[("J", "是否在编公务员")] == "civil_servant"
    assert "6" in result.summary()


def test_roster_with_mistakes_is_refused_naming_both_rows(ws, kit):
    before = kit.dump(ws)
    result = run_import(ws, "staff", kit.SAMPLES / "roster-with-mistakes.xlsx")

    assert kit.dump(ws) == before
    assert not result.ok and not result.written
    assert [(e.row, e.column, e.letter) for e in result.errors] == [
        (6, "身份证号码", "D"),
        (8, "身份证号码", "D"),
    ]
    stored_as_number, wrong_check = (e.describe() for e in result.errors)
    assert stored_as_number.startswith('Row 6, column "身份证号码" (D): ')
    assert "4.5060219930125e+17" in stored_as_number
    assert "format the column as text" in stored_as_number.lower()
    assert "type the number again" in stored_as_number
    assert wrong_check.startswith('Row 8, column "身份证号码" (D): ')
    assert "check character" in wrong_check and "4506**********0501" in wrong_check
    assert result.to_add == {"staff": 0}


def test_roster_with_mistakes_speaks_chinese(ws, kit):
    set_language("zh_CN")
    result = run_import(ws, "staff", kit.SAMPLES / "roster-with-mistakes.xlsx")

    first, second = (e.describe() for e in result.errors)
    assert first.startswith("第 6 行，「身份证号码」列（D 列）：")
    assert "文本" in first  # format the column as text
    assert second.startswith("第 8 行，「身份证号码」列（D 列）：")
    assert "校验码" in second
