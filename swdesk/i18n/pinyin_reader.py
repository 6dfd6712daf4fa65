"""pypinyin, loaded without its phrase dictionary.

swdesk asks pypinyin for one character at a time (the order of names, the search keys), and a
single character's readings come from its character table alone: every character of Unicode's
CJK blocks reads the same with the phrase dictionary and without it (checked against
pypinyin 0.55, both styles swdesk uses). Loading the phrase dictionary took 0.35 s and 45 MB
of the staff page's load; pypinyin skips it when ``PYPINYIN_NO_PHRASES`` is set before its
first import, and ``PYPINYIN_NO_DICT_COPY`` spares the copy of the tables it keeps in case
they are changed (swdesk never changes them). Import pypinyin through this module only.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")

from pypinyin import Style, pinyin  # noqa: E402

__all__ = ["Style", "pinyin"]
