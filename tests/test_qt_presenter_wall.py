"""The projector shows every card: 80 cards at 1280×720 and 120 at 1920×1080 fit with their whole
text, type no smaller than about 18 px at 1080 lines; beyond that "+N weitere" and pages; zoom,
hiding texts and leaving full screen work in the presentation window."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import QApplication

from quartierslabor_app.core.board.state import BoardSnapshot
from quartierslabor_app.qt.board.board_store import BoardStore
from quartierslabor_app.qt.board.presenter_window import PresenterWindow
from quartierslabor_app.qt.board.wall_paint import changed_region, more_text
from test_qt_board_selection import view  # noqa: F401 - the workshop view fixture
from wall_data import wall_board

CTRL = Qt.KeyboardModifier.ControlModifier


def presenter_for(qtbot, n_cards, width, height):
    clusters, cards = wall_board(n_cards)
    store = BoardStore()
    store.load(BoardSnapshot(clusters=clusters, cards=cards))
    window = PresenterWindow(store, "Nordstadt – Innenstadt-Nord", lambda: ([], [], None))
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    assert window.size().width() == width and window.size().height() == height
    return window, store


def assert_every_card_whole_and_on_screen(window, store):
    wall = window.board
    layout = wall.wall_layout()
    assert layout.pages == 1 and layout.footer is None
    assert sorted(p.card.id for p in layout.cards) == sorted(store.cards)
    screen = QRect(0, 0, window.width(), window.height())
    fm = QFontMetricsF(layout.metrics.text_font)
    for placed in layout.cards:
        rect = QRect(wall.mapTo(window, placed.rect.toAlignedRect().topLeft()), placed.rect.toAlignedRect().size())
        assert screen.contains(rect), (placed.card.text, rect)
        # the whole text, in lines that fit the card: nothing elided, nothing cut off at the bottom
        assert " ".join(placed.lines).split() == placed.card.text.split(), placed.card.text
        assert all(fm.horizontalAdvance(line) <= placed.text_rect.width() + 0.5 for line in placed.lines)
        assert placed.rect.contains(placed.text_rect)
        assert placed.text_rect.height() >= len(placed.lines) * fm.lineSpacing() - 0.5
    # no two cards overlap
    rects = [p.rect for p in layout.cards]
    for i, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[i + 1:])
    return layout


def test_80_cards_fit_1280x720_with_their_whole_text(qtbot):
    window, store = presenter_for(qtbot, 80, 1280, 720)
    layout = assert_every_card_whole_and_on_screen(window, store)
    assert layout.px >= 12


def test_120_cards_fit_1920x1080_in_readable_type(qtbot):
    window, store = presenter_for(qtbot, 120, 1920, 1080)
    layout = assert_every_card_whole_and_on_screen(window, store)
    assert layout.px >= 18


def test_few_cards_get_large_type_and_a_new_card_refits_at_once(qtbot):
    window, store = presenter_for(qtbot, 12, 1920, 1080)
    big = window.board.wall_layout().px
    assert big >= 30
    clusters, cards = wall_board(60)
    for card in cards[12:]:
        store.put_card(card)
    qtbot.waitUntil(lambda: len(window.board.card_rects()) == 60)
    assert window.board.wall_layout().px < big
    assert_every_card_whole_and_on_screen(window, store)


def test_more_cards_than_fit_say_how_many_more_and_page(qtbot):
    window, store = presenter_for(qtbot, 400, 1280, 720)
    wall = window.board
    first = wall.wall_layout()
    assert first.pages > 1 and first.footer is not None and first.px == 12
    assert f"+{400 - first.shown} weitere Karten · Seite 1 von {first.pages}" in more_text(first)
    seen = [p.card.id for p in first.cards]
    wall.setFocus()
    for _ in range(first.pages - 1):
        qtbot.keyClick(wall, Qt.Key.Key_PageDown)
        seen += [p.card.id for p in wall.wall_layout().cards]
    assert sorted(seen) == sorted(store.cards)      # every card on exactly one page
    qtbot.keyClick(wall, Qt.Key.Key_PageUp)
    assert wall.wall_layout().page == first.pages - 2


def test_zoom_hide_texts_and_escape_in_the_presentation_window(qtbot, view):
    for text in ("Laute Musik nachts", "Autos parken auf dem Gehweg", "Hundekot im Park"):
        view.add_card(text)
    screen = QGuiApplication.screens()[0]
    presenter = view.presentation.open(screen=screen, fullscreen=True)
    qtbot.waitExposed(presenter)
    presenter.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)
    px = presenter.board.wall_layout().px
    qtbot.keyClick(presenter, Qt.Key.Key_Minus, CTRL)            # Ctrl+-: smaller
    smaller = presenter.board.wall_layout().px
    assert smaller < px
    qtbot.keyClick(presenter, Qt.Key.Key_Plus, CTRL)             # Ctrl++: larger again
    assert presenter.board.wall_layout().px > smaller
    # Ctrl+H in the presentation window hides the texts, and the button on the laptop says so
    qtbot.keyClick(presenter, Qt.Key.Key_H, CTRL)
    assert presenter.texts_hidden and view.toolbar.hide_button.isChecked()
    qtbot.keyClick(presenter, Qt.Key.Key_H, CTRL)
    assert not presenter.texts_hidden and not view.toolbar.hide_button.isChecked()
    # Esc: out of full screen into a normal window that lies on the screen with room for its title bar
    assert presenter.isFullScreen()
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isFullScreen() and presenter.isVisible()
    available = presenter.screen().availableGeometry()
    geometry = presenter.geometry()
    assert available.contains(geometry)
    assert geometry.top() - available.top() >= 30 and geometry.width() < available.width()
    view.presentation.close()


def test_hovering_a_card_on_the_wall_gives_its_reason_in_the_ui_language(qtbot, english):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from quartierslabor_app.core.card_reasons import MANUAL, stored_reason
    from quartierslabor_app.core.clustering.model import Reason

    window, store = presenter_for(qtbot, 12, 1280, 720)
    wall = window.board
    first = next(iter(store.cards.values()))
    reason, data = stored_reason(Reason(MANUAL, "Alpha"))
    store.cards[first.id] = first.with_(reason=reason, reason_data=data)
    wall.relayout()
    centre = wall.card_rects()[first.id].center()
    assert wall.card_at(centre).id == first.id
    QApplication.sendEvent(wall, QHelpEvent(QHelpEvent.Type.ToolTip, centre, wall.mapToGlobal(centre)))
    assert QToolTip.text().splitlines()[:2] == [first.text, "Alpha – placed by the facilitator"]
    assert wall.tooltip_at(QPoint(1, 1)) == ""     # beside the cards: none
    wall.set_hide_texts(True)                      # hidden texts stay hidden
    assert wall.tooltip_at(wall.card_rects()[first.id].center()) == ""


def test_a_new_card_repaints_only_what_changed_and_the_wall_looks_as_if_painted_anew(qtbot):
    clusters, cards = wall_board(81)
    window, store = presenter_for(qtbot, 80, 1920, 1080)
    wall = window.board
    before = wall.composition()
    first_topic = [p for p in before.layout.cards if p.card.cluster_id == clusters[0].id]
    store.put_card(replace(cards[80], cluster_id=clusters[-1].id))       # into the last topic
    qtbot.waitUntil(lambda: 81 in wall.card_rects())
    after = wall.composition()
    assert after.layout.px == before.layout.px
    region = changed_region(before, after)
    new_card = next(p for p in after.layout.cards if p.card.id == 81)
    assert region.intersects(new_card.rect.toAlignedRect()) and region.intersects(after.heading.toAlignedRect())
    assert first_topic and not any(region.intersects(p.rect.toAlignedRect()) for p in first_topic)
    QApplication.processEvents()
    # what the projector shows after painting only the changes is what a whole new painting gives
    shown = QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()
    assert shown == window.grab().toImage()
    for fresh in ({81}, set()):          # the new card's highlight comes and goes: only that card is painted again
        wall.set_fresh(fresh)
        QApplication.processEvents()
        assert QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage() == window.grab().toImage()
    # another type size (or page) repaints everything
    for card in wall_board(120)[1][81:]:
        store.put_card(card)
    qtbot.waitUntil(lambda: len(wall.card_rects()) > 81 or wall.wall_layout().pages > 1)
    assert changed_region(after, wall.composition()) is None
