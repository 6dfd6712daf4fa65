"""swdesk: a desk program for small social-work agencies (staff, credentials, training, awards)."""

import configparser as _configparser
from pathlib import Path as _Path


def _version() -> str:
    # setup.cfg holds the one version number. Run from a source tree, read it there (an old
    # swdesk.egg-info left in the tree would otherwise answer); installed, the metadata carries it.
    cfg = _configparser.ConfigParser()
    cfg.read(_Path(__file__).resolve().parent.parent / "setup.cfg", encoding="utf-8")
    if cfg.get("metadata", "name", fallback="") == "swdesk":
        return cfg.get("metadata", "version")
    from importlib import metadata as _metadata  # a tenth of a second: only when installed

    try:
        return _metadata.version("swdesk")
    except _metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = _version()
