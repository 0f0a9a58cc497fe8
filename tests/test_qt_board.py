"""pytest-qt tests of the workshop board: entry, drag-to-correct, cluster edits, undo/redo,
presenter view, dot voting and rolling backups."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.models import Card, LearningExample
from quartierslabor_app.qt.board.board_menus import card_menu, cluster_menu
from quartierslabor_app.qt.board.card_model import CardRole
from quartierslabor_app.qt.board.workshop_view import WorkshopView


@pytest.fixture
def db(any_db):
    """The board view runs on SQLite and on a real PostgreSQL server."""
    return any_db


@pytest.fixture
def lab_id(db):
    with db.session() as session:
        return create_lab(session, "Nordstadt", "Innenstadt-Nord").id


def open_view(qtbot, database, lab, *, placing: bool = True):
    """The board on screen; with ``placing`` once its clusterer is built (cards typed from then on are placed
    at once)."""
    widget = WorkshopView(database, lab)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    if placing:
        qtbot.waitUntil(lambda: widget.clusterer_loader.ready_now)
    return widget


@pytest.fixture
def view(qtbot, db, lab_id):
    widget = open_view(qtbot, db, lab_id)
    yield widget
    widget.close()          # before the database goes: the view stops its timers and database work


@pytest.fixture
def sqlite_db(tmp_path):
    """Rolling backups copy the local SQLite file, so their test always runs on SQLite."""
    from quartierslabor_app.core.storage.database import open_database

    database = open_database(tmp_path / "board.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def sqlite_view(qtbot, sqlite_db):
    with sqlite_db.session() as session:
        lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    widget = open_view(qtbot, sqlite_db, lab)
    yield widget
    widget.close()


def type_card(qtbot, view, text):
    view.entry.line.clear()
    if text.isascii():
        qtbot.keyClicks(view.entry.line, text)
    else:      # QTest can only type ASCII keys
        view.entry.line.setText(text)
    qtbot.keyClick(view.entry.line, Qt.Key.Key_Return)


def column_texts(view, cluster_id):
    column = view.board.columns[cluster_id]
    return [column.model.data(column.model.index(r), CardRole).text for r in range(column.model.rowCount())]


def card_by_text(view, text):
    return next(c for c in view.controller.store.cards.values() if c.text == text)


def db_cards(db):
    with db.session() as session:
        return {c.id: (c.text, c.cluster_id, c.deleted, c.votes) for c in session.scalars(select(Card))}


def test_entry_adds_card_to_its_cluster_and_keeps_focus(qtbot, view, db):
    view.activateWindow()
    view.entry.line.setFocus()
    type_card(qtbot, view, "Hundekot überall @Borsigplatz #2")
    card = card_by_text(view, "Hundekot überall")
    assert (card.place, card.table_tag) == ("Borsigplatz", "2")
    assert db_cards(db)[card.id][:2] == ("Hundekot überall", card.cluster_id)
    column = view.board.columns[card.cluster_id]
    assert "Sauberkeit" in column.name_label.text()
    assert column_texts(view, card.cluster_id) == ["Hundekot überall"]
    assert column.count_label.text() == "1"
    assert view.entry.line.text() == ""
    qtbot.waitUntil(lambda: view.board.is_card_visible(card.id))
    # reason in the side panel and the tooltip
    assert "Hundekot" in view.side.details.reason.text()
    tooltip = column.model.data(column.model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "erkannt an" in tooltip and "Borsigplatz" in tooltip
    # sticky table field applies to the next card
    view.entry.table.setText("5")
    type_card(qtbot, view, "Laute Musik nachts")
    assert card_by_text(view, "Laute Musik nachts").table_tag == "5"
    # empty Enter adds nothing
    before = len(db_cards(db))
    type_card(qtbot, view, "   ")
    assert len(db_cards(db)) == before


def test_drag_to_correct_moves_card_and_teaches(qtbot, view, db):
    view.add_card("Die Bänke am Teich sind immer belegt")
    view.add_card("Laute Musik nachts")
    card = card_by_text(view, "Die Bänke am Teich sind immer belegt")
    target = card_by_text(view, "Laute Musik nachts").cluster_id
    source_column = view.board.columns[card.cluster_id]
    mime = source_column.model.mimeData([source_column.model.index(source_column.model.row_of(card.id))])
    target_model = view.board.columns[target].model
    target_model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: view.controller.store.cards[card.id].cluster_id == target)
    assert "Die Bänke am Teich sind immer belegt" in column_texts(view, target)
    assert card.id not in [c.id for c in source_column.model.cards()]
    with db.session() as session:
        examples = session.scalars(select(LearningExample)).all()
        assert [(e.text, e.cluster_key) for e in examples] == [(card.text, view.controller.store.clusters[target].key)]
    # the next identical card lands where the facilitator put the first
    again = view.add_card("Die Bänke am Teich sind immer belegt")
    assert again.cluster_id == target
    # undo the new card and the move: card returns, example is forgotten
    view.undo_action.trigger()
    view.undo_action.trigger()
    assert view.controller.store.cards[card.id].cluster_id == card.cluster_id
    with db.session() as session:
        assert session.scalars(select(LearningExample)).all() == []
    view.redo_action.trigger()
    assert db_cards(db)[card.id][1] == target


def test_drop_inside_same_cluster_pins_card(qtbot, view):
    a = view.add_card("Hundekot im Park")
    b = view.add_card("Müll neben den Containern")
    assert a.cluster_id == b.cluster_id
    assert view.editing.drop_cards([b.id], b.cluster_id, 0) == 1
    assert view.controller.store.cards[b.id].pinned
    assert column_texts(view, a.cluster_id)[0] == "Müll neben den Containern"
    view.undo_action.trigger()
    assert not view.controller.store.cards[b.id].pinned
    assert column_texts(view, a.cluster_id)[0] == "Hundekot im Park"


def test_rename_merge_split_with_undo_redo(qtbot, view, db):
    noise = view.add_card("Laute Musik nachts")
    view.add_card("Krach vom Kiosk")
    litter = view.add_card("Hundekot im Park")
    view.add_card("Müll neben den Containern")
    c = view.controller
    assert c.rename_cluster(noise.cluster_id, "Lärm am Abend")
    assert view.board.columns[noise.cluster_id].name_label.text() == "Lärm am Abend"
    # renaming to a name in use is refused with a German message and changes nothing
    assert not c.rename_cluster(noise.cluster_id, view.controller.store.clusters[litter.cluster_id].name)
    assert "gibt es schon" in view.status.text()
    # merge noise into litter
    c.merge_clusters(noise.cluster_id, litter.cluster_id)
    assert noise.cluster_id not in view.board.columns
    assert view.board.columns[litter.cluster_id].count_label.text() == "4"
    view.undo_action.trigger()
    assert sorted(column_texts(view, noise.cluster_id)) == ["Krach vom Kiosk", "Laute Musik nachts"]
    assert view.board.columns[litter.cluster_id].count_label.text() == "2"
    view.redo_action.trigger()
    assert noise.cluster_id not in view.board.columns
    view.undo_action.trigger()
    view.undo_action.trigger()        # undo the rename too
    assert view.board.columns[noise.cluster_id].name_label.text() == "Lärm"
    # split: one card into a new cluster
    result = c.split_cluster(litter.cluster_id, [litter.id], "Hunde")
    new_id = result.created[0].id
    assert column_texts(view, new_id) == ["Hundekot im Park"]
    view.undo_action.trigger()
    assert new_id not in view.board.columns
    view.redo_action.trigger()
    assert column_texts(view, new_id) == ["Hundekot im Park"]
    assert db_cards(db)[litter.id][1] == new_id


def test_create_recolor_and_delete_cluster_with_undo(qtbot, view):
    c = view.controller
    result = c.create_cluster("Spielplatz")
    cluster_id = result.created[0].id
    column = view.board.columns[cluster_id]
    assert column.empty_label.isVisibleTo(view) and column.count_label.text() == "0"
    assert c.recolor_cluster(cluster_id, "#5fb28a")
    assert c.store.clusters[cluster_id].color == "#5fb28a"
    view.undo_action.trigger()
    assert c.store.clusters[cluster_id].color != "#5fb28a"
    c.delete_cluster(cluster_id)
    assert cluster_id not in view.board.columns
    view.undo_action.trigger()
    assert cluster_id in view.board.columns


def test_delete_restore_edit_and_keyboard_undo(qtbot, view, db):
    card = view.add_card("Sperrmüll an der Ecke")
    view.board.select_card(card.id)
    assert view.editing.delete_cards(view.board.selected_card_ids()) == 1
    assert card.id not in view.controller.store.cards
    assert db_cards(db)[card.id][2] is True
    assert view.side.deleted_list.count() == 1
    # Ctrl+Z in the empty entry line undoes the delete
    view.activateWindow()
    view.entry.line.setFocus()
    qtbot.keyClick(view.entry.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert card.id in view.controller.store.cards
    assert view.side.deleted_list.count() == 0
    qtbot.keyClick(view.entry.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert card.id not in view.controller.store.cards
    # restore from the trash
    view.side.restore_requested.emit(card.id)
    assert card.id in view.controller.store.cards
    # edit
    view.controller.edit_card(card.id, text="Sperrmüll an der Ecke Mallinckrodtstraße", place="Nordstadt")
    assert db_cards(db)[card.id][0] == "Sperrmüll an der Ecke Mallinckrodtstraße"
    view.undo_action.trigger()
    assert view.controller.store.cards[card.id].text == "Sperrmüll an der Ecke"
    # with text in the entry line, Ctrl+Z edits the text instead of the board
    view.entry.line.setFocus()
    qtbot.keyClicks(view.entry.line, "abc")
    qtbot.keyClick(view.entry.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.controller.store.cards[card.id].text == "Sperrmüll an der Ecke"


def test_undo_of_add_removes_card_and_redo_brings_it_back(qtbot, view, db):
    type_card(qtbot, view, "Falschparker vor der Schule")
    card = card_by_text(view, "Falschparker vor der Schule")
    view.undo_action.trigger()
    assert card.id not in view.controller.store.cards
    assert db_cards(db)[card.id][2] is True
    view.redo_action.trigger()
    assert column_texts(view, card.cluster_id) == ["Falschparker vor der Schule"]


def test_context_menus_offer_the_actions(qtbot, view):
    a = view.add_card("Laute Musik nachts")
    b = view.add_card("Hundekot im Park")
    texts = [x.text() for x in card_menu(view, a.id).actions()]
    assert any(t.startswith("Löschen") for t in texts) and any("Anheften" in t for t in texts)
    cluster_texts = [x.text() for x in cluster_menu(view, a.cluster_id).actions()]
    for wanted in ("Umbenennen …", "Farbe", "Zusammenführen mit", "Teilen …"):
        assert wanted in cluster_texts
    merge_menu = next(x for x in cluster_menu(view, a.cluster_id).actions() if x.text() == "Zusammenführen mit").menu()
    merge_menu.actions()[0].trigger()
    assert a.cluster_id not in view.controller.store.clusters
    assert view.controller.store.cards[a.id].cluster_id == b.cluster_id


def test_presenter_mirrors_board_hides_texts_and_shows_results(qtbot, view):
    view.add_card("Laute Musik nachts")
    screen = QGuiApplication.screens()[0]
    presenter = view.presentation.open(screen=screen, fullscreen=False)
    qtbot.waitExposed(presenter)
    assert presenter.isWindow() and presenter.screen() is screen
    # live: a new card appears in the presenter too
    card = view.add_card("Hundekot im Park")
    qtbot.waitUntil(lambda: card.id in presenter.board.card_rects())
    assert presenter.board.summary() == "2 Anliegen in 2 Themen"
    # hide texts: only the presenter hides them
    view.toolbar.hide_button.click()
    assert presenter.texts_hidden
    assert not view.board.columns[card.cluster_id].delegate.hide_texts
    hidden = presenter.grab().toImage()
    view.toolbar.hide_button.click()
    assert not presenter.texts_hidden
    assert presenter.grab().toImage() != hidden
    # dot-vote view on the projector
    view.controller.set_card_votes(card.id, 3)
    view.toolbar.results_button.click()
    assert presenter.showing_results
    qtbot.waitUntil(lambda: [r.id for r in presenter.results.cards] == [card.id])
    view.controller.add_card_vote(card.id, 2)
    qtbot.waitUntil(lambda: presenter.results.cards[0].votes == 5)
    presenter.close()
    assert view.presentation.window is None and not view.toolbar.presenter_button.isChecked()


def test_dot_voting_with_keys_clicks_and_budget(qtbot, view, db):
    a = view.add_card("Laute Musik nachts")
    b = view.add_card("Hundekot im Park")
    view.toolbar.vote_button.click()
    assert view.dot_vote.on and not view.entry.line.isEnabled()
    view.board.select_card(a.id)
    view.dot_vote.actions[2].trigger()               # key "3"
    assert db_cards(db)[a.id][3] == 3
    view.dot_vote.key(1)                             # "+"
    assert view.controller.store.cards[a.id].votes == 4
    # clicking a card adds a point, shift-click takes one away
    column = view.board.columns[b.cluster_id]
    rect = column.view.visualRect(column.model.index(column.model.row_of(b.id)))
    qtbot.mouseClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert db_cards(db)[b.id][3] == 2
    qtbot.mouseClick(column.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     rect.center())
    assert db_cards(db)[b.id][3] == 1
    # clicking a cluster header gives the cluster a point; then number keys go to the cluster
    header = view.board.columns[a.cluster_id].header
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton)
    assert view.controller.store.clusters[a.cluster_id].votes == 1
    view.dot_vote.actions[1].trigger()               # key "2"
    assert view.controller.store.clusters[a.cluster_id].votes == 3
    # ranking
    view.dot_vote.refresh_results()
    assert [(r.id, r.votes, r.rank) for r in view.dot_vote.results.cards] == [(a.id, 4, 1), (b.id, 1, 2)]
    assert view.dot_vote.results.clusters[0].id == a.cluster_id and view.dot_vote.results.clusters[0].votes == 7
    # budget: 2 people x 3 points = 6 < 8 used -> warning
    view.service.set_vote_budget(3, 2)
    view.dot_vote.refresh_results()
    assert view.dot_vote.results.status.over and "Achtung" in view.dot_vote.results.status.message
    # every vote is undoable; reset too
    view.controller.reset_votes()
    assert view.service.votes_used() == 0
    view.undo_action.trigger()
    assert view.service.votes_used() == 8
    view.toolbar.vote_button.click()
    assert not view.dot_vote.on and view.entry.line.isEnabled()


def test_rolling_backup_on_activity_and_close(qtbot, sqlite_view, tmp_path):
    view = sqlite_view
    assert view.backup.supported and view.backup.timer.isActive()
    assert "SQLite" not in view.status.text()
    policy = view.backup.policy
    policy.target_dir = tmp_path / "backups"
    policy.keep = 3
    assert view.backup.tick() is None            # nothing happened yet
    policy.interval_s = 0
    for i in range(5):
        view.add_card(f"Laute Musik nachts {i}")
        path = view.backup.tick()
        assert path is not None
    backups = sorted(policy.target_dir.glob("*.sqlite3"))
    assert len(backups) == 3
    con = sqlite3.connect(str(backups[-1]))
    try:
        assert con.execute("SELECT count(*) FROM cards").fetchone()[0] == 5
    finally:
        con.close()
    view.add_card("Noch eine Karte")
    view.hide()                                  # leaving the step backs up
    newest = max(policy.target_dir.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime_ns)
    assert "workshop-ende" in newest.name


def test_no_rolling_backup_on_postgresql_and_the_user_is_told_once(qtbot, fresh_pg_url, tmp_path):
    from quartierslabor_app.core.storage.database import open_database

    database = open_database(fresh_pg_url)
    try:
        with database.session() as session:
            lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
        view = open_view(qtbot, database, lab)
        assert not view.backup.supported and not view.backup.timer.isActive()
        assert "nur für die lokale SQLite-Datei" in view.status.text()
        policy = view.backup.policy
        policy.target_dir = tmp_path / "backups"
        policy.interval_s = 0
        view.add_card("Laute Musik nachts")
        assert view.backup.tick() is None and view.backup.finish() is None
        assert not policy.due() and policy.last_path is None
        assert not policy.target_dir.exists()
        # once: the normal status line follows the first activity, the notice does not come back
        assert "SQLite" not in view.status.text() and "1 Anliegen in 1 Thema" in view.status.text()
        view.add_card("Hundekot im Park")
        assert "SQLite" not in view.status.text()
        view.hide()
        view.show()
        assert not view.backup.timer.isActive()
        view.close()
    finally:
        database.dispose()


def test_closed_view_and_presenter_leave_the_database_alone(qtbot, view, db):
    """After close no timer is left that would query the database (it may be gone by then)."""
    view.side.setCurrentIndex(view.dot_vote.tab_index)       # every change now schedules a results refresh
    presenter = view.presentation.open(fullscreen=False)
    view.toolbar.results_button.click()
    view.add_card("Laute Musik nachts")
    assert view.dot_vote.results_timer.isActive()
    view.close()
    assert view.presentation.window is None and not presenter.isVisible()
    assert not view.dot_vote.results_timer.isActive() and not view._fresh_timer.isActive()
    assert not view.backup.timer.isActive()
    calls = []
    view.service.card_results = lambda: calls.append("card_results") or []
    qtbot.wait(150)                                    # longer than every refresh interval
    assert calls == []


def test_refresh_shows_changes_made_elsewhere(qtbot, view, db, lab_id):
    from quartierslabor_app.core.board import BoardService
    BoardService(db, lab_id).add_card("Graffiti an der Schule")
    assert not view.controller.store.cards
    view.refresh()
    assert [c.text for c in view.controller.store.cards.values()] == ["Graffiti an der Schule"]


def test_city_menu_switches_city_learning_and_saves_default(qtbot, view, db):
    from quartierslabor_app.core.board.taxonomy_store import CITY_TAXONOMY_SETTING
    from quartierslabor_app.core.storage.models import Setting
    view.controller.create_cluster("Fahrradständer")
    view.toolbar.learn_city_action.setChecked(True)
    assert view.service.ctx.share_with_city
    view.editing.save_city_default()
    with db.session() as session:
        assert "Fahrradständer" in session.get(Setting, CITY_TAXONOMY_SETTING).value
    assert "Vorgabe" in view.status.text()


def test_typing_on_the_board_goes_to_the_entry_line(qtbot, view):
    card = view.add_card("Laute Musik nachts")
    column = view.board.columns[card.cluster_id]
    column.view.setFocus()
    view.board.select_card(card.id)
    qtbot.keyClicks(column.view, "Krach")
    assert view.entry.line.text() == "Krach"
    assert view.entry.line.hasFocus() or QGuiApplication.focusObject() is view.entry.line
    # Delete on the board still deletes the selected card
    column.view.setFocus()
    view.board.select_card(card.id)
    qtbot.keyClick(column.view, Qt.Key.Key_Delete)
    assert card.id not in view.controller.store.cards


def test_presenter_zoom_keeps_cards_and_hidden_texts(qtbot, view):
    card = view.add_card("Laute Musik nachts")
    presenter = view.presentation.open(fullscreen=False)
    view.presentation.set_hide_texts(True)
    px = presenter.board.wall_layout().px
    presenter.zoom(1 / 1.15)
    assert presenter.board.wall_layout().px < px
    assert presenter.board.hide_texts
    assert list(presenter.board.card_rects()) == [card.id]
    later = view.add_card("Krach vom Kiosk")
    qtbot.waitUntil(lambda: later.id in presenter.board.card_rects())


def test_move_menu_offers_taxonomy_topics_without_a_column(qtbot, view):
    a = view.add_card("Laute Musik nachts")
    menu = card_menu(view, a.id)
    move = next(x for x in menu.actions() if x.text() == "Verschieben nach").menu()
    names = [x.text() for x in move.actions()]
    assert "Kinder und Jugend/Freizeit" in names and "Lärm" not in names     # its own column is not offered
    assert len(names) == len(set(names))
    next(x for x in move.actions() if x.text() == "Kinder und Jugend/Freizeit").trigger()
    target = view.controller.store.clusters[view.controller.store.cards[a.id].cluster_id]
    assert target.name == "Kinder und Jugend/Freizeit" and target.key == "jugend"
