"""Dates typed by people (command line, settings): one parser, German refusal.

Kept apart from :mod:`.labs` so a command that only needs a date (the draw) does not import
the storage layer.
"""
from __future__ import annotations

import datetime as dt

from .errors import UserError


def parse_date(text: str, *, what: str = "Datum") -> dt.date:
    """Parse YYYY-MM-DD or DD.MM.YYYY; German error otherwise."""
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise UserError(f"„{text}“ ist kein gültiges {what}.",
                    hint="Bitte im Format JJJJ-MM-TT (z. B. 2026-03-14) oder TT.MM.JJJJ angeben.")
