"""Counted texts of the board in the UI language: "1 Karte in 1 Thema" (see ``core/count_texts.py``)."""
from __future__ import annotations

from typing import Iterable

from ...core import count_texts
from ...core.board.state import CardState
from ..i18n import localized


#: "1 Karte" / "3 Karten" as a Message (the core's counted nouns)
cards_message = count_texts.cards
#: "1 Thema" / "3 Themen" as a Message
clusters_message = count_texts.topics


def cards_text(n: int) -> str:
    """"1 Karte", "3 Karten" in the UI language."""
    return localized(count_texts.cards(n))


def clusters_text(n: int) -> str:
    """"1 Thema", "3 Themen" in the UI language."""
    return localized(count_texts.topics(n))


def cards_in_clusters(n_cards: int, n_clusters: int) -> str:
    """"3 Karten in 2 Themen" in the UI language."""
    return localized(count_texts.cards_in_topics(n_cards, n_clusters))


def scope(cards: Iterable[CardState]) -> str:
    """What an action on these cards touches: "3 Karten in 3 Themen"."""
    cards = list(cards)
    return cards_in_clusters(len(cards), len({c.cluster_id for c in cards}))
