"""Masterplan 2.0 Handlungsfelder (fields of action), shipped as ``resources/masterplan-2.0-handlungsfelder.csv``."""
from __future__ import annotations

import csv
from functools import lru_cache

from .paths import resource_path

FILE_NAME = "masterplan-2.0-handlungsfelder.csv"


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[str, str], ...]:
    with open(resource_path(FILE_NAME), encoding="utf-8", newline="") as fh:
        return tuple((row["code"].strip(), row["title"].strip()) for row in csv.DictReader(fh) if row.get("code"))


def load_handlungsfelder() -> list[tuple[str, str]]:
    """All (code, title) pairs in document order, e.g. ("2.3", "Sauberkeit")."""
    return list(_load())


def handlungsfeld_title(code: str) -> str:
    """Title of one code, or "" if unknown."""
    return dict(_load()).get(code, "")
