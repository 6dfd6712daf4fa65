"""Submission files from elsewhere are hostile until checked: altered parts, edited records,
a newer format, zip bombs, things that do not belong, markup and formula text. Each is refused
with what is wrong and nothing written — or, if it is only odd text, imported intact."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import bureau_kit as kit
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from swdesk.exchange import submission_file
from swdesk.exchange.submission_file import FileRefused
from swdesk.services.bureau_receive import receive
from swdesk.services.bureau_summary import export_bureau_summary, print_bureau_summary
from swdesk.services.staff import list_staff
from swdesk.services.workspace import Workspace

TABLES = (
    "received_files", "agency_records", "record_people", "record_certificates",
    "record_ce_results", "record_claims", "record_payments", "findings", "claim_decisions",
    "reporting_units", "attachments", "audit_log",
)  # fmt: skip


def counts(ws: Workspace) -> dict[str, int]:
    return {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("agency")
    a = kit.agency(folder, "阳光社工", 1)
    number = kit.person(a, "黄丽华", 11)
    kit.person(a, "梁伟", 12)
    kit.training(a, [number], 12, dt.date(2026, 5, 10))
    kit.claim(a, number, dt.date(2026, 3, 2))
    path = kit.submit(a, folder, at=kit.at(dt.date(2026, 11, 1)))
    a.close()
    return path


@pytest.fixture
def district(tmp_path: Path) -> Workspace:
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    yield ws
    ws.close()


def refused(district: Workspace, path: Path, *words: str) -> FileRefused:
    before = counts(district)
    with pytest.raises(FileRefused) as caught:
        receive(district, [path])
    assert counts(district) == before, "a refused file wrote something"
    for word in words:
        assert word in str(caught.value), (word, str(caught.value))
    return caught.value


def test_a_good_file_is_taken(district: Workspace, good: Path) -> None:
    receive(district, [good])
    assert counts(district)["record_people"] == 2


def test_a_part_altered_after_it_was_made_is_refused(district, good, tmp_path) -> None:
    # The same number of bytes, so only the hash can tell.
    with zipfile.ZipFile(good) as zf:
        raw = zf.read("data.json")
    edited = raw.replace(b'"amount":"2000.00"', b'"amount":"5000.00"', 1)
    assert edited != raw and len(edited) == len(raw)
    bad = kit.rewrite(good, tmp_path / "bad.zip", raw_data=edited, fix_hashes=False)
    refused(district, bad, "data.json", "SHA-256", "nothing was changed")


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (
            lambda d: d["records"][0]["people"][0].update(id_number="450602199001010110"),
            ["records[0].people[0].id_number", "check character"],
        ),
        (
            lambda d: d["records"][0]["agency"].update(credit_code="52450600MJ0000001A"),
            ["records[0].agency.credit_code"],
        ),
        (
            lambda d: d["records"][0]["people"][0].update(salary="9000"),
            ["records[0].people[0].salary", "not a field"],
        ),
        (
            lambda d: d["records"][0]["claims"][0].update(id_number=kit.id_number(99)),
            ["records[0].claims[0].id_number", "not among the people"],
        ),
        (
            lambda d: d["records"][0]["claims"][0].update(amount="-1.00"),
            ["records[0].claims[0].amount"],
        ),
        (
            lambda d: d["records"][0]["claims"][0].update(amount=2000),
            ["records[0].claims[0].amount"],
        ),
        (lambda d: d["records"][0]["ce_results"][0].update(total=float("nan")), ["NaN"]),
        (
            lambda d: d["records"][0]["ce_results"][0].update(reason={"key": "{x.__class__}"}),
            ["records[0].ce_results[0].reason", "not a field"],
        ),
        (
            lambda d: d["records"][0]["people"][1].update(name="梁\a伟"),
            ["records[0].people[1].name", "U+0007"],
        ),
        (
            lambda d: d["records"][0]["people"][0].update(name="黄\u202e丽华"),
            ["records[0].people[0].name", "U+202E"],
        ),
        (
            lambda d: d["records"][0]["people"].append(dict(d["records"][0]["people"][0])),
            ["listed twice"],
        ),
        (lambda d: d.update(period=2025), ["period"]),
        (
            lambda d: d["records"][0].update(created_at="2031-01-01T00:00:00+08:00"),
            ["in the future"],
        ),
    ],
    ids=[
        "identity-check-character",
        "credit-code",
        "unknown-field",
        "claim-for-nobody",
        "negative-amount",
        "amount-as-number",
        "nan",
        "no-reason-travels",
        "control-character",
        "bidi-override",
        "person-twice",
        "period-disagrees",
        "made-in-the-future",
    ],  # fmt: skip
)
def test_edited_records_are_refused_with_where_and_why(district, good, tmp_path, edit, words):
    bad = kit.rewrite(good, tmp_path / "bad.zip", data=edit)
    refused(district, bad, *words)


def test_a_newer_format_is_refused_naming_both_versions(district, good, tmp_path) -> None:
    def newer(head: dict) -> None:
        head["format_version"] = 2
        head["program_version"] = "3.0.0"

    error = refused(district, kit.rewrite(good, tmp_path / "new.zip", manifest=newer))
    assert "version 2" in str(error) and "up to 1" in str(error) and "3.0.0" in str(error)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(district, good, tmp_path, monkeypatch):
    # 40 MB of zeros compress to 40 KB; the part limit is lowered so the test stays small.
    monkeypatch.setitem(submission_file.PART_LIMITS, "data.json", 1 << 20)
    bomb = b" " * (40 << 20)
    declared_small = kit.rewrite(good, tmp_path / "bomb1.zip", raw_data=bomb, fix_hashes=False)
    refused(district, declared_small, "not the size its manifest gives")
    declared_whole = kit.rewrite(good, tmp_path / "bomb2.zip", raw_data=bomb)
    assert declared_whole.stat().st_size < 1 << 20
    refused(district, declared_whole, "more than the 1048576 bytes")


@pytest.mark.parametrize(
    ("name", "body", "words"),
    [
        ("agency.db", b"SQLite format 3\x00", ["agency.db", "does not belong"]),
        ("run.exe", b"MZ", ["run.exe", "does not belong"]),
        ("../../evil.txt", b"x", ["does not belong"]),
    ],
)
def test_nothing_that_does_not_belong_travels(district, good, tmp_path, name, body, words):
    refused(district, kit.rewrite(good, tmp_path / "extra.zip", extra={name: body}), *words)


def _replace_part(good: Path, target: Path, part: str, body: bytes) -> Path:
    with zipfile.ZipFile(good) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts[part] = body
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return kit.rewrite(target, target.with_name("fixed-" + target.name))


def test_a_workbook_with_macros_is_refused(district, good, tmp_path) -> None:
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/vbaProject.bin", b"\x00" * 16)
    bad = _replace_part(good, tmp_path / "macro.zip", "tables.xlsx", book.getvalue())
    refused(district, bad, "tables.xlsx", "macros")


def test_a_pdf_with_a_script_is_refused(district, good, tmp_path) -> None:
    pdf = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n"
    bad = _replace_part(good, tmp_path / "script.zip", "tables.pdf", pdf)
    refused(district, bad, "tables.pdf", "script")
    # A stream's bytes are data: the same letters in a font or a page do not count.
    data = b"%PDF-1.4\n1 0 obj << /Length 9 >>\nstream\n/JS /Launch\nendstream\nendobj\n"
    receive(district, [_replace_part(good, tmp_path / "font.zip", "tables.pdf", data)])


def test_duplicate_keys_and_other_non_json_are_refused(district, good, tmp_path) -> None:
    with zipfile.ZipFile(good) as zf:
        text = zf.read("data.json").decode("utf-8")
    twice = text.replace('"period":2026,', '"period":2026,"period":2025,', 1)
    refused(district, kit.rewrite(good, tmp_path / "dup.zip", raw_data=twice.encode()), "twice")
    deep = b"[" * 100_000 + b"]" * 100_000
    refused(district, kit.rewrite(good, tmp_path / "deep.zip", raw_data=deep), "JSON")
    refused(district, kit.rewrite(good, tmp_path / "gbk.zip", raw_data="好".encode("gbk")), "JSON")


def test_not_a_zip_and_a_return_file_are_refused(district, tmp_path) -> None:
    text = tmp_path / "notes.zip"
    text.write_text("not a zip", encoding="utf-8")
    refused(district, text, "not a readable zip file")


def test_a_different_file_under_a_known_identity_is_refused(district, good, tmp_path) -> None:
    receive(district, [good])

    def edit(data: dict) -> None:
        data["records"][0]["people"][1]["name"] = "梁伟伟"

    twin = kit.rewrite(good, tmp_path / "twin.zip", data=edit)
    refused(district, twin, "same identity")


def test_one_bad_file_in_a_batch_and_nothing_is_written(district, good, tmp_path) -> None:
    bad = kit.rewrite(good, tmp_path / "bad.zip", data=lambda d: None, fix_hashes=False,
                      raw_data=b"{}")  # fmt: skip
    before = counts(district)
    with pytest.raises(FileRefused) as caught:
        receive(district, [good, bad])
    assert caught.value.path.name == "bad.zip"
    assert counts(district) == before


def test_markup_and_formula_text_in_names_is_imported_intact(district, tmp_path) -> None:
    a = kit.agency(tmp_path, '=HYPERLINK("http://x.invalid","社工")', 5)
    odd = ['=HYPERLINK("http://x.invalid","点我")', "<b>王</b>&amp;<font size=40>芳</font>"]
    for n, name in enumerate(odd):
        kit.person(a, name, 30 + n)
    path = kit.submit(a, tmp_path, at=kit.at(dt.date(2026, 11, 1)))
    odd = [p.name for p in list_staff(a)]  # as the agency keeps them
    assert "<font" in odd[1] and odd[0].startswith("=HYPERLINK(")
    receive(district, [path])
    names = {r[0] for r in district.db.execute("SELECT name FROM record_people")}
    assert names == set(odd)
    agency = district.db.execute("SELECT agency_name FROM agency_records").fetchone()[0]
    assert agency == '=HYPERLINK("http://x.invalid","社工")'

    xlsx, _summary = export_bureau_summary(district, 2026, tmp_path / "t.xlsx")
    sheet = load_workbook(xlsx).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == agency]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    pdf = print_bureau_summary(district, 2026, tmp_path / "t.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "HYPERLINK" in text

    # The agency's own tables in the file: the workbook keeps the formula text inert too.
    with zipfile.ZipFile(path) as zf:
        book = load_workbook(io.BytesIO(zf.read("tables.xlsx")))
        data = json.loads(zf.read("data.json"))
        printed = "".join(
            p.extract_text() for p in PdfReader(io.BytesIO(zf.read("tables.pdf"))).pages
        )
    # Printed as typed: the markup is text, not formatting.
    assert odd[1] in printed.replace("\n", "")
    assert {p["name"] for p in data["records"][0]["people"]} == set(odd)
    formula = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, str) and c.value.startswith("=")]  # fmt: skip
    assert formula and all(c.data_type == "s" for c in formula)
