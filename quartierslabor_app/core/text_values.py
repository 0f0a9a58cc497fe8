"""Characters no database stores the same way: cleaned once, before any text reaches a query or a row.

PostgreSQL refuses NUL in text, SQLite stores it; a lone surrogate (half of a UTF-16 pair, e.g. from a
broken clipboard) cannot be encoded as UTF-8 at all. :func:`clean_chars` removes NUL and replaces lone
surrogates with U+FFFD, so both backends get, store and return the same text.
"""
from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_chars(text: str) -> str:
    """``text`` without NUL characters and with lone surrogates replaced by U+FFFD."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    return _LONE_SURROGATE.sub(REPLACEMENT, text)
