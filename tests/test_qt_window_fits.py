"""The main window fits municipal laptop screens (1280×720, 1366×768) in German and English, and the
lab list on the left can be hidden to give the workshop board more room."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QTabBar, QWidget

from quartierslabor_app.core.labs import LIFECYCLE_STEPS
from quartierslabor_app.core.reports.example_data import create_example_lab
from quartierslabor_app.qt.main_window import MainWindow

from window_helpers import open_main_window, settle

MAX_WIDTH = 1240     # 1280 minus window frame and a little room
MAX_HEIGHT = 680     # 720 minus title bar and task bar are tight; the window must get by with this


def _cut_off(view: QWidget) -> list[str]:
    """Visible buttons, combos and one-line labels narrower than their text needs; tab bars whose
    tabs do not all fit side by side (scroll arrows)."""
    cut = []
    for bar in view.findChildren(QTabBar):
        need = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
        if bar.isVisible() and bar.width() < need:
            cut.append(f"tab bar {[bar.tabText(i) for i in range(bar.count())]}: {bar.width()} < {need}")
    for widget in view.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QAbstractButton, QComboBox, QLabel)):
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
            continue
        need = widget.minimumSizeHint().width()
        if widget.width() < need:
            cut.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}: {widget.width()} < {need}")
    return cut


def _assert_fits(qtbot, win: MainWindow) -> None:
    for step in LIFECYCLE_STEPS:
        win.select_step(step)
        settle()
        view = win.step_view(step)
        assert view is not None and win.step_stack.currentWidget() is view
        hint = win.minimumSizeHint()
        assert hint.width() <= MAX_WIDTH, (step, hint.width(), view.minimumSizeHint().width())
        assert hint.height() <= MAX_HEIGHT, (step, hint.height(), view.minimumSizeHint().height())
        assert win.width() == 1280 and win.height() == 720, (step, win.size())
        assert _cut_off(view) == [], step


def test_every_step_fits_a_small_laptop_screen_in_german(qtbot, db, example_lab):
    win = open_main_window(qtbot, db, example_lab)
    _assert_fits(qtbot, win)


def test_every_step_fits_a_small_laptop_screen_in_english(qtbot, english, db, example_lab):
    win = open_main_window(qtbot, db, example_lab)
    assert win.view_menu.title() == "&View"
    _assert_fits(qtbot, win)


def test_workshop_toolbar_keeps_every_control_and_names_undo_in_tooltips(qtbot, db, example_lab):
    win = open_main_window(qtbot, db, example_lab)
    win.select_step("Workshop")
    settle()
    view = win.step_view("Workshop")
    for button in (view.toolbar.undo_button, view.toolbar.redo_button, view.toolbar.new_cluster_button, view.toolbar.recluster_button,
                   view.toolbar.vote_button, view.toolbar.city_button, view.toolbar.presenter_button, view.toolbar.hide_button,
                   view.toolbar.results_button):
        assert button.isVisible(), button.text()
    assert "Strg+Z" in view.toolbar.undo_button.toolTip() and "Rückgängig" in view.toolbar.undo_button.toolTip()
    assert "Wiederholen" in view.toolbar.redo_button.toolTip()
    # the projector screen is chosen in the menu of the presentation button, one entry per screen
    screens = QApplication.screens()
    entries = view.presentation.screen_actions()
    assert len(entries) == len(screens)
    assert all(action.isCheckable() for action in entries)
    assert sum(action.isChecked() for action in entries) == 1
    assert view.toolbar.presenter_button.menu() is not None
    assert view.presentation.screen() is screens[view.presentation.screen_index()]


def test_lab_list_can_be_hidden_and_stays_hidden_next_start(qtbot, db, example_lab):
    win = open_main_window(qtbot, db, example_lab)
    win.select_step("Workshop")
    settle()
    board = win.step_view("Workshop").board_area
    width_with_list = board.width()
    action = win.lab_list_action
    assert action.isCheckable() and action.isChecked()
    assert action in win.view_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+L"
    assert win.lab_panel.isVisible()
    action.trigger()
    settle()
    assert not win.lab_panel.isVisible() and not action.isChecked()
    assert board.width() > width_with_list + 200       # the board gets the room
    assert win.minimumSizeHint().width() < 1000
    win.close()

    again = open_main_window(qtbot, db, example_lab)
    assert not again.lab_list_action.isChecked() and not again.lab_panel.isVisible()
    again.lab_list_action.trigger()
    settle()
    assert again.lab_panel.isVisible() and again.lab_panel.width() >= again.lab_panel.minimumWidth() > 0
    again.close()
    third = open_main_window(qtbot, db, example_lab)
    assert third.lab_list_action.isChecked() and third.lab_panel.isVisible()


def test_lab_list_collapsed_by_dragging_unchecks_the_menu_entry(qtbot, db, example_lab):
    win = open_main_window(qtbot, db, example_lab)
    assert win.splitter.isCollapsible(0)
    total = sum(win.splitter.sizes())
    win.splitter.moveSplitter(0, 1)     # drag the handle to the left edge
    settle()
    assert win.splitter.sizes()[0] == 0
    assert not win.lab_list_action.isChecked()
    win.lab_list_action.trigger()       # and the menu entry brings it back
    settle()
    assert win.splitter.sizes()[0] >= win.lab_panel.minimumWidth()
    assert sum(win.splitter.sizes()) <= total


def test_a_long_lab_name_ends_in_an_ellipsis_instead_of_widening_the_window(qtbot, db):
    name = "Quartierslabor Innenstadt-Nord: Sicherheit und Sauberkeit rund um Nordmarkt, Borsigplatz und Hafen 2026"
    with db.session() as session:
        lab_id = create_example_lab(session, name=name).id
    win = open_main_window(qtbot, db, lab_id)
    settle()
    assert win.minimumSizeHint().width() <= MAX_WIDTH
    label = win.header.name_label
    assert label.text() == name                      # the full name, shown as far as it fits
    assert label.width() < label.fontMetrics().horizontalAdvance(name)
    assert label.toolTip() == name


def test_recommendation_filters_stay_readable_in_two_or_three_columns(qtbot, db, example_lab):
    win = open_main_window(qtbot, db, example_lab)
    win.select_step("Empfehlungen")
    settle()
    bar = win.step_view("Empfehlungen").filter_bar

    def readable() -> bool:
        return all(combo.width() >= combo.fontMetrics().horizontalAdvance(combo.itemText(0)) + 20
                   for combo in bar.combos.values())

    assert bar.columns() == 2 and readable()          # narrow middle column at 1280 with the lab list
    win.resize(1900, 900)
    win.step_view("Empfehlungen").splitter.setSizes([200, 1200, 400])
    settle()
    assert bar.columns() == 3 and readable()


def test_a_new_card_far_down_the_board_is_scrolled_into_view(qtbot, db, example_lab):
    win = open_main_window(qtbot, db, example_lab)
    win.select_step("Workshop")
    settle()
    view = win.step_view("Workshop")
    area = view.board_area
    assert area.verticalScrollBar().maximum() > 0      # 12 groups on a small screen: the board scrolls
    assert area.verticalScrollBar().value() == 0
    ordered = [view.board.columns[c.id] for c in view.controller.store.ordered_clusters()]
    last = [column for column in ordered if column.model.rowCount()][-1]
    view.controller.card_added.emit(last.model.cards()[0].id)     # as when a card lands in that group
    settle()
    top = last.mapTo(area.viewport(), last.rect().topLeft()).y()
    assert area.verticalScrollBar().value() > 0
    assert top >= 0 and top + last.header.height() <= area.viewport().height()


def _lab_with_a_draw(db) -> int:
    from sqlalchemy import select
    from test_draw_support import random_register

    from quartierslabor_app.core.draw import DrawSettings, run_draw, save_draw
    from quartierslabor_app.core.labs import create_lab
    from quartierslabor_app.core.storage.models import Invitee

    register = random_register(3000, seed=5, subdistricts=True)
    with db.session() as s:
        lab = create_lab(s, "Eving 2026", "Eving", capacity=30)
        save_draw(s, lab, register, run_draw(register, DrawSettings(size=90), "Einladung"), user="u")
        for i, invitee in enumerate(s.scalars(select(Invitee).where(Invitee.lab_id == lab.id))):
            invitee.reply = ("zugesagt", "abgesagt", "unzustellbar", "offen")[i % 4]
            invitee.street = "Evinger Schützenstraße 112a"
        return lab.id


def _marks_in_view(table) -> list[str]:
    """The reply, attendance and panel columns that lie (partly) outside the table's viewport."""
    from quartierslabor_app.qt.draw.invitee_model import COL_ATTENDED, COL_REPLY, COL_SELECTED

    header = table.horizontalHeader()
    out = []
    for column in (COL_REPLY, COL_ATTENDED, COL_SELECTED):
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        if right > table.viewport().width() or header.sectionViewportPosition(column) < 0:
            out.append(str(table.model().headerData(column, Qt.Orientation.Horizontal)))
    return out


@pytest.mark.parametrize("language", ["de", "en"])
def test_invitee_marks_stay_in_view_at_1280x720_and_names_get_their_room_on_a_big_screen(qtbot, request, db,
                                                                                         language):
    if language == "en":
        request.getfixturevalue("english")
    lab_id = _lab_with_a_draw(db)
    win = open_main_window(qtbot, db, lab_id, "Einladung")
    table = win.step_view("Einladung").table
    settle()
    assert _marks_in_view(table) == []
    assert not table.horizontalScrollBar().isVisible()
    from quartierslabor_app.qt.draw.invitee_model import COL_FAMILY, COL_STRATUM, COL_STREET
    index = table.model().index(0, COL_STREET)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()            # a cut address reads in full
    # the widest columns give up room first: a family name narrower than the cut address keeps its width
    assert table.columnWidth(COL_FAMILY) >= min(table.sizeHintForColumn(COL_FAMILY), table.columnWidth(COL_STREET))
    assert table.columnWidth(COL_STREET) < table.sizeHintForColumn(COL_STREET)
    assert table.columnWidth(COL_STRATUM) <= table.columnWidth(COL_STREET) + 1
    header = table.horizontalHeader()
    cut = [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())
           if table.columnWidth(c) < header.sectionSizeHint(c)]
    assert cut == []                                                          # no header text cut short
    # the one draw's table is as tall as its row, not a half-empty box above the invitees
    draws = win.step_view("Einladung").draw_view
    assert draws.model().rowCount() == 1
    row_bottom = draws.visualRect(draws.model().index(0, 0)).bottom()
    assert draws.viewport().height() - row_bottom < 2 * draws.verticalHeader().defaultSectionSize()
    shrunk = table.columnWidth(COL_STREET)
    win.resize(1900, 1000)
    settle()
    assert table.columnWidth(COL_STREET) > shrunk            # the address in full again when there is room
    assert table.columnWidth(COL_STREET) >= table.sizeHintForColumn(COL_STREET)
