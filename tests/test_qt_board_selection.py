"""Selection and dot voting touch only the cards the facilitator meant (issue: one card per
cluster selected by plain clicks was deleted all at once; number keys voted for old clicks)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.qt.board.board_menus import card_menu
from quartierslabor_app.qt.board.workshop_view import WorkshopView

NOISE, PARKING, FEAR = "Laute Musik nachts", "Autos parken auf dem Gehweg", "Dunkle Unterführung macht Angst"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def view(qtbot, db):
    with db.session() as session:
        lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    widget = WorkshopView(db, lab)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)
    qtbot.waitUntil(lambda: widget.clusterer_loader.ready_now)    # cards typed from here on are placed at once
    yield widget
    widget.close()


@pytest.fixture
def three(view):
    """One card each in Lärm, Parken and Angsträume."""
    cards = [view.add_card(text) for text in (NOISE, PARKING, FEAR)]
    names = [view.controller.store.clusters[c.cluster_id].name for c in cards]
    assert len({c.cluster_id for c in cards}) == 3, names
    return cards


def click(qtbot, view, card_id, modifier=Qt.KeyboardModifier.NoModifier):
    column = view.board.column_of_card(card_id)
    rect = column.view.visualRect(column.model.index(column.model.row_of(card_id)))
    qtbot.mouseClick(column.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def refuse_questions(view, asked):
    def confirm(question):
        asked.append(question)
        return False
    view.editing.confirm = confirm


def test_plain_clicks_in_three_clusters_select_only_the_last_card_and_delete_deletes_it(qtbot, view, three):
    asked = []
    refuse_questions(view, asked)
    a, b, c = three
    for card in three:
        click(qtbot, view, card.id)
        assert view.board.selected_card_ids() == [card.id]
    # the reported sequence: click one card each in Lärm, Parken, Angsträume, then "Löschen"
    delete = next(x for x in card_menu(view, c.id).actions() if x.text().startswith("Löschen"))
    assert delete.text() == "Löschen\tEntf"
    delete.trigger()
    assert asked == []
    assert set(view.controller.store.cards) == {a.id, b.id}
    # the Delete key, too, deletes the one selected card only
    click(qtbot, view, b.id)
    qtbot.keyClick(view.board.column_of_card(b.id).view, Qt.Key.Key_Delete)
    assert set(view.controller.store.cards) == {a.id}


def test_ctrl_click_adds_and_removes_across_clusters_and_delete_names_what_it_touches(qtbot, view, three):
    asked = []
    refuse_questions(view, asked)
    a, b, c = three
    click(qtbot, view, a.id)
    click(qtbot, view, b.id, CTRL)
    click(qtbot, view, c.id, CTRL)
    assert view.board.selected_card_ids() == sorted([a.id, b.id, c.id], key=lambda i: [
        x.id for x in view.controller.store.ordered_clusters()].index(view.controller.store.cards[i].cluster_id))
    menu_texts = [x.text() for x in card_menu(view, c.id).actions()]
    assert "3 Karten in 3 Themen löschen …\tEntf" in menu_texts
    assert "Neues Thema aus 3 Karten …" in menu_texts
    assert "3 Karten in 3 Themen verschieben nach" in menu_texts
    view.editing.delete_cards(view.board.selected_card_ids())
    assert asked == ["3 Karten in 3 Themen löschen?"]
    assert len(view.controller.store.cards) == 3        # answered "no": nothing deleted
    click(qtbot, view, b.id, CTRL)                       # Ctrl+click again removes it
    assert set(view.board.selected_card_ids()) == {a.id, c.id}
    view.editing.confirm = lambda question: asked.append(question) or True
    view.editing.delete_cards(view.board.selected_card_ids())
    assert asked[-1] == "2 Karten in 2 Themen löschen?"
    assert set(view.controller.store.cards) == {b.id}
    view.controller.undo_stack.undo()                    # one step brings both back
    assert set(view.controller.store.cards) == {a.id, b.id, c.id}


def test_shift_click_extends_within_one_cluster_and_escape_clears(qtbot, view, three):
    a, b, c = three
    more = [view.add_card(t) for t in ("Laute Partys am Wochenende", "Lärm von der Baustelle")]
    same = [m for m in more if m.cluster_id == a.cluster_id]
    assert same, "the test needs a second card in the noise cluster"
    column = view.board.columns[a.cluster_id]
    rows = sorted(column.model.row_of(i) for i in [a.id] + [m.id for m in same])
    first, last = column.model.cards()[rows[0]].id, column.model.cards()[rows[-1]].id
    click(qtbot, view, c.id)
    click(qtbot, view, first)
    click(qtbot, view, last, SHIFT)
    selected = view.board.selected_card_ids()
    assert set(selected) == {x.id for x in column.model.cards()[rows[0]:rows[-1] + 1]}
    assert c.id not in selected and len(selected) >= 2
    qtbot.keyClick(column.view, Qt.Key.Key_Escape)
    assert view.board.selected_card_ids() == []
    assert view.entry.line.hasFocus()


def test_number_key_in_dot_vote_gives_points_to_the_clicked_card_only(qtbot, view, three):
    a, b, c = three
    view.toolbar.vote_button.click()
    # the reported sequence: click two cards, then a third, press 7
    for card in three:
        click(qtbot, view, card.id)
    qtbot.keyClick(view.board.column_of_card(c.id).view, Qt.Key.Key_7)
    votes = {card.id: view.controller.store.cards[card.id].votes for card in three}
    assert votes == {a.id: 1, b.id: 1, c.id: 8}
    # even with several cards selected by Ctrl+click, a number goes to the focused card only
    view.board.select_card(a.id)
    view.board.columns[b.cluster_id].view.selectionModel().select(
        view.board.columns[b.cluster_id].model.index(0),
        view.board.columns[b.cluster_id].view.selectionModel().SelectionFlag.Select)
    assert len(view.board.selected_card_ids()) == 2 and view.board.focused_card_id() == a.id
    qtbot.keyClick(view.board.column_of_card(a.id).view, Qt.Key.Key_2)
    assert view.controller.store.cards[a.id].votes == 3 and view.controller.store.cards[b.id].votes == 1
    # with nothing focused, a number gives nobody points
    view.board.clear_selection()
    view.dot_vote.key(5)
    assert sum(c.votes for c in view.controller.store.cards.values()) == 1 + 1 + 8 + 2


def test_cards_drawn_from_their_kept_pictures_look_as_if_painted_anew(qtbot, view, three):
    """Cards are painted once and then copied: a changed, selected or new card gets a new picture."""
    column = view.board.column_of_card(three[0].id)
    viewport = column.view.viewport()
    first = viewport.grab().toImage()
    assert viewport.grab().toImage() == first

    def as_painted_anew():
        shown = viewport.grab().toImage()
        column.delegate.clear_cache()
        return shown == viewport.grab().toImage()

    view.controller.add_card_vote(three[0].id, 2)
    QApplication.processEvents()
    voted = viewport.grab().toImage()
    assert voted != first and as_painted_anew()
    view.board.select_card(three[0].id)
    QApplication.processEvents()
    assert viewport.grab().toImage() != voted and as_painted_anew()
    view.board.set_fresh({three[0].id})      # the new card's glow
    QApplication.processEvents()
    assert as_painted_anew()
