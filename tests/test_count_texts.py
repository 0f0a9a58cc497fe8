"""Every counted text says "1 Karte" / "2 Karten" in German and "1 card" / "2 cards" in English."""
from __future__ import annotations

import pytest

from quartierslabor_app.core import count_texts
from quartierslabor_app.qt.board.counts import scope
from quartierslabor_app.qt.i18n import localized

#: counted noun -> (German for 0, 1, 2; English for 0, 1, 2)
EXPECTED = {
    "cards": (["0 Karten", "1 Karte", "2 Karten"], ["0 cards", "1 card", "2 cards"]),
    "topics": (["0 Themen", "1 Thema", "2 Themen"], ["0 topics", "1 topic", "2 topics"]),
    "concerns": (["0 Anliegen", "1 Anliegen", "2 Anliegen"], ["0 concerns", "1 concern", "2 concerns"]),
    "recommendations": (["0 Empfehlungen", "1 Empfehlung", "2 Empfehlungen"],
                        ["0 recommendations", "1 recommendation", "2 recommendations"]),
    "rows": (["0 Zeilen", "1 Zeile", "2 Zeilen"], ["0 rows", "1 row", "2 rows"]),
    "columns": (["0 Spalten", "1 Spalte", "2 Spalten"], ["0 columns", "1 column", "2 columns"]),
    "invalid_rows": (["0 ungültige Zeilen", "1 ungültige Zeile", "2 ungültige Zeilen"],
                     ["0 invalid rows", "1 invalid row", "2 invalid rows"]),
    "hints": (["0 Hinweise", "1 Hinweis", "2 Hinweise"], ["0 notes", "1 note", "2 notes"]),
    "dots": (["0 Klebepunkte", "1 Klebepunkt", "2 Klebepunkte"], ["0 dots", "1 dot", "2 dots"]),
    "points": (["0 Punkte", "1 Punkt", "2 Punkte"], ["0 dots", "1 dot", "2 dots"]),
    "invitees": (["0 Eingeladene", "1 Eingeladene", "2 Eingeladene"], ["0 invitees", "1 invitee", "2 invitees"]),
    "labs": (["0 Labore", "1 Labor", "2 Labore"], ["0 labs", "1 lab", "2 labs"]),
    "walk_ins": (["0 Personen ohne Einladung", "1 Person ohne Einladung", "2 Personen ohne Einladung"],
                 ["0 people without an invitation", "1 person without an invitation",
                  "2 people without an invitation"]),
    "present": (["0 anwesend", "1 anwesend", "2 anwesend"], ["0 present", "1 present", "2 present"]),
}


def test_every_counted_noun_is_checked():
    assert set(EXPECTED) == set(count_texts.ALL)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_german_forms_for_0_1_2(name):
    german, _english = EXPECTED[name]
    assert [str(count_texts.ALL[name](n)) for n in (0, 1, 2)] == german


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_english_forms_for_0_1_2(name, english):
    _german, expected = EXPECTED[name]
    assert [localized(count_texts.ALL[name](n)) for n in (0, 1, 2)] == expected


def test_cards_in_topics_and_digit_grouping(english):
    assert localized(count_texts.cards_in_topics(1, 1)) == "1 card in 1 topic"
    assert localized(count_texts.cards_in_topics(1234, 2)) == "1,234 cards in 2 topics"


def test_cards_in_topics_german():
    assert str(count_texts.cards_in_topics(1, 1)) == "1 Karte in 1 Thema"
    assert str(count_texts.cards_in_topics(3, 2)) == "3 Karten in 2 Themen"
    assert str(count_texts.cards(1234)) == "1.234 Karten"


def test_board_scope_counts_cards_and_their_topics(qapp):
    class Card:
        def __init__(self, cluster_id):
            self.cluster_id = cluster_id

    assert scope([Card(1)]) == "1 Karte in 1 Thema"
    assert scope([Card(1), Card(2), Card(2)]) == "3 Karten in 2 Themen"
