"""Text in the windows sorts as Chinese is sorted — names by pinyin — whatever the language of
the window: Qt's QCollator with the zh_CN locale (ICU's collation, or the system's), numbers by
their value (第2 before 第10). Printouts and exports use swdesk.i18n.collate.name_key, which gives
Chinese names the same order."""

from __future__ import annotations

import functools
import sys
from typing import Any

from PySide6.QtCore import QCollator, QLocale

_COLLATOR = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
_COLLATOR.setNumericMode(True)


def text_key(text: str) -> Any:
    """A key that sorts ``text`` by the Chinese collation."""
    # Null characters upset some systems' collation functions.
    return _sort_key(text.replace("\0", ""))


if sys.platform == "win32":
    # QCollator.sortKey gives wrong keys in some Qt builds on Windows (QTBUG-88704); comparing
    # two strings is right everywhere.
    _sort_key = functools.cmp_to_key(_COLLATOR.compare)
else:
    _sort_key = _COLLATOR.sortKey
