"""Import templates: headers, a note on each, the identity column as text, instructions; and a
filled-in template imports (its untouched example row is skipped)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from swdesk.domain.errors import SwdeskError
from swdesk.exchange.headers import KINDS
from swdesk.exchange.templates import template_fields, write_template
from swdesk.services.imports import run_import


@pytest.mark.parametrize("kind", KINDS)
def test_template_has_headers_notes_example_and_instructions(tmp_path, kind):
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    book = load_workbook(path)
    sheet, notes = book.worksheets
    assert notes.title == "说明"
    fields = template_fields(kind)
    headers = [c.value for c in sheet[1]]
    assert headers == [f.template_header for f in fields]
    assert "身份证号" in headers
    for cell, field in zip(sheet[1], fields, strict=True):
        assert cell.comment is not None and field.title() in cell.comment.text
        if field.required:
            assert "Required" in cell.comment.text
    id_letter = sheet.cell(row=1, column=headers.index("身份证号") + 1).column_letter
    assert sheet.column_dimensions[id_letter].number_format == "@"
    assert sheet[f"{id_letter}2"].number_format == "@"
    assert isinstance(sheet[f"{id_letter}2"].value, str)
    instructions = " ".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)
    assert all(f.template_header in instructions for f in fields)


def _fill(path, values):
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    sheet.append([values.get(h) for h in headers])
    book.save(path)


def test_templates_round_trip(on_staff, kit, tmp_path):
    rows = {
        "staff": {"姓名": "孙丽", "身份证号": "450602199001020020", "性别": "女",
                  "入职日期": "2024/3/1", "在编公务员": "否"},
        "credentials": {"身份证号": kit.LI[1], "证书等级": "社会工作师", "证书编号": "T-1",
                        "取得日期": dt.datetime(2024, 11, 2)},
        "training": {"身份证号": kit.LI[1], "培训名称": "个案督导", "开始日期": "2025年6月3日",
                     "学时": 3, "形式": "督导"},
        "awards": {"身份证号": kit.LI[1], "奖励类型": "专业水平提升奖励", "证书等级": "社会工作师",
                   "金额": 2000, "发放日期": "2025-09-01"},
        # The credentials row above gave 李明 the social-worker certificate this grade needs.
        "grades": {"身份证号": kit.LI[1], "岗位等级": "社会工作师三级", "聘用日期": "2025-01-01"},
    }  # fmt: skip
    expected = {
        "staff": {"staff": 1},
        "credentials": {"credentials": 1},
        "training": {"training_events": 1, "attendance": 1},
        "awards": {"award_payments": 1},
        "grades": {"grade_appointments": 1},
    }
    for kind in KINDS:
        path = write_template(kind, tmp_path / f"{kind}.xlsx")
        _fill(path, rows[kind])
        result = run_import(on_staff, kind, path)
        assert result.errors == (), kind
        assert result.skipped == (2,), kind  # the example row, left as written
        assert result.to_add == expected[kind], kind


def test_an_untouched_template_has_nothing_to_import(ws, tmp_path):
    result = run_import(ws, "staff", write_template("staff", tmp_path / "t.xlsx"))
    assert result.skipped == (2,)
    assert not result.ok and "no data rows" in result.errors[0].message


def test_template_needs_a_known_kind_and_an_xlsx_name(tmp_path):
    with pytest.raises(SwdeskError, match="Unknown kind"):
        write_template("salaries", tmp_path / "x.xlsx")
    with pytest.raises(SwdeskError, match=r"\.xlsx"):
        write_template("staff", tmp_path / "x.csv")
