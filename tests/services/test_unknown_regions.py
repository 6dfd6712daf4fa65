"""An identity number whose region is unknown for its birth year, through the services, the command
line and the staff import: refused until accepted, listed as a warning with its row on import."""

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.domain.errors import UnknownRegion
from swdesk.services import staff
from swdesk.services.imports import run_import
from swdesk.services.workspace import Workspace

NOT_YET = "110111198012010078"  # 房山区 from 1986, born 1980
KNOWN = idnumber.make("452822", dt.date(1988, 3, 14), 211)


def test_the_service_refuses_until_accepted_and_an_edit_keeps_an_accepted_number(
    ws: Workspace,
) -> None:
    with pytest.raises(UnknownRegion, match="110111"):
        staff.add_staff(ws, name="张三", id_number=NOT_YET)
    assert ws.db["staff"].count == 0
    new_id = staff.add_staff(
        ws, name="张三", id_number=NOT_YET, accept_unknown_region=True
    ).created_id
    # Changing the name keeps the number as accepted; changing to another unknown one asks again.
    staff.update_staff(ws, new_id, name="张山")
    other = "990426199112010074"
    with pytest.raises(UnknownRegion):
        staff.update_staff(ws, new_id, id_number=other)
    staff.update_staff(ws, new_id, id_number=other, accept_unknown_region=True)
    assert staff.get_staff(ws, new_id).id_number == other


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_needs_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "a.db")
    assert (
        run(capsys, "--db", db, "init", "--agency", "测试", "--profile", "fangchenggang-2023")[0]
        == 0
    )
    code, _out, err = run(capsys, "--db", db, "staff", "add", "张三", NOT_YET)
    assert code == 1
    assert "房山区" in err and "--accept-unknown-region" in err and NOT_YET not in err
    code, out, _err = run(
        capsys, "--db", db, "staff", "add", "张三", NOT_YET, "--accept-unknown-region"
    )
    assert code == 0 and "张三" in out
    # A wrong check character is an error the flag does not lift.
    wrong = NOT_YET[:17] + "9"
    code, _out, err = run(
        capsys, "--db", db, "staff", "add", "李四", wrong, "--accept-unknown-region"
    )
    assert code == 1 and "check character" in err


def test_the_import_lists_the_warning_with_its_row_and_imports_the_row(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["张三", NOT_YET])
    book.active.append(["李明", KNOWN])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    result = run_import(ws, "staff", path)
    assert result.ok and result.written and ws.db["staff"].count == 2
    [warning] = result.warnings
    assert (warning.row, warning.letter, warning.field) == (2, "B", "id_number")
    assert "110111" in warning.message and NOT_YET not in warning.message
    assert "1 warning" in result.summary()
    assert result.as_dict()["warnings"][0]["row"] == 2
    code, _out, err = run(capsys, "--db", str(ws.path), "import", "staff", str(path), "--dry-run")
    assert "Warning: Row 2" in err  # nothing new to add: both are on file now
