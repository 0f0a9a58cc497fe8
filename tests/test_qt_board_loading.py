"""The board is usable before the clusterer is built: it is built off the GUI thread, a card typed meanwhile is
saved at once, shown in the catch-all topic and placed in its topic as soon as the clusterer is ready."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from quartierslabor_app.core.board import BoardService
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.models import Card, Cluster
from quartierslabor_app.qt.board.workshop_view import WorkshopView
from test_qt_board import open_view


@pytest.fixture
def gate(monkeypatch):
    """Holds the background build of the clusterer until set."""
    event = threading.Event()
    build = BoardService.build_clusterer
    on_gui_thread = []

    def held(service):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        assert event.wait(20), "the build was never released"
        return build(service)

    monkeypatch.setattr(BoardService, "build_clusterer", held)
    event.on_gui_thread = on_gui_thread
    yield event
    event.set()


def saved(db, card_id):
    with db.session() as session:
        card = session.get(Card, card_id)
        return card.text, card.assigned_by, session.scalar(select(Cluster.key).where(Cluster.id == card.cluster_id))


def new_lab(db) -> int:
    with db.session() as session:
        return create_lab(session, "Nordstadt", "Innenstadt-Nord").id


def open_board(qtbot, db, lab):
    """The board on screen, its clusterer being built (held by ``gate``)."""
    view = open_view(qtbot, db, lab, placing=False)
    qtbot.waitUntil(lambda: view.clusterer_loader.loading and view.service.ctx.building)
    return view


def test_card_typed_before_the_clusterer_is_ready_is_saved_shown_and_placed(qtbot, db, gate):
    view = open_board(qtbot, db, new_lab(db))
    assert "Themen werden geladen" in view.status.text()
    view.entry.line.setText("Hundekot überall auf dem Gehweg")
    qtbot.keyClick(view.entry.line, Qt.Key.Key_Return)
    # the GUI thread did not wait for the clusterer: the card is on disk and on the board, the entry line is free
    assert gate.on_gui_thread == [False] and not view.service.ctx.clusterer_ready
    card_id = next(iter(view.controller.store.cards))
    assert saved(db, card_id) == ("Hundekot überall auf dem Gehweg", "waiting", "sonstiges")
    assert view.entry.line.text() == ""
    assert view.side.details.reason.text() == "Sonstiges – wird gleich eingeordnet …"
    assert "wird eingeordnet, sobald die Themen geladen sind" in view.side.details.meta.text()
    qtbot.waitUntil(lambda: view.board.is_card_visible(card_id))
    waiting_column = view.board.column_of_card(card_id)
    assert waiting_column.cluster.key == "sonstiges"
    gate.set()
    qtbot.waitUntil(lambda: view.clusterer_loader.ready_now)
    assert saved(db, card_id) == ("Hundekot überall auf dem Gehweg", "auto", "sauberkeit")
    placed = view.controller.store.cards[card_id]
    assert view.controller.store.clusters[placed.cluster_id].key == "sauberkeit"
    qtbot.waitUntil(lambda: view.board.is_card_visible(card_id))
    assert view.board.column_of_card(card_id).cluster.id == placed.cluster_id
    assert "Themen werden geladen" not in view.status.text()
    # the side panel follows: the card's reason now, not "wird gleich eingeordnet"
    assert view.side.details.reason.text().startswith("Sauberkeit") and "Hundekot" in view.side.details.reason.text()
    assert "automatisch zugeordnet" in view.side.details.meta.text()
    # from now on cards are placed as they come
    later = view.add_card("Nachts laute Musik und Geschrei am Kiosk")
    assert saved(db, later.id)[1:] == ("auto", "laerm")
    view.close()


def test_closing_the_board_during_the_build_leaves_the_waiting_card_for_the_next_opening(qtbot, db, gate):
    lab = new_lab(db)
    view = open_board(qtbot, db, lab)
    card = view.add_card("Hundekot überall auf dem Gehweg")
    view.close()
    gate.set()
    qtbot.waitUntil(lambda: not view.clusterer_loader.loading)
    assert saved(db, card.id)[1:] == ("waiting", "sonstiges")      # closed: no database work after the close
    again = WorkshopView(db, lab)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.clusterer_loader.ready_now and saved(db, card.id)[1] == "auto")
    assert saved(db, card.id)[1:] == ("auto", "sauberkeit")
    again.close()


def test_a_hint_in_the_status_line_stays_when_the_topics_are_loaded(qtbot, db, gate):
    view = open_board(qtbot, db, new_lab(db))
    view.dot_vote.set_on(True)
    hint = view.status.text()
    assert hint.startswith("Punktabfrage:")
    gate.set()
    qtbot.waitUntil(lambda: view.clusterer_loader.ready_now)
    assert view.status.text() == hint
    view.dot_vote.set_on(False)
    view.close()


def test_a_merge_rebuilds_the_clusterer_in_the_background_and_enter_does_not_wait(qtbot, db, gate):
    """A merge makes the clusterer stale; it is rebuilt off the GUI thread, and a card typed meanwhile waits in
    the catch-all topic instead of the GUI thread building the clusterer."""
    lab = new_lab(db)
    view = open_board(qtbot, db, lab)
    gate.set()
    qtbot.waitUntil(lambda: view.clusterer_loader.ready_now)
    for text in ("Hundekot überall auf dem Gehweg", "Nachts laute Musik am Kiosk"):
        view.entry.line.setText(text)
        qtbot.keyClick(view.entry.line, Qt.Key.Key_Return)
    gate.clear()
    clusters = sorted(view.service.clusters(), key=lambda c: c.id)
    source, target = clusters[0], clusters[1]
    builds_before = len(gate.on_gui_thread)
    assert view.controller.merge_clusters(source.id, target.id) is not None
    qtbot.waitUntil(lambda: view.clusterer_loader.loading and view.service.ctx.building)
    view.entry.line.setText("Autos parken auf dem Radweg")
    qtbot.keyClick(view.entry.line, Qt.Key.Key_Return)
    with db.session() as session:
        waiting = session.scalar(select(Card).where(Card.text == "Autos parken auf dem Radweg"))
        assert waiting is not None                      # saved at once, while the rebuild is still held
    assert not view.service.ctx.clusterer_ready
    gate.set()
    qtbot.waitUntil(lambda: view.clusterer_loader.ready_now)
    assert gate.on_gui_thread[builds_before:] == [False]
    qtbot.waitUntil(lambda: saved(db, waiting.id)[2] == "parken")
