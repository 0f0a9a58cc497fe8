"""The board on a 1280×720 laptop: one scroll area (no topic scrolls on its own), at least 30 cards
readable at once with the lab list hidden; long texts are cut with "…" and shown whole in the
tooltip and the side panel."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication

from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.qt.board.card_delegate import MAX_LINES
from quartierslabor_app.qt.board.card_model import CardRole
from wall_data import dev_texts
from window_helpers import open_main_window, settle

LONG = ("Die Unterführung am Bahnhof ist abends so dunkel und verdreckt, dass ich lieber einen Umweg von "
        "zehn Minuten laufe, vor allem im Winter, wenn es schon um fünf dunkel ist und niemand mehr unterwegs ist")


def laptop_board(qtbot, db, cards):
    with db.session() as session:
        lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    win = open_main_window(qtbot, db, lab, "Workshop")
    win.set_lab_list_visible(False)
    view = win.step_view("Workshop")
    qtbot.waitUntil(lambda: view.clusterer_loader.ready_now)    # cards added from here on are placed at once
    for text in cards:
        view.controller.add_card(text)
    settle()
    return win, view


def wheel(widget):
    pos = widget.rect().center()
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, -240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event


def cards_fully_visible(view):
    area = view.board_area.viewport()
    seen = []
    for card_id in view.controller.store.cards:
        rect = view.board.card_rect(card_id)
        if rect is not None and area.rect().contains(view.board.mapTo(area, rect.topLeft())) and \
                area.rect().contains(view.board.mapTo(area, rect.bottomRight())):
            seen.append(card_id)
    return seen


def test_at_least_30_cards_readable_at_1280x720_in_one_scroll_area(qtbot, db):
    texts = dev_texts()
    win, view = laptop_board(qtbot, db, [texts[(k * 7) % len(texts)] for k in range(45)])
    assert win.height() == 720       # (the width is the window's own concern: tests/test_qt_window_fits.py)
    view.board_area.verticalScrollBar().setValue(0)
    settle()
    assert len(cards_fully_visible(view)) >= 30
    # one scroll area: none inside the board scrolls, and there is no sideways scrolling
    inner = [w for w in view.board.findChildren(QAbstractScrollArea)]
    assert inner and all(w.verticalScrollBar().maximum() == 0 for w in inner)
    assert all(w.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff for w in inner)
    assert view.board_area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert view.board.width() <= view.board_area.viewport().width()
    # every topic is as tall as its cards
    for column in view.board.columns.values():
        if column.model.rowCount():
            assert column.view.height() == column.view.content_height()
    # the wheel over a topic is not taken by the topic (Qt passes it on to the board), the board scrolls
    bar = view.board_area.verticalScrollBar()
    assert bar.maximum() > 0
    column = next(c for c in view.board.columns.values() if c.model.rowCount())
    assert not wheel(column.view.viewport()).isAccepted() and bar.value() == 0
    assert wheel(view.board_area.viewport()).isAccepted() and bar.value() > 0


def test_long_card_is_cut_on_the_board_and_whole_in_tooltip_and_side_panel(qtbot, db):
    win, view = laptop_board(qtbot, db, ["Laute Musik nachts", LONG])
    card = next(c for c in view.controller.store.cards.values() if c.text == LONG)
    column = view.board.column_of_card(card.id)
    lines = column.delegate.lines(card.text, column.delegate._text_width(column.view.viewport().width()))
    assert len(lines) == MAX_LINES and lines[-1].endswith("…")
    short = next(c for c in view.controller.store.cards.values() if c.text == "Laute Musik nachts")
    short_col = view.board.column_of_card(short.id)
    assert "".join(short_col.delegate.lines(short.text, 400)) == short.text
    index = column.model.index(column.model.row_of(card.id))
    assert column.model.data(index, Qt.ItemDataRole.ToolTipRole).startswith(LONG)
    view.board.select_card(card.id)
    assert view.side.details.title.text() == LONG
    # a newly typed card is scrolled into view
    for k, text in enumerate(dev_texts()[:40]):
        view.add_card(f"{text} ({k})")
    last = view.add_card("Noch eine Karte ganz am Ende")
    qtbot.waitUntil(lambda: view.board.is_card_visible(last.id))
