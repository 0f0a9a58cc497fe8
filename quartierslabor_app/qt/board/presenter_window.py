"""Presenter view for the projector: clusters and cards only, large type, live."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from .board_grid import BoardGrid
from .board_store import BoardStore
from .vote_results import VoteResultsWidget
from ..i18n import translate

PRESENTER_SCALE = 1.7
# the screen PRESENTER_SCALE is made for; smaller projectors start with smaller type
DESIGN_SCREEN = (1920, 1080)
# the results page's type relative to the board's
RESULTS_SCALE = 1.1


class PresenterWindow(QWidget):
    """A second top-level window mirroring the board (``results_provider`` feeds the dot-vote view)."""

    closed = Signal()

    def __init__(self, store: BoardStore, title: str, results_provider: Callable[[], tuple],
                 parent: Optional[QWidget] = None, *, scale: float = PRESENTER_SCALE) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.results_provider = results_provider
        self.setWindowTitle(translate('PresenterWindow', 'Quartierslabor – {title} (Präsentation)').format(title=title))
        self.setStyleSheet("PresenterWindow, #presenterRoot { background: #f4f6f8; }")
        self.setObjectName("presenterRoot")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(int(16 * scale), int(12 * scale), int(16 * scale), int(12 * scale))
        top = QHBoxLayout()
        self.title_label = QLabel(title, self)
        self.title_label.setWordWrap(True)      # a long lab name must not widen the window past the screen
        self.summary_label = QLabel("", self)
        self._style_heading(scale)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.summary_label)
        layout.addLayout(top)
        self.stack = QStackedWidget(self)
        self.board = BoardGrid(store, scale=scale, min_column_width=int(250 * scale), read_only=True, parent=self)
        self.board.show_meta(False)
        self.results = VoteResultsWidget(self, scale=scale * RESULTS_SCALE, max_cards=8)
        # the board scrolls rather than being cut off when many groups meet a small projector
        self.board_area = QScrollArea(self)
        self.board_area.setObjectName("presenterBoardArea")
        self.board_area.setFrameShape(QFrame.Shape.NoFrame)
        self.board_area.setWidgetResizable(True)
        self.board_area.setStyleSheet("#presenterBoardArea, #qt_scrollarea_viewport { background: #f4f6f8; }")
        self.board_area.setWidget(self.board)
        self.stack.addWidget(self.board_area)
        self.stack.addWidget(self.results)
        layout.addWidget(self.stack, 1)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(60)
        self._refresh_timer.timeout.connect(self._refresh_summary)
        for signal in (store.card_changed, store.card_removed, store.cluster_changed, store.cluster_removed,
                       store.reset, store.cards_regrouped):
            signal.connect(self._schedule)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self._leave_fullscreen)
        QShortcut(QKeySequence("F11"), self, activated=self.toggle_fullscreen)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, activated=lambda: self.zoom(1.15))
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, activated=lambda: self.zoom(1 / 1.15))
        QShortcut(QKeySequence("Ctrl+-"), self, activated=lambda: self.zoom(1 / 1.15))
        self._refresh_summary()

    def _style_heading(self, scale: float) -> None:
        self.title_label.setStyleSheet(f"font-size: {20 * scale:.0f}pt; font-weight: 700; color: #1d2a36;")
        self.summary_label.setStyleSheet(f"font-size: {13 * scale:.0f}pt; color: #4b5866;")

    # -- zoom ---------------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        """Larger or smaller type (many cards: smaller so more fit on the wall)."""
        scale = max(0.8, min(3.0, self.board.scale * factor))
        if abs(scale - self.board.scale) < 1e-3:
            return
        hide = self.board.hide_texts
        board = BoardGrid(self.store, scale=scale, min_column_width=int(250 * scale), read_only=True, parent=self)
        board.show_meta(False)
        board.set_hide_texts(hide)
        old = self.board_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.board = board
        self.board_area.setWidget(board)
        self.results.set_scale(scale * RESULTS_SCALE)    # the results page follows the screen and zoom too
        self._style_heading(scale)

    def fit_to_screen(self, screen: QScreen) -> None:
        """Type size for ``screen``: PRESENTER_SCALE on a full-HD projector, smaller on smaller ones
        (never below 1.0), so the groups fit without scrolling."""
        size = screen.availableGeometry().size()
        ratio = min(1.0, size.width() / DESIGN_SCREEN[0], size.height() / DESIGN_SCREEN[1])
        target = max(1.0, PRESENTER_SCALE * ratio)
        if abs(target - self.board.scale) > 1e-3:
            self.zoom(target / self.board.scale)

    # -- modes --------------------------------------------------------------------------
    @property
    def texts_hidden(self) -> bool:
        return self.board.hide_texts

    def set_hide_texts(self, hide: bool) -> None:
        self.board.set_hide_texts(hide)
        self._refresh_summary()

    def show_results(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.results if on else self.board_area)
        self._refresh_summary()

    @property
    def showing_results(self) -> bool:
        return self.stack.currentWidget() is self.results

    def open_on(self, screen: Optional[QScreen] = None, fullscreen: bool = True) -> None:
        """Show on ``screen`` (default: a screen other than the main window's, if there is one)."""
        if screen is None:
            screens = QGuiApplication.screens()
            primary = QGuiApplication.primaryScreen()
            screen = next((s for s in screens if s is not primary), primary)
        if screen is not None:
            self.fit_to_screen(screen)
            self.setScreen(screen)
            self.setGeometry(screen.availableGeometry())
        if fullscreen:
            self.showFullScreen()
        else:
            self.show()
        self.raise_()

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _leave_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()

    # -- live updates -------------------------------------------------------------------
    def _schedule(self, *_args) -> None:
        if self.isVisible():         # a closed presenter asks the database for nothing
            self._refresh_timer.start()

    def _refresh_summary(self) -> None:
        cards = len(self.store.cards)
        clusters = sum(1 for column in self.board.columns.values() if column.model.rowCount())
        text = translate('PresenterWindow', '{cards} Anliegen in {clusters} Themen').format(cards=cards, clusters=clusters)
        if self.board.hide_texts and not self.showing_results:
            text += translate('PresenterWindow', ' · Texte verborgen')
        self.summary_label.setText(text)
        if self.showing_results:
            self.results.set_results(*self.results_provider())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refresh_timer.start()      # catch up with changes made while hidden

    def closeEvent(self, event) -> None:
        self._refresh_timer.stop()
        self.closed.emit()
        super().closeEvent(event)
