"""Counted texts of the board with German (and English) plurals: "1 Karte in 1 Thema"."""
from __future__ import annotations

from typing import Iterable

from ...core.board.state import CardState
from ...core.messages import QT_TRANSLATE_NOOP, Message
from ..i18n import localized


def cards_message(n: int) -> Message:
    return Message.plural(n, QT_TRANSLATE_NOOP("BoardCounts", "{n} Karte"),
                          QT_TRANSLATE_NOOP("BoardCounts", "{n} Karten"))


def clusters_message(n: int) -> Message:
    return Message.plural(n, QT_TRANSLATE_NOOP("BoardCounts", "{n} Thema"),
                          QT_TRANSLATE_NOOP("BoardCounts", "{n} Themen"))


def cards_text(n: int) -> str:
    """"1 Karte", "3 Karten" in the UI language."""
    return localized(cards_message(n))


def clusters_text(n: int) -> str:
    """"1 Thema", "3 Themen" in the UI language."""
    return localized(clusters_message(n))


def cards_in_clusters(n_cards: int, n_clusters: int) -> str:
    """"3 Karten in 2 Themen" in the UI language."""
    return localized(Message(QT_TRANSLATE_NOOP("BoardCounts", "{cards} in {clusters}"),
                             cards=cards_message(n_cards), clusters=clusters_message(n_clusters)))


def scope(cards: Iterable[CardState]) -> str:
    """What an action on these cards touches: "3 Karten in 3 Themen"."""
    cards = list(cards)
    return cards_in_clusters(len(cards), len({c.cluster_id for c in cards}))
