"""Keep the translation catalogs in step with the code.

    python i18n/catalog.py update          extract strings into swdesk.pot, merge into every .po
    python i18n/catalog.py set FILE.json   merge {"English msgid": "中文译文"} into zh_CN
    python i18n/catalog.py check           fail if the .pot is stale or a zh_CN entry is untranslated
    python i18n/catalog.py missing         print zh_CN msgids that have no translation yet

Babel does the extraction (``_``, ``N_``, ``ngettext``) and the merging; nothing else is needed.
"""

from __future__ import annotations

import io
import json
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "i18n" / "swdesk.pot"
LOCALES = ("zh_CN", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def po_path(locale: str) -> Path:
    return ROOT / "i18n" / locale / "LC_MESSAGES" / "swdesk.po"


def extract() -> Catalog:
    catalog = Catalog(project="swdesk", charset="utf-8")
    method_map = [("swdesk/**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS
    ):
        if filename.startswith("swdesk/"):
            catalog.add(
                message, None, [(filename, lineno)], auto_comments=comments, context=context
            )
    return catalog


# Header lines that change with the day or the Babel release, not with the content: left out, so
# the files (and the check) change only when a message does.
_VOLATILE_HEADERS = (b'"POT-Creation-Date', b'"Generated-By')
HEADER_COMMENT = "# Translations for swdesk.\n# This file is distributed under the same license as the swdesk project."


def _dump(catalog: Catalog, **kwargs: object) -> bytes:
    catalog.header_comment = HEADER_COMMENT
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=False, sort_output=True, **kwargs)
    lines = [ln for ln in buf.getvalue().split(b"\n") if not ln.startswith(_VOLATILE_HEADERS)]
    return b"\n".join(lines)


def _load(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def update() -> None:
    template = extract()
    POT.write_bytes(_dump(template, no_location=True))
    for locale in LOCALES:
        path = po_path(locale)
        if path.exists():
            catalog = _load(path, locale)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=locale, project="swdesk", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.write_bytes(_dump(catalog, no_location=True, ignore_obsolete=True))


def set_translations(mapping_file: Path) -> None:
    mapping = json.loads(mapping_file.read_text(encoding="utf-8"))
    path = po_path("zh_CN")
    catalog = _load(path, "zh_CN")
    unknown = []
    for msgid, msgstr in mapping.items():
        message = catalog.get(msgid)
        if message is None:
            unknown.append(msgid)
            continue
        message.string = msgstr
        message.flags.discard("fuzzy")
    path.write_bytes(_dump(catalog, no_location=True, ignore_obsolete=True))
    for msgid in unknown:
        print(f"not in catalog (run update first?): {msgid}", file=sys.stderr)


def missing() -> list[str]:
    catalog = _load(po_path("zh_CN"), "zh_CN")
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def _fields(text: str) -> set[str]:
    return {
        f"{name}!{conv}" for _, name, _, conv in string.Formatter().parse(text) if name is not None
    }


def mismatched_fields() -> list[str]:
    """Translations whose {fields} differ from the source: .format() would fail or lose a value."""
    out = []
    for message in _load(po_path("zh_CN"), "zh_CN"):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        try:
            if any(_fields(s) != _fields(ids[-1]) for s in strings if s):
                out.append(ids[0])
        except ValueError:
            out.append(ids[0])
    return out


def check() -> int:
    problems = []
    bad_fields = mismatched_fields()
    if bad_fields:
        problems.append(
            f"zh_CN: translations whose {{fields}} differ from the source: {bad_fields}"
        )
    expected = _dump(extract(), no_location=True)
    if not POT.exists() or POT.read_bytes() != expected:
        problems.append(
            "i18n/swdesk.pot is out of date with the code: run python i18n/catalog.py update"
        )
    template_ids = {m.id for m in extract() if m.id}
    for locale in LOCALES:
        ids = {m.id for m in _load(po_path(locale), locale) if m.id}
        if ids != template_ids:
            problems.append(
                f"{locale}: catalog out of date with the code: run python i18n/catalog.py update"
            )
    untranslated = missing()
    if untranslated:
        problems.append(f"zh_CN: {len(untranslated)} untranslated entries, e.g. {untranslated[:5]}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    if argv[0] == "update":
        update()
        return 0
    if argv[0] == "set" and len(argv) == 2:
        set_translations(Path(argv[1]))
        return 0
    if argv[0] == "missing":
        print("\n".join(missing()))
        return 0
    if argv[0] == "check":
        return check()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
