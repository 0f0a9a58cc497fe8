"""The presentation window seen from the workshop: which screen, open/close, hidden texts,
results, fresh cards."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QMenu, QToolButton

from ..i18n import translate

if TYPE_CHECKING:                      # pragma: no cover - typing only
    from .presenter_window import PresenterWindow
    from .workshop_view import WorkshopView


class Presentation(QObject):
    """Owns the projector side of one workshop board: the presentation window (while open), the screen it
    goes to, whether card texts are hidden there and whether it shows the dot-vote result. The toolbar's
    three buttons (presentation with its screen menu, hide texts, show result) drive it."""

    def __init__(self, host: "WorkshopView") -> None:
        super().__init__(host)
        self.host = host
        # the presentation window while it is open
        self.window: Optional[PresenterWindow] = None
        self.hide_texts = False
        self._screen_chosen = False    # the facilitator picked the screen (kept when screens change)
        self.button: Optional[QToolButton] = None
        self.hide_button: Optional[QToolButton] = None
        self.results_button: Optional[QToolButton] = None
        self.screen_menu: Optional[QMenu] = None
        self.screen_group = QActionGroup(self)
        self.screen_group.setExclusive(True)
        self.screen_group.triggered.connect(self._on_screen_chosen)

    def attach(self, button: QToolButton, hide_button: QToolButton, results_button: QToolButton) -> None:
        """The toolbar's buttons: the presentation button gets the screen menu (its arrow)."""
        self.button, self.hide_button, self.results_button = button, hide_button, results_button
        button.toggled.connect(self.toggle)
        hide_button.toggled.connect(self.set_hide_texts)
        results_button.toggled.connect(self.show_results)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.screen_menu = QMenu(button)
        self.screen_menu.setToolTipsVisible(True)
        button.setMenu(self.screen_menu)
        self.fill_screens()
        app = QGuiApplication.instance()
        # bound methods: Qt drops these connections when the board goes
        app.screenAdded.connect(self.fill_screens)
        app.screenRemoved.connect(self.fill_screens)

    # -- screens ------------------------------------------------------------------------
    def fill_screens(self, _screen=None) -> None:
        """One menu entry per screen; keeps the chosen screen, else the second one (the projector)."""
        previous = self.screen_index()
        self.screen_menu.clear()
        for action in self.screen_group.actions():
            self.screen_group.removeAction(action)
        self.screen_menu.addSection(translate('WorkshopView', 'Bildschirm für die Präsentation'))
        for i, screen in enumerate(QGuiApplication.screens()):
            geo = screen.geometry()
            action = QAction(translate('WorkshopView', 'Bildschirm {0} ({1}×{2})').format(i + 1, geo.width(), geo.height()),
                             self.screen_menu)
            action.setCheckable(True)
            action.setData(i)
            self.screen_group.addAction(action)
            self.screen_menu.addAction(action)
        actions = self.screen_group.actions()
        if actions:
            keep = self._screen_chosen and previous is not None and previous < len(actions)
            chosen = previous if keep else min(1, len(actions) - 1)
            actions[chosen].setChecked(True)
        self._update_tip()

    def screen_actions(self) -> list[QAction]:
        """The screen entries in the presentation button's menu."""
        return list(self.screen_group.actions())

    def screen_index(self) -> Optional[int]:
        """Index (in ``QGuiApplication.screens()``) of the screen chosen for the presentation."""
        action = self.screen_group.checkedAction()
        return int(action.data()) if action is not None else None

    def screen(self):
        screens = QGuiApplication.screens()
        index = self.screen_index()
        return screens[index] if index is not None and 0 <= index < len(screens) else None

    def _on_screen_chosen(self, _action: QAction) -> None:
        self._screen_chosen = True
        self._update_tip()
        if self.window is not None and self.window.isVisible():
            fullscreen = self.window.isFullScreen()
            if fullscreen:
                self.window.showNormal()
            self.window.open_on(self.screen(), fullscreen)
        self.host.focus_entry()

    def _update_tip(self) -> None:
        action = self.screen_group.checkedAction()
        tip = translate('WorkshopView', 'Ansicht für den Beamer öffnen (Strg+P)')
        if action is not None:
            tip += "\n" + translate('WorkshopView', 'Auf: {0} – anderer Bildschirm über den Pfeil').format(action.text())
        self.button.setToolTip(tip)

    # -- the window ---------------------------------------------------------------------
    def open(self, screen=None, fullscreen: bool = True) -> PresenterWindow:
        host = self.host
        if self.window is None:
            # a child window: it closes and goes away with the view, never outliving its database
            from .presenter_window import PresenterWindow     # the wall's modules only when it opens

            self.window = PresenterWindow(host.controller.store, host.lab_title, host.dot_vote.results_data, host)
            self.window.set_hide_texts(self.hide_texts)
            self.window.show_results(self.results_button.isChecked())
            self.window.closed.connect(self._window_closed)
            self.window.hide_texts_toggled.connect(self.hide_button.toggle)
        self.window.open_on(screen if screen is not None else self.screen(), fullscreen)
        self._set_button(True)
        return self.window

    def close(self) -> None:
        if self.window is not None:
            self.window.close()

    def toggle(self, on: bool) -> None:
        if on:
            self.open()
        else:
            self.close()
        self.host.focus_entry()

    def _window_closed(self) -> None:
        if self.window is not None:
            self.window.deleteLater()
        self.window = None
        self._set_button(False)

    def _set_button(self, on: bool) -> None:
        if self.button.isChecked() != on:
            self.button.blockSignals(True)
            self.button.setChecked(on)
            self.button.blockSignals(False)

    # -- what it shows ------------------------------------------------------------------
    def set_hide_texts(self, hide: bool) -> None:
        self.hide_texts = bool(hide)
        if self.hide_button.isChecked() != self.hide_texts:
            self.hide_button.setChecked(self.hide_texts)
        if self.window is not None:
            self.window.set_hide_texts(self.hide_texts)
        self.host.focus_entry()

    def show_results(self, on: bool) -> None:
        if self.results_button.isChecked() != bool(on):
            self.results_button.setChecked(bool(on))
        if self.window is not None:
            self.window.show_results(bool(on))
        self.host.focus_entry()

    def set_fresh(self, ids: set[int]) -> None:
        if self.window is not None:
            self.window.board.set_fresh(ids)
