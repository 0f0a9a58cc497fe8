"""Presenter view for the projector: the whole board as a wall (every card readable), live."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import QLabel, QStackedWidget, QStyle, QVBoxLayout, QWidget

from .board_store import BoardStore
from .vote_results import VoteResultsWidget
from .wall_view import WallView
from ..i18n import translate

PRESENTER_SCALE = 1.7
# the screen PRESENTER_SCALE is made for; smaller projectors get a smaller results page
DESIGN_SCREEN = (1920, 1080)
# the results page's type relative to the board's
RESULTS_SCALE = 1.1
ZOOM_STEP = 1.15
#: the share of the screen a window takes after leaving full screen
NORMAL_SHARE = 0.8


class PresenterWindow(QWidget):
    """A second top-level window mirroring the board (``results_provider`` feeds the dot-vote view)."""

    closed = Signal()
    hide_texts_toggled = Signal()      # Ctrl+H pressed in this window

    def __init__(self, store: BoardStore, title: str, results_provider: Callable[[], tuple],
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.results_provider = results_provider
        self.setWindowTitle(translate('PresenterWindow', 'Quartierslabor – {title} (Präsentation)').format(title=title))
        self.setObjectName("presenterRoot")
        self.setStyleSheet("#presenterRoot { background: #f4f6f8; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.board = WallView(store, title, self)
        self.results_page = QWidget(self)
        results_layout = QVBoxLayout(self.results_page)
        self.results_title = QLabel(title, self.results_page)
        self.results_title.setWordWrap(True)
        self.results = VoteResultsWidget(self.results_page, scale=PRESENTER_SCALE * RESULTS_SCALE, max_cards=8,
                                         fit_topics=True)
        results_layout.addWidget(self.results_title)
        results_layout.addWidget(self.results, 1)
        self.stack.addWidget(self.board)
        self.stack.addWidget(self.results_page)
        layout.addWidget(self.stack, 1)
        self._fit_scale = PRESENTER_SCALE
        self._scale_results(PRESENTER_SCALE)
        self._add_action(["Esc"], self._leave_fullscreen)
        self._add_action(["F11"], self.toggle_fullscreen)
        self._add_action(["Ctrl++", "Ctrl+=", "Ctrl+Shift+="], lambda: self.zoom(ZOOM_STEP))
        self._add_action(["Ctrl+-"], lambda: self.zoom(1 / ZOOM_STEP))
        self._add_action(["Ctrl+0"], lambda: self.zoom(1 / self.board.zoom_factor))
        self._add_action(["Ctrl+H"], self.hide_texts_toggled.emit)
        self.setFocusProxy(self.board)

    def _add_action(self, keys: list[str], slot) -> QAction:
        # one action per command with all its keys: two shortcuts for one key would cancel each other
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _scale_results(self, scale: float) -> None:
        self.results.set_scale(scale * RESULTS_SCALE)
        self.results_title.setStyleSheet(f"font-size: {20 * scale:.0f}pt; font-weight: 700; color: #1d2a36;")

    # -- zoom ---------------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        """Larger or smaller type: the wall still fits every card (on pages when it must)."""
        self.board.zoom(factor)
        self._scale_results(self._fit_scale * self.board.zoom_factor)

    @property
    def scale(self) -> float:
        return self.board.zoom_factor

    def fit_to_screen(self, screen: QScreen) -> None:
        """The results page's type for ``screen``: PRESENTER_SCALE on a full-HD projector, smaller on
        smaller ones (never below 1.0). The wall fits itself to any size."""
        size = screen.availableGeometry().size()
        ratio = min(1.0, size.width() / DESIGN_SCREEN[0], size.height() / DESIGN_SCREEN[1])
        self._fit_scale = max(1.0, PRESENTER_SCALE * ratio)
        self._scale_results(self._fit_scale * self.board.zoom_factor)

    # -- modes --------------------------------------------------------------------------
    @property
    def texts_hidden(self) -> bool:
        return self.board.hide_texts

    def set_hide_texts(self, hide: bool) -> None:
        self.board.set_hide_texts(hide)

    def show_results(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.results_page if on else self.board)
        self._refresh_results()

    @property
    def showing_results(self) -> bool:
        return self.stack.currentWidget() is self.results_page

    def open_on(self, screen: Optional[QScreen] = None, fullscreen: bool = True) -> None:
        """Show on ``screen`` (default: a screen other than the main window's, if there is one)."""
        if screen is None:
            screens = QGuiApplication.screens()
            primary = QGuiApplication.primaryScreen()
            screen = next((s for s in screens if s is not primary), primary)
        if screen is not None:
            self.fit_to_screen(screen)
            self.setScreen(screen)
            self.setGeometry(self._normal_geometry(screen) if not fullscreen else screen.availableGeometry())
        if fullscreen:
            self.showFullScreen()
        else:
            self.show()
        self.raise_()

    def _normal_geometry(self, screen: QScreen):
        """A movable window on ``screen`` with room above it for its title bar."""
        available = screen.availableGeometry()
        size = QSize(int(available.width() * NORMAL_SHARE), int(available.height() * NORMAL_SHARE))
        return QStyle.alignedRect(Qt.LayoutDirection.LeftToRight, Qt.AlignmentFlag.AlignCenter, size, available)

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self._leave_fullscreen()
        else:
            self.showFullScreen()

    def _leave_fullscreen(self) -> None:
        if self.isFullScreen():
            screen = self.screen()
            self.showNormal()
            if screen is not None:
                self.setGeometry(self._normal_geometry(screen))

    # -- live updates -------------------------------------------------------------------
    def _refresh_results(self, *_args) -> None:
        if self.isVisible() and self.showing_results:   # a closed presenter asks the database for nothing
            self.results.set_results(*self.results_provider())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refresh_results()      # catch up with changes made while hidden

    def closeEvent(self, event) -> None:
        self.closed.emit()
        super().closeEvent(event)
