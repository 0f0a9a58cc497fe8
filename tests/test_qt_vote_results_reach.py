"""Every topic of the dot vote can be seen (issue #8): the side panel's results scroll, and the projector's
results page lists every topic at once or counts those it could not list in a "+N" line."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea

from quartierslabor_app.core import count_texts
from quartierslabor_app.core.board.state import RankedItem
from quartierslabor_app.qt.i18n import localized

from window_helpers import open_main_window, settle


class _RecordingPainter(QPainter):
    """Records every text drawn into a rectangle."""
    calls: list = []

    def drawText(self, *args):
        if args and isinstance(args[0], QRectF) and len(args) == 3:
            _RecordingPainter.calls.append((QRectF(args[0]), args[2]))
        return super().drawText(*args)


def _drawn(monkeypatch, widget) -> dict[str, QRectF]:
    from quartierslabor_app.qt.board import vote_results

    monkeypatch.setattr(vote_results, "QPainter", _RecordingPainter)
    _RecordingPainter.calls = []
    widget.grab()
    monkeypatch.undo()
    return {text: rect for rect, text in _RecordingPainter.calls}


def _wheel_down(widget) -> None:
    centre = QPointF(widget.width() / 2, 10)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(widget.width() // 2, 10))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_side_panel_results_scroll_to_every_topic_at_1280x720(qtbot, monkeypatch, db, example_lab):
    win = open_main_window(qtbot, db, example_lab, "Workshop")
    view = win.step_view("Workshop")
    view.dot_vote.set_on(True)
    settle()
    assert win.width() == 1280 and win.height() == 720
    results = view.dot_vote.results
    clusters = results.clusters
    assert len(clusters) >= 11 and all(c.votes for c in clusters[:6])
    scroll = results.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea) and scroll.widget() is results
    viewport = scroll.viewport()
    assert results.isVisible() and viewport.height() < 500
    # one scroll direction: the list is as wide as the panel and taller than it
    assert results.width() == viewport.width()
    assert scroll.horizontalScrollBar().maximum() == 0
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0 and bar.maximum() + viewport.height() >= results.height()
    # the mouse wheel over the list scrolls it to the end
    for _ in range(200):
        if bar.value() == bar.maximum():
            break
        _wheel_down(viewport)      # where a wheel turned over the list arrives (the list ignores it)
    assert bar.value() == bar.maximum()
    assert results.y() == -bar.maximum()
    # every topic is drawn, whole, within the part the scrolling reaches
    drawn = _drawn(monkeypatch, results)
    missing = [c.label for c in clusters if c.label not in drawn]
    assert not missing, missing
    for item in clusters:
        rect = drawn[item.label]
        assert rect.bottom() <= results.height() + 1 and rect.right() <= viewport.width() + 1, (item.label, rect)
    # the cards after the topics are reachable too: the last row drawn ends inside the scrolled range
    assert max(rect.bottom() for rect in drawn.values()) <= bar.maximum() + viewport.height() + 1
    view.dot_vote.set_on(False)


class _Screen:
    """A projector of the given size, as far as PresenterWindow.fit_to_screen asks."""

    def __init__(self, width: int, height: int) -> None:
        self._geometry = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:
        return self._geometry


def _many_topics(n: int) -> list[RankedItem]:
    colors = ["#5b6abf", "#8d6e63", "#ab47bc", "#c0ca33", "#66bb6a", "#26a69a", "#ef5350"]
    return [RankedItem("cluster", 1000 + i, f"Thema {i + 1}: Müll, Lärm und Licht rund um den Platz "
                                            f"an der Straße Nummer {i + 1}", 60 - i, i + 1, color=colors[i % 7])
            for i in range(n)]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("topics", ["example", 40])
def test_projector_results_list_every_topic_or_count_the_rest(qtbot, monkeypatch, db, example_lab, size, topics):
    win = open_main_window(qtbot, db, example_lab, "Workshop")
    view = win.step_view("Workshop")
    clusters, cards, status = view.dot_vote.results_data()
    assert len(clusters) >= 11
    if topics != "example":
        clusters = _many_topics(topics)
    presenter = view.presentation.open(fullscreen=False)
    qtbot.waitExposed(presenter)
    presenter.fit_to_screen(_Screen(*size))
    presenter.resize(*size)
    view.toolbar.results_button.setChecked(True)
    settle()
    assert presenter.showing_results
    widget = presenter.results
    widget.set_results(clusters, cards, status)
    drawn = _drawn(monkeypatch, widget)
    listed = [c for c in clusters if c.label in drawn]
    # the topics listed are the best ranked ones; every other topic is counted in one "+N" line
    assert listed == clusters[: len(listed)]
    hidden = len(clusters) - len(listed)
    more = localized(count_texts.more_topics(hidden))
    if hidden:
        assert more in drawn, (hidden, sorted(drawn))
    assert not [t for t in drawn if t.startswith("+") and " weitere" in t and t != more]
    for text, rect in drawn.items():
        assert rect.bottom() <= widget.height() + 1, (text, rect)
    # the type shrinks only to a readable size on the projector (never below the side panel's)
    assert widget.drawn_scale >= 1.0
    if topics == "example":
        assert not hidden                       # the example lab's twelve topics fit on any projector
        assert "KARTEN" in drawn
    else:
        assert 0 < hidden < len(clusters) - 10   # far more than ten of the forty still listed
    view.presentation.close()
