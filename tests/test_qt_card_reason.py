"""The side panel and the tooltip give the reason for a card's place in the UI language (the core
stores it in German); topic names and the card's words stay as typed."""
from __future__ import annotations

import pytest

from quartierslabor_app.core.board.service import BoardService
from quartierslabor_app.core.board.state import CardState, ClusterState
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.qt.board.card_model import card_tooltip
from quartierslabor_app.qt.board.reason_text import localized_reason
from quartierslabor_app.qt.board.side_panel import CardDetails

SHAPES = [
    ("Lärm – erkannt an: laut, nachts", "Lärm – recognised by: laut, nachts"),
    ("Lärm – erkannt (Türkisch): gürültü", "Lärm – recognised (Türkisch): gürültü"),
    ("Parken – ähnlich wie: ‚Autos auf dem Gehweg‘", "Parken – similar to: ‘Autos auf dem Gehweg’"),
    ("Parken – schwache Übereinstimmung", "Parken – weak match"),
    ("Lärm – ähnlich wie die hier eingeordnete Karte ‚Krach nachts‘",
     "Lärm – similar to the card placed here: ‘Krach nachts’"),
    ("Teilthema von „Lärm“ – als eigenes Thema „Baustelle“ vorgeschlagen, gemeinsam: baustelle, bagger",
     "Part of “Lärm” – proposed as a topic of its own, “Baustelle”, shared: baustelle, bagger"),
    ("Sonstiges – passt zu keinem Thema gut (am ehesten Lärm)", "Sonstiges – fits no topic well (closest: Lärm)"),
    ("Sonstiges – passt zu keinem Thema gut", "Sonstiges – fits no topic well"),
    ("Lärm — von Hand zugeordnet", "Lärm – assigned by hand"),
    ("Lärm — zusammengeführt aus „Krach“", "Lärm – merged from “Krach”"),
    ("Neues Thema „Hitze“ vorgeschlagen – gemeinsam: hitze, sommer", "New topic “Hitze” proposed – shared: hitze, sommer"),
]


@pytest.mark.parametrize("german, english_text", SHAPES)
def test_each_reason_in_english(english, german, english_text):
    assert localized_reason(german) == english_text


@pytest.mark.parametrize("german, _english", SHAPES)
def test_german_ui_shows_the_stored_reason(qapp, german, _english):
    assert localized_reason(german) == german.replace(" — ", " – ")


def test_unknown_shape_is_shown_as_it_is(english):
    assert localized_reason("Irgendein anderer Grund") == "Irgendein anderer Grund"


def test_side_panel_and_tooltip_of_a_clustered_card_in_english(qtbot, english, db):
    with db.session() as session:
        lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    service = BoardService(db, lab)
    card = service.add_card("Laute Musik nachts am Kiosk")
    assert "erkannt an" in card.reason                 # stored in German
    cluster = next(c for c in service.clusters() if c.id == card.cluster_id)
    details = CardDetails()
    qtbot.addWidget(details)
    details.show_card(card, cluster)
    shown = details.reason.text()
    assert "recognised by" in shown and "erkannt" not in shown
    pinned = CardState(id=1, cluster_id=1, text="Krach", reason="Lärm — von Hand zugeordnet", pinned=True)
    tip = card_tooltip(pinned)
    assert "assigned by hand" in tip and "pinned" in tip and "angeheftet" not in tip
    details.show_card(pinned, ClusterState(1, "laerm", "Lärm"))
    assert details.reason.text() == "Lärm – assigned by hand"
