"""A card's table ("#Tisch 3"): kept as what follows the word, shown as "Tisch 3" / "Table 3".

Facilitators type the table either bare ("#3") or with the word ("#Tisch 3", "#Table 3").
The card keeps only what names the table ("3"), so every place that shows it puts the word
in front once, in the UI language, and never reads "Tisch Tisch 3". Cards saved before
(with the word in the tag) are shown the same way.
"""
from __future__ import annotations

import re

from ..messages import QT_TRANSLATE_NOOP, Message

#: the word for a table in the languages the UI speaks, optionally with "Nr."/"no." and ":" after it
_LEADING_WORD = re.compile(r"^(?:tisch|table)(?:\s*(?:nr|no|nummer|number)\b\.?)?\s*[:.#-]?\s*", re.IGNORECASE)


def table_name(tag: str) -> str:
    """What names the table, without a leading "Tisch"/"Table": "Tisch 3" -> "3", "Table: B" -> "B".

    A tag that is only the word ("Tisch") or where the word is part of a longer one
    ("Tischtennis") stays as it is.
    """
    tag = " ".join((tag or "").split())
    match = _LEADING_WORD.match(tag)
    if match is None or match.end() == len(tag):
        return tag
    rest = tag[match.end():]
    if match.end() == len("tisch") and rest[:1].isalpha():
        return tag          # "Tischtennisplatte": the word does not stand alone
    return rest


def table_label(tag: str) -> Message:
    """"Tisch 3" (English "Table 3") for a card's table tag, the word never twice."""
    name = table_name(tag)
    if _LEADING_WORD.fullmatch(name):
        # the tag is only the word itself: show it as typed
        return Message.plain(name)
    return Message(QT_TRANSLATE_NOOP("CardMeta", "Tisch {table}"), table=name)
