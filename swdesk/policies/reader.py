"""Typed access to the tables of a profile's TOML that names the file and the full key of every
problem (``Policy profile x.toml: key awards.level.amounts.senior: …``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from swdesk.domain.errors import SwdeskError
from swdesk.domain.levels import Level
from swdesk.domain.profiles import TRAINING_FORMS
from swdesk.i18n import _


class ProfileError(SwdeskError):
    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        super().__init__(
            _("Policy profile {file}: key {key}: {problem}").format(
                file=str(path), key=key, problem=problem
            )
        )
        self.path = str(path)
        self.key = key
        self.problem = problem


class TableReader:
    """One table of the profile (the whole file, or a table inside it)."""

    def __init__(self, path: Path, data: Mapping[str, Any], prefix: str = "") -> None:
        self.path = path
        self.data = data
        self.prefix = prefix

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def fail(self, name: str, problem: str) -> ProfileError:
        return ProfileError(self.path, self.key(name), problem)

    def has(self, name: str) -> bool:
        return name in self.data

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if name not in self.data:
            if default is ...:
                raise self.fail(name, _("missing"))
            return default
        value = self.data[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # TOML's true is a Python int too: a flag is never a number.
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            raise self.fail(
                name,
                _("expected {kind}, found {value!r}").format(
                    kind="/".join(k.__name__ for k in kinds), value=value
                ),
            )
        return value

    def number(self, name: str, default: Any = ..., minimum: float = 0) -> Any:
        value = self.get(name, (int, float), default)
        if value is not None and value is not default and value < minimum:
            raise self.fail(name, _("must be at least {minimum}").format(minimum=minimum))
        return value

    def date(self, name: str) -> dt.date | None:
        """An optional TOML date (``effective_from = 2023-01-01``); a time of day is refused."""
        value = self.get(name, dt.date, None)
        if isinstance(value, dt.datetime):
            raise self.fail(name, _("expected a date such as 2023-01-01, without a time"))
        return value

    def choice(self, name: str, allowed: tuple[str, ...], default: str) -> str:
        """A word from ``allowed``; ``default`` when the key is absent."""
        value = self.get(name, str, default)
        if value not in allowed:
            raise self.fail(name, _("use one of {allowed}").format(allowed=", ".join(allowed)))
        return value

    def table(self, name: str) -> TableReader:
        return TableReader(self.path, self.get(name, dict), f"{self.key(name)}.")

    def optional_table(self, name: str) -> TableReader | None:
        return self.table(name) if self.has(name) else None

    def tables(self, name: str) -> list[TableReader]:
        items = self.get(name, list, [])
        readers = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise self.fail(f"{name}[{i}]", _("expected a table"))
            readers.append(TableReader(self.path, item, f"{self.key(name)}[{i}]."))
        return readers

    def level_map(self, name: str, kind: type = float) -> dict[Level, Any]:
        """A table of numbers by certificate level (assistant, social_worker, senior)."""
        out: dict[Level, Any] = {}
        for key, value in self.get(name, dict, {}).items():
            try:
                level = Level(key)
            except ValueError:
                raise self.fail(
                    f"{name}.{key}",
                    _("unknown level; use assistant, social_worker or senior"),
                ) from None
            out[level] = kind(self._amount(name, key, value))
        return out

    def form_map(self, name: str) -> dict[str, float]:
        """A table of hours by training form."""
        out = {}
        for key, value in self.get(name, dict, {}).items():
            if key not in TRAINING_FORMS:
                raise self.fail(
                    f"{name}.{key}",
                    _("unknown training form; use one of {forms}").format(
                        forms=", ".join(TRAINING_FORMS)
                    ),
                )
            out[key] = float(self._amount(name, key, value))
        return out

    def _amount(self, name: str, key: str, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail(f"{name}.{key}", _("expected a number of at least 0"))
        return value
