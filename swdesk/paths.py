"""Where swdesk finds its shipped data and where it keeps the user's database.

An installed swdesk carries resources/ and compiled catalogs inside the package (setup.py copies them
there); a source checkout or an editable install finds them beside the package.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "swdesk"
_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    installed = _PACKAGE / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "resources"


def policies_dir() -> Path:
    return resources_dir() / "policies"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def locale_dirs() -> list[Path]:
    """Folders that may hold <locale>/LC_MESSAGES/swdesk.mo or .po, in order of preference."""
    return [_PACKAGE / "locale", _PACKAGE.parent / "i18n"]


def user_data_dir() -> Path:
    """The user's swdesk folder; SWDESK_DATA_DIR moves it (a portable install, a test)."""
    override = os.environ.get("SWDESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Where swdesk keeps what it can make again (a compiled catalog); SWDESK_CACHE_DIR moves it."""
    override = os.environ.get("SWDESK_CACHE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_policies_dir() -> Path:
    """Where an agency keeps profiles of its own; they are found before the shipped ones."""
    return user_data_dir() / "policies"


def policy_dirs() -> list[Path]:
    return [user_policies_dir(), policies_dir()]


def default_database_path() -> Path:
    return user_data_dir() / "swdesk.db"
