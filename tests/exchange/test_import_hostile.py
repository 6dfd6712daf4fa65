"""Files that used to end in a traceback: CR-only line ends, a cell longer than the CSV module's
limit, a stray cell in column XFD on every row, amounts and hours past every bound. Each is now
a message naming the file, or the row and column."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from swdesk.cli.main import main
from swdesk.exchange.sheets import SheetError, read_table
from swdesk.services.imports import run_import


def test_a_csv_with_cr_only_line_ends_is_read(on_staff, kit, tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    rows = [kit.STAFF_HEADER, kit.staff_row("周一", "450602199001010017")]
    path.write_bytes("\r".join(",".join(r) for r in rows).encode("utf-8") + b"\r")
    result = run_import(on_staff, "staff", path)
    assert result.errors == () and result.rows_ok == 1


def test_a_cell_past_the_csv_limit_is_a_message_with_the_file_and_line(
    on_staff, kit, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.csv"
    row = kit.staff_row("周一", "450602199001010017")
    row[-1] = "否" + "x" * 140_000
    path.write_text(
        ",".join(kit.STAFF_HEADER) + "\n" + ",".join(kit.staff_row("郑三", "450602199001020020"))
        + "\n" + ",".join(row) + "\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(SheetError, match=r"huge.csv cannot be read as CSV at line 3: a cell is "):
        run_import(on_staff, "staff", path)
    code = main(["--lang", "en", "--db", str(on_staff.path), "import", "staff", str(path)])
    assert code == 1 and "Traceback" not in capsys.readouterr().err


def test_a_cell_in_column_xfd_on_every_row_does_not_widen_the_rows(tmp_path: Path, kit) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(kit.STAFF_HEADER)
    for n in range(2000):
        row: list[object] = [None] * 16384
        row[:7] = kit.staff_row(f"人{n}", "450602199001010017")
        row[-1] = "x"
        sheet.append(row)
    path = tmp_path / "wide.xlsx"
    book.save(path)
    started = time.monotonic()
    table = read_table(path, "staff")
    assert len(table.rows) == 2000 and {len(r.values) for r in table.rows} == {7}
    print(f"\n2000 rows reaching column XFD read in {time.monotonic() - started:.2f} s")


@pytest.mark.parametrize(
    ("kind", "rows", "column", "words"),
    [
        ("awards", [["身份证号", "奖励类型", "金额", "发放日期"],
                    ["{LI}", "考试费用报销", "10000000000000000000", "2024-08-01"]],
         "C", "more than the 1,000,000 yuan"),
        ("awards", [["身份证号", "奖励类型", "金额", "发放日期"],
                    ["{LI}", "考试费用报销", "nan", "2024-08-01"]], "C", "is not a number"),
        ("training", [["身份证号", "培训名称", "开始日期", "学时", "形式"],
                      ["{LI}", "线上课", "2025-03-01", "1e300", "线上"]],
         "D", "more than the 200"),
        ("training", [["身份证号", "培训名称", "开始日期", "学时", "形式"],
                      ["{LI}", "线上课", "2025-03-01", 10000, "线上"]], "D", "more than the 200"),
        ("staff", [["姓名", "身份证号"], ["坏\u202e名", "450602199001010017"]], "A",
         "invisible control character"),
        ("training", [["身份证号", "培训名称", "开始日期", "学时", "形式"],
                      ["{LI}", "课\x1b[31m", "2025-03-01", 2, "线上"]], "B",
         "invisible control character"),
    ],
)  # fmt: skip
def test_poison_values_in_a_sheet_are_row_and_column_errors(
    on_staff, kit, tmp_path: Path, kind: str, rows: list, column: str, words: str
) -> None:
    path = tmp_path / "poison.csv"
    text = "\n".join(",".join(str(c).replace("{LI}", kit.LI[1]) for c in r) for r in rows)
    path.write_text(text + "\n", encoding="utf-8")
    before = kit.dump(on_staff)
    result = run_import(on_staff, kind, path)
    assert [(e.row, e.letter) for e in result.errors] == [(2, column)]
    assert words in result.errors[0].message
    assert kit.dump(on_staff) == before


def test_a_zero_width_space_in_a_sheet_joins_the_event_on_file(on_staff, kit, xlsx) -> None:
    header = ["身份证号", "培训名称", "开始日期", "学时", "形式", "主办单位"]
    run_import(on_staff, "training", xlsx([header, [kit.LI[1], "伦理培训", "2025-05-10", 6,
                                                    "面授", "市社工协会"]]))  # fmt: skip
    result = run_import(on_staff, "training", xlsx([header, [kit.WANG[1], "伦理\u200b培训",
                                                             "2025-05-10", 6, "面授",
                                                             "市社工协会\u200d"]]))  # fmt: skip
    assert result.errors == () and result.to_add == {"training_events": 0, "attendance": 1}
    assert on_staff.db["training_events"].count == 1


def test_a_certificate_in_another_case_in_a_sheet_is_a_duplicate(on_staff, kit, xlsx) -> None:
    from swdesk.services.staff import add_credential

    add_credential(on_staff, kit.LI[1], level="助理社会工作师", certificate_number="G202145000050",
                   obtained_on=dt.date(2021, 6, 20))  # fmt: skip
    header = ["身份证号", "证书等级", "证书编号", "取得日期"]
    result = run_import(on_staff, "credentials", xlsx([
        header, [kit.WANG[1], "助理社会工作师", "g202145000050", "2021-06-20"],
        [kit.ZHAO[1], "助理社会工作师", "Ｈ2021", "2021-06-20"],
        [kit.ZHAO[1], "社会工作师", "h2021", "2022-06-20"]]))  # fmt: skip
    assert [(e.row, e.letter) for e in result.errors] == [(2, "C"), (4, "C")]
    assert "already recorded" in result.errors[0].message
    assert "already in row 3" in result.errors[1].message
