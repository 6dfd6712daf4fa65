"""Translations (gettext catalogs in i18n/) and locale formatting (Babel).

Source strings are English; Simplified Chinese is the default language. Strings with fields are
translated first and formatted with ``.format()`` after, so the catalog holds the template.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from swdesk.paths import locale_dirs, user_cache_dir

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported where something is first formatted, not with this module: the window's
# first paint translates its words (gettext) but formats no date or number.

DOMAIN = "swdesk"
DEFAULT_LANGUAGE = "zh_CN"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def _load_catalog(language: str) -> _gettext.NullTranslations:
    for base in locale_dirs():
        folder = base / language / "LC_MESSAGES"
        mo = folder / f"{DOMAIN}.mo"
        if mo.is_file():
            with mo.open("rb") as fh:
                return _gettext.GNUTranslations(fh)
        po = folder / f"{DOMAIN}.po"
        if po.is_file():
            return _gettext.GNUTranslations(io.BytesIO(_compiled(po, language)))
    return _gettext.NullTranslations()


def _compiled(po: Path, language: str) -> bytes:
    """A source checkout has no compiled catalog: compile it (a tenth of a second, before the
    window can show) and keep it in the user's cache under the .po's size and time, so the next
    start reads it; any change to the .po compiles it again."""
    st = po.stat()
    cached = user_cache_dir() / "locale" / f"{language}-{st.st_size}-{st.st_mtime_ns}.mo"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    data = buf.getvalue()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(cached)
    except OSError:
        pass  # a read-only home: compiled again next time, nothing lost
    return data


def normalize_language(language: str | None) -> str:
    """zh_CN or en for ``language`` (ValueError for any other); None: SWDESK_LANG, else Chinese.
    A SWDESK_LANG naming a language the program does not have is passed over: the program is
    imported before anything could say so, and must start all the same."""
    if not language:
        wanted = os.environ.get("SWDESK_LANG") or DEFAULT_LANGUAGE
        try:
            return normalize_language(wanted)
        except ValueError:
            return DEFAULT_LANGUAGE
    lang = language.replace("-", "_")
    if lang.lower().startswith("zh"):
        return "zh_CN"
    if lang.lower().startswith("en"):
        return "en"
    raise ValueError(lang)


def set_language(language: str | None) -> str:
    """Switch the process to ``language`` (zh_CN or en); returns the normalised code."""
    global _translations, _language
    lang = normalize_language(language)
    _translations = _load_catalog(lang)
    _language = lang
    return lang


def current_language() -> str:
    return _language


def current_locale() -> Locale:
    return _locale(_language)


# Parsing a locale costs more than the formatting it is for: one object per language, ever.
@functools.lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    from babel import Locale

    return Locale.parse(language)


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_`` at display time."""
    return message


def format_list(items: Sequence[str]) -> str:
    """Items as the language lists them: 甲、乙和丙; a, b, and c."""
    from babel.lists import format_list as babel_format_list

    return babel_format_list(list(items), locale=current_locale())


def join_sentences(first: str, second: str) -> str:
    """Two sentences as the language writes them (a space in English, none after 。)."""
    # Translators: how two sentences follow each other; Chinese needs no space.
    return _("{first} {second}").format(first=first, second=second)


def format_date(value: dt.date | None, fmt: str = "long") -> str:
    """A date as people write it: 2026年11月21日 in Chinese, November 21, 2026 in English."""
    if value is None:
        return ""
    if fmt == "iso":
        return value.isoformat()
    from babel.dates import format_date as _babel_format_date

    return _babel_format_date(value, format=fmt, locale=current_locale())


def format_number(value: float | int | Decimal) -> str:
    from babel.numbers import format_decimal as _babel_format_decimal

    try:
        return _babel_format_decimal(value, locale=current_locale())
    except (ArithmeticError, ValueError):
        # A value far out of range (1e300 hours in a file from elsewhere) must not break a report.
        return str(value)


def format_day(value: dt.date) -> str:
    """A date as the language writes it (2026年12月31日, December 31, 2026)."""
    return _format_day(value, _language)


def format_hours(value: float | None) -> str:
    """Hours as people read them: 52, 44.5 (no trailing .0), in the current locale."""
    return "" if value is None else _format_hours(round(value, 2), _language)


# Babel takes ~60 µs a date or number; a report of thousands repeats the same few values (the
# period's end, the day asked about, whole hours). The language is part of the key.
@functools.lru_cache(maxsize=4096)
def _format_day(value: dt.date, language: str) -> str:
    return format_date(value)


@functools.lru_cache(maxsize=4096)
def _format_hours(value: float, language: str) -> str:
    return format_number(value)


def format_money(value: float | int | Decimal, currency: str = "CNY") -> str:
    from babel.numbers import format_currency as _babel_format_currency

    try:
        return _babel_format_currency(value, currency, locale=current_locale())
    except (ArithmeticError, ValueError):
        return f"{value} {currency}"


set_language(None)
