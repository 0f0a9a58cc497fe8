"""The facilitator's one-line card syntax: ``Text @Ort #Tisch``.

``@`` introduces the place (street, square), ``#`` the table or group. A tag runs to the
next tag or the end of the line, so ``Laute Musik nachts @Alter Markt #3`` gives the text
"Laute Musik nachts", place "Alter Markt" and table "3". Tags count only at the start of
the line or after a space, so e-mail addresses and "Nr.#2" stay in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TAG = re.compile(r"(?:(?<=\s)|^)([@#])(?=\S)")


@dataclass(frozen=True)
class ParsedEntry:
    text: str
    place: str = ""
    table: str = ""


def _clean(text: str) -> str:
    return " ".join(text.split())


def parse_entry(line: str) -> ParsedEntry:
    """Split an entry line into card text, place and table (all whitespace-normalised)."""
    line = line or ""
    matches = list(_TAG.finditer(line))
    if not matches:
        return ParsedEntry(_clean(line))
    text = line[:matches[0].start()]
    place = table = ""
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = _clean(line[match.end():end])
        if match.group(1) == "@":
            place = value
        else:
            table = value
    text = _clean(text)
    if not text:
        # "@Borsigplatz zu dunkel": the place tag came first; take its first word as the place
        first = matches[0]
        end = matches[1].start() if len(matches) > 1 else len(line)
        words = line[first.end():end].split()
        if len(words) > 1:
            rest = " ".join(words[1:])
            if first.group(1) == "@":
                place, text = words[0], rest
            else:
                table, text = words[0], rest
    return ParsedEntry(text, place, table)
