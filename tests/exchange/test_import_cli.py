"""`swdesk import` and `swdesk template` as a user runs them: exit codes, what is printed, and the
data file untouched when a row is wrong."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from swdesk.cli.main import main


def test_cli_refuses_the_mistakes_roster_and_changes_nothing(ws, kit, db_path, capsys):
    before = kit.dump(ws)
    code = main(["--db", str(db_path), "import", "staff",
                 str(kit.SAMPLES / "roster-with-mistakes.xlsx")])  # fmt: skip
    out, err = capsys.readouterr()

    assert code == 1
    assert kit.dump(ws) == before
    assert "身份证号码" in out and "Identity number" in out  # the column mapping comes first
    assert 'Row 6, column "身份证号码" (D): ' in err
    assert 'Row 8, column "身份证号码" (D): ' in err
    assert "Nothing was imported" in err


def test_cli_bad_row_among_good_ones_in_chinese(ws, kit, db_path, xlsx, capsys):
    rows = [kit.STAFF_HEADER, kit.staff_row(*kit.LI), kit.staff_row(*kit.WANG, 入职日期="去年")]
    before = kit.dump(ws)
    code = main(["--lang", "zh_CN", "--db", str(db_path), "import", "staff", str(xlsx(rows))])
    _out, err = capsys.readouterr()

    assert code == 1
    assert kit.dump(ws) == before
    assert "第 3 行，「入职日期」列（E 列）：" in err


def test_cli_dry_run_then_import(ws, kit, db_path, capsys):
    sample = str(kit.SAMPLES / "roster-as-kept.xlsx")
    before = kit.dump(ws)
    assert main(["--db", str(db_path), "import", "staff", sample, "--dry-run"]) == 0
    out, _err = capsys.readouterr()
    assert kit.dump(ws) == before
    assert "Dry run" in out and "6" in out and "从事社会工作时间" in out

    assert main(["--db", str(db_path), "import", "staff", sample]) == 0
    out, _err = capsys.readouterr()
    assert "Staff members: 6" in out
    assert ws.db["staff"].count == 6


def test_cli_json_output(ws, kit, db_path, capsys):
    sample = str(kit.SAMPLES / "roster-with-mistakes.xlsx")
    assert main(["--db", str(db_path), "import", "staff", sample, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)

    assert report["ok"] is False and report["written"] is False
    assert [(e["row"], e["column"], e["letter"]) for e in report["errors"]] == [
        (6, "身份证号码", "D"),
        (8, "身份证号码", "D"),
    ]
    assert {"letter": "A", "header": "序号", "field": None, "label": ""} in report["columns"]


def test_cli_template_needs_no_data_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "培训模板.xlsx"
    assert main(["template", "training", "-o", str(target)]) == 0
    assert "培训模板.xlsx" in capsys.readouterr().out
    assert load_workbook(target).worksheets[0]["A1"].value == "身份证号"
    assert list(tmp_path.glob("*.db")) == []
