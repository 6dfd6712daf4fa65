"""swdesk: a desk program for small social-work agencies (staff, credentials, training, awards)."""

import configparser as _configparser
from pathlib import Path as _Path

_DIST_INFO = "swdesk-*.dist-info"


def _version(package: _Path | None = None) -> str:
    # setup.cfg holds the one version number. Run from a source tree, read it there (an old
    # swdesk.egg-info left in the tree would otherwise answer); installed, the metadata carries it.
    here = package or _Path(__file__).resolve().parent
    cfg = _configparser.ConfigParser()
    cfg.read(here.parent / "setup.cfg", encoding="utf-8")
    if cfg.get("metadata", "name", fallback="") == "swdesk":
        return cfg.get("metadata", "version")
    # Installed from its wheel, the metadata's folder beside the package is named by the version
    # (swdesk-1.0.0.dist-info): read off the name, as importlib.metadata would find it, without
    # importing importlib.metadata (some 30 ms at every start of the installed program).
    installed = [d.name[len("swdesk-") : -len(".dist-info")] for d in here.parent.glob(_DIST_INFO)]
    if len(installed) == 1:
        return installed[0]
    from importlib import metadata as _metadata  # a tenth of a second: only when installed

    try:
        return _metadata.version("swdesk")
    except _metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = _version()
