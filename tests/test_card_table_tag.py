"""A card's table reads "Tisch 1" everywhere, also when the facilitator typed "#Tisch 1" (never
"Tisch Tisch 1"): side panel, card on the board, tooltip, report PDF and workbook, in German and English."""
from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader

from quartierslabor_app.core.board import parse_entry
from quartierslabor_app.core.board.service import BoardService
from quartierslabor_app.core.board.state import CardState, ClusterState
from quartierslabor_app.core.board.table_tag import table_label, table_name
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.reports import build_lab_report, write_lab_pdf, write_lab_xlsx
from quartierslabor_app.core.storage.models import Card, Cluster, Lab
from quartierslabor_app.qt.board.card_delegate import CardDelegate
from quartierslabor_app.qt.board.card_model import card_tooltip
from quartierslabor_app.qt.board.side_panel import CardDetails


@pytest.mark.parametrize("typed, kept", [
    ("3", "3"), ("Tisch 3", "3"), ("tisch 3", "3"), ("Tisch Nr. 4", "4"), ("Tisch: B", "B"), ("Tisch3", "3"),
    ("Table 2", "2"), ("table no. 7", "7"), ("Rot", "Rot"), ("Tischtennis", "Tischtennis"),
    ("Tablet 3", "Tablet 3"), ("Tisch", "Tisch"), ("", ""),
])
def test_table_name_drops_the_word_only_when_it_stands_alone(typed, kept):
    assert table_name(typed) == kept


def test_label_says_the_word_once():
    assert str(table_label("Tisch 1")) == "Tisch 1"
    assert str(table_label("1")) == "Tisch 1"
    assert str(table_label("Tisch")) == "Tisch"


def test_entry_with_the_word_is_kept_as_the_number(any_db):
    with any_db.session() as session:
        lab_id = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    service = BoardService(any_db, lab_id)
    entry = parse_entry("Falschparker vor der Schule #Tisch 1")
    card = service.add_card(entry.text, entry.place, entry.table)
    assert card.table_tag == "1"
    changed = service.edit_card(card.id, table="Table 4")
    assert changed.after.table_tag == "4"


def _legacy_card() -> CardState:
    """A card saved before the tag was kept without the word."""
    return CardState(id=1, cluster_id=1, text="Laute Musik nachts", place="Nordmarkt", table_tag="Tisch 1",
                     votes=2)


def _shown_texts(qtbot) -> dict[str, str]:
    card = _legacy_card()
    details = CardDetails()
    qtbot.addWidget(details)
    details.show_card(card, ClusterState(1, "laerm", "Lärm"))
    delegate = CardDelegate()
    delegate.show_meta = True
    return {"side panel": details.meta.text(), "tooltip": card_tooltip(card), "card": delegate._meta(card)}


def test_gui_says_tisch_once(qtbot):
    for where, text in _shown_texts(qtbot).items():
        assert "Tisch 1" in text, where
        assert "Tisch Tisch" not in text and "Tisch: Tisch" not in text, where


def test_gui_in_english_says_table_once(qtbot, english):
    for where, text in _shown_texts(qtbot).items():
        assert "Table 1" in text, where
        assert "Tisch" not in text and "Table Table" not in text, where


def test_report_pdf_and_workbook_say_tisch_once(db, tmp_path):
    with db.session() as s:
        lab = create_lab(s, "Nordstadt", "Innenstadt-Nord")
        cluster = Cluster(lab_id=lab.id, key="laerm", name="Lärm", position=0)
        s.add(cluster)
        s.flush()
        s.add(Card(lab_id=lab.id, cluster_id=cluster.id, text="Laute Musik nachts", place="Nordmarkt",
                   table_tag="Tisch 1", votes=2))
        s.flush()
        data = build_lab_report(s, s.get(Lab, lab.id))
    pdf, xlsx = tmp_path / "bericht.pdf", tmp_path / "bericht.xlsx"
    write_lab_pdf(pdf, data)
    write_lab_xlsx(xlsx, data)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    assert "Nordmarkt / Tisch 1" in text
    assert "Tisch Tisch" not in text
    sheet = openpyxl.load_workbook(xlsx)["Anliegen"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index("Tisch")] == "1"
