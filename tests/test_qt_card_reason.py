"""The side panel, the tooltip and the proposals give the reason for a card's place in the UI language: rendered
from the reason the card stores as data (core.card_reasons), older cards from their German text; topic names and
the card's words stay as typed."""
from __future__ import annotations

import re

import pytest

from quartierslabor_app.core.board.service import BoardService
from quartierslabor_app.core.board.state import CardState, ClusterState
from quartierslabor_app.core.card_reasons import IMPORTED, KINDS, reason_json, reason_message, stored_reason
from quartierslabor_app.core.clustering.model import Reason
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.qt.board.card_model import card_tooltip
from quartierslabor_app.qt.board.reason_text import localized_reason
from quartierslabor_app.qt.board.side_panel import CardDetails
from reason_samples import sample

ENGLISH = {
    "cues": "Alpha – recognised by: wort1, wort2",
    "similar": "Alpha – similar to: ‘probe karte’",
    "learned": "Alpha – similar to the card placed here: ‘probe karte’",
    "weak": "Alpha – weak match",
    "nothing": "Alpha – fits no topic well (closest: Beta)",
    "new_cluster": "New topic “Alpha” proposed – shared: wort1, wort2 "
                   "(combined from „Delta“, „Epsilon“ – shared word: wort3)",
    "split": "Part of “Gamma” – proposed as a topic of its own, “Alpha”, shared: wort1, wort2",
    "manual": "Alpha – placed by the facilitator",
    "merged": "Alpha – merged from “Gamma”",
    "correction": "Alpha – the facilitator placed the same card here before",
    "imported": "Alpha – topic from the import file",
    "waiting": "Alpha – to be placed in a moment …",
}
#: what a reason's arguments hold (names, cue words, the card): the same in every language
ARGUMENT_WORDS = {"alpha", "beta", "gamma", "delta", "epsilon", "wort1", "wort2", "wort3", "probe", "karte"}


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_english_without_a_german_word(english, kind):
    reason = sample(kind)
    german = str(reason_message(reason))
    shown = localized_reason("", reason_json(reason))
    assert shown == ENGLISH[kind]
    leaked = (words(german) - ARGUMENT_WORDS) & words(shown)
    assert not leaked, f"German in the English reason of {kind!r}: {leaked}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_german_is_the_stored_text(qapp, kind):
    reason = sample(kind)
    assert localized_reason("veraltet", reason_json(reason)) == str(reason_message(reason))


def test_language_of_the_cue_words_is_named_in_the_ui_language(english):
    data = reason_json(sample("cues", words=("gürültü",), language="tr"))
    assert localized_reason("", data) == "Alpha – recognised (Turkish): gürültü"


OLDER_CARDS = [   # German texts stored before reason_data, as an English UI shows them
    ("Lärm – erkannt an: laut, nachts", "Lärm – recognised by: laut, nachts"),
    ("Lärm – erkannt (Türkisch): gürültü", "Lärm – recognised (Turkish): gürültü"),
    ("Parken – ähnlich wie: ‚Autos auf dem Gehweg‘", "Parken – similar to: ‘Autos auf dem Gehweg’"),
    ("Parken – schwache Übereinstimmung", "Parken – weak match"),
    ("Lärm – ähnlich wie die hier eingeordnete Karte ‚Krach nachts‘",
     "Lärm – similar to the card placed here: ‘Krach nachts’"),
    ("Teilthema von „Lärm“ – als eigenes Thema „Baustelle“ vorgeschlagen, gemeinsam: baustelle, bagger",
     "Part of “Lärm” – proposed as a topic of its own, “Baustelle”, shared: baustelle, bagger"),
    ("Sonstiges – passt zu keinem Thema gut (am ehesten Lärm)", "Sonstiges – fits no topic well (closest: Lärm)"),
    ("Sonstiges – passt zu keinem Thema gut", "Sonstiges – fits no topic well"),
    ("Lärm — von Hand zugeordnet", "Lärm – placed by the facilitator"),
    ("Lärm — zusammengeführt aus „Krach“", "Lärm – merged from “Krach”"),
    ("Neues Thema „Hitze“ vorgeschlagen – gemeinsam: hitze, sommer", "New topic “Hitze” proposed – shared: hitze, sommer"),
    ("Lärm – so hat die Moderation dieselbe Karte zuvor zugeordnet",
     "Lärm – the facilitator placed the same card here before"),
    ("Cluster aus der Importdatei", "Topic from the import file"),
]


@pytest.mark.parametrize("german, english_text", OLDER_CARDS)
def test_older_card_in_english(english, german, english_text):
    assert localized_reason(german) == english_text


def test_unknown_shape_is_shown_as_it_is(english):
    assert localized_reason("Irgendein anderer Grund") == "Irgendein anderer Grund"


def test_side_panel_and_tooltip_of_a_clustered_card_in_english(qtbot, english, db):
    with db.session() as session:
        lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    service = BoardService(db, lab)
    card = service.add_card("Laute Musik nachts am Kiosk")
    assert "erkannt an" in card.reason and '"kind":"cues"' in card.reason_data   # German text and the data
    cluster = next(c for c in service.clusters() if c.id == card.cluster_id)
    details = CardDetails()
    qtbot.addWidget(details)
    details.show_card(card.with_(reason="Lärm – erkannt an: veraltet"), cluster)   # the data wins
    shown = details.reason.text()
    assert "recognised by" in shown and "Musik" in shown and "erkannt" not in shown and "veraltet" not in shown
    other = service.create_cluster("Treffpunkt")
    moved = service.move_card(card.id, other.created[0].id).change.after
    tip = card_tooltip(moved)
    assert tip.splitlines()[1] == "Treffpunkt – placed by the facilitator" and moved.reason == "Treffpunkt – von Hand zugeordnet"
    older = CardState(id=1, cluster_id=1, text="Krach", reason="Lärm — von Hand zugeordnet", pinned=True)
    tip = card_tooltip(older)
    assert "placed by the facilitator" in tip and "pinned" in tip and "angeheftet" not in tip
    details.show_card(older, ClusterState(1, "laerm", "Lärm"))
    assert details.reason.text() == "Lärm – placed by the facilitator"


def test_proposals_explain_themselves_in_english(qtbot, english, db):
    """The board's discovery proposals carry their reason as data too (a new topic, a sub-theme to split off)."""
    from quartierslabor_app.core.board.state import DiscoveryProposal
    from quartierslabor_app.core.card_reasons import stored_reason
    from quartierslabor_app.qt.board.side_panel import SidePanel

    panel = SidePanel()
    qtbot.addWidget(panel)
    proposals = []
    for kind in ("new_cluster", "split"):
        text, data = stored_reason(sample(kind))
        proposals.append(DiscoveryProposal(name="Alpha", card_ids=(1, 2), texts=("a", "b"), reason=text,
                                           reason_data=data, split_from="Gamma" if kind == "split" else ""))
    panel.set_proposals(proposals)
    assert [panel.proposal_list.item(i).toolTip() for i in range(2)] == [ENGLISH["new_cluster"], ENGLISH["split"]]


@pytest.mark.parametrize("language", ["de", "en"])
def test_side_panel_says_an_imported_card_kept_its_topic_from_the_file(qtbot, request, language):
    if language == "en":
        request.getfixturevalue("english")
    reason, data = stored_reason(Reason(IMPORTED, "Müll"))
    card = CardState(id=1, cluster_id=1, text="Müll am Markt", reason=reason, reason_data=data,
                     assigned_by="import", score=1.0)
    details = CardDetails()
    qtbot.addWidget(details)
    details.show_card(card, ClusterState(1, "muell", "Müll"))
    meta = details.meta.text()
    # the card was not placed by the clusterer: no "automatically placed (confidence …)" beside the file's topic
    assert not re.search(r"automati|Treffsicherheit|confidence|%", meta), meta
    shown = details.reason.text()
    assert ("Importdatei" in shown) == (language == "de") and ("import file" in shown) == (language == "en"), shown
    assert "Importdatei" not in meta and "import file" not in meta          # said once, in the reason
