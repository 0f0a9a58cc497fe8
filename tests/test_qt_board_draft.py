"""A half-typed card survives closing the window and a crash: kept per lab, restored into the entry line."""
from __future__ import annotations

from PySide6.QtCore import Qt

from quartierslabor_app.core.board.drafts import DraftStore, EntryDraft
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.qt.board.workshop_view import WorkshopView


def make_lab(db, name):
    with db.session() as session:
        return create_lab(session, name, "Innenstadt-Nord").id


def open_view(qtbot, db, lab):
    view = WorkshopView(db, lab)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_draft_survives_closing_and_belongs_to_its_lab(qtbot, db):
    north, south = make_lab(db, "Nord"), make_lab(db, "Süd")
    view = open_view(qtbot, db, north)
    qtbot.keyClicks(view.entry.line, "Laute Musik nach")
    view.entry.table.setText("4")
    view.close()                                  # closed before the pause: written on close
    again = open_view(qtbot, db, north)
    assert again.entry.line.text() == "Laute Musik nach" and again.entry.table.text() == "4"
    other = open_view(qtbot, db, south)
    assert other.entry.line.text() == "" and other.entry.table.text() == ""
    # the card is saved: the draft of its text is gone, the sticky table stays
    qtbot.keyClicks(again.entry.line, "ts")
    qtbot.keyClick(again.entry.line, Qt.Key.Key_Return)
    assert any(c.text == "Laute Musik nachts" for c in again.controller.store.cards.values())
    again.close()
    other.close()
    third = open_view(qtbot, db, north)
    assert third.entry.line.text() == "" and third.entry.table.text() == "4"
    third.close()


def test_draft_is_on_disk_shortly_after_typing_without_any_close(qtbot, db):
    """As after a crash: nothing closed, the file is read by a fresh store."""
    lab = make_lab(db, "Nord")
    view = open_view(qtbot, db, lab)
    qtbot.keyClicks(view.entry.line, "Hundekot am Spielpl")
    store = DraftStore(db.url, lab)
    qtbot.waitUntil(lambda: store.load().text == "Hundekot am Spielpl", timeout=2000)
    assert store.path.parent.parent == view.draft.store.path.parent.parent
    view.entry.line.clear()
    qtbot.waitUntil(lambda: not store.path.exists(), timeout=2000)


def test_unreadable_or_unwritable_draft_never_stops_typing(tmp_path):
    store = DraftStore("sqlite:///x", 1, folder=tmp_path / "drafts")
    store.path.write_text("{kaputt", encoding="utf-8")
    assert store.load() == EntryDraft()
    blocked = DraftStore("sqlite:///x", 1, folder=tmp_path / "file")
    (tmp_path / "file").write_text("no folder", encoding="utf-8")
    assert blocked.save(EntryDraft("Text")) is False
