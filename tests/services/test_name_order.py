"""Printouts and exports list people by name in pinyin order, the order the staff table sorts in
(swdesk.i18n.collate.name_key stands in for QCollator where there is no Qt)."""

from __future__ import annotations

import io

import openpyxl
from pypdf import PdfReader

from swdesk.i18n.collate import name_key
from swdesk.services.exports import export_ce_table
from swdesk.services.printing import print_ce_summary, print_holders
from swdesk.services.workspace import Workspace

MIXED = [
    "张三",
    "阿依古丽·买买提",
    "陈思琪",
    "Zoe Li",
    "曾磊",
    "黄丽华",
    "anne",
    "吕红",
    "卢伟",
    "黄立",
]


def test_the_key_orders_chinese_names_by_pinyin_then_tone_and_other_scripts_after() -> None:
    # a, ceng (曾's common reading), chen, huang, lu (卢 lú before 吕 lǚ), zhang; then Latin.
    assert sorted(MIXED, key=name_key) == [
        "阿依古丽·买买提", "曾磊", "陈思琪", "黄丽华", "黄立", "卢伟", "吕红", "张三", "anne", "Zoe Li",
    ]  # fmt: skip
    # Tones order the same syllable: 李 lǐ before 力 lì; a name before the longer one it begins.
    assert sorted(["力明", "李明", "李"], key=name_key) == ["李", "李明", "力明"]


def test_numbers_in_names_sort_by_their_value() -> None:
    names = ["第10社会工作服务中心", "第2社会工作服务中心", "第1社会工作服务中心", "第1分中心"]
    assert sorted(names, key=name_key) == [
        "第1分中心", "第1社会工作服务中心", "第2社会工作服务中心", "第10社会工作服务中心",
    ]  # fmt: skip


def test_the_exported_ce_table_lists_people_by_name(demo_ws: Workspace, tmp_path) -> None:
    path, report = export_ce_table(demo_ws, 2026, tmp_path / "ce.xlsx")
    names = [row.staff.name for row in report.rows]
    assert len(names) > 40 and names == sorted(names, key=name_key)
    sheet = openpyxl.load_workbook(path).active
    column = [c.value for c in next(sheet.iter_cols(min_col=2, max_col=2))]
    listed = [v for v in column if v in set(names)]
    assert listed == names


def _order_in(pdf: bytes, names: list[str]) -> list[str]:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    found = [(text.find(name), name) for name in names if name in text]
    return [name for _at, name in sorted(found)]


def test_the_printed_tables_list_people_by_name(demo_ws: Workspace) -> None:
    from swdesk.services.staff import list_staff

    names = [p.name for p in list_staff(demo_ws)]
    in_ce = _order_in(print_ce_summary(demo_ws, 2026), names)
    assert len(in_ce) > 40 and in_ce == sorted(in_ce, key=name_key)
    assert in_ce[0] == "阿依古丽·买买提"
    # The register groups by level, each group by name.
    assert len(_order_in(print_holders(demo_ws), names)) > 20
