"""The presentation window seen from the workshop: which screen, open/close, hidden texts,
results, fresh cards."""
from __future__ import annotations

from typing import Optional

from PySide6.QtGui import QAction, QGuiApplication

from .presenter_window import PresenterWindow
from ..i18n import translate


class PresenterControlMixin:
    """Part of :class:`~.workshop_view.WorkshopView`: drives the presentation window."""

    presenter: Optional[PresenterWindow]

    def _on_screens_changed(self, _screen=None) -> None:
        self._fill_screens()

    def _fill_screens(self) -> None:
        """One menu entry per screen; keeps the chosen screen, else the second one (the projector)."""
        previous = self.screen_index()
        self.screen_menu.clear()
        for action in self.screen_group.actions():
            self.screen_group.removeAction(action)
        self.screen_menu.addSection(translate('WorkshopView', 'Bildschirm für die Präsentation'))
        screens = QGuiApplication.screens()
        for i, screen in enumerate(screens):
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
        self._update_presenter_tip()

    def screen_actions(self) -> list[QAction]:
        """The screen entries in the presentation button's menu."""
        return list(self.screen_group.actions())

    def screen_index(self) -> Optional[int]:
        """Index (in ``QGuiApplication.screens()``) of the screen chosen for the presentation."""
        action = self.screen_group.checkedAction() if hasattr(self, "screen_group") else None
        return int(action.data()) if action is not None else None

    def presenter_screen(self):
        screens = QGuiApplication.screens()
        index = self.screen_index()
        return screens[index] if index is not None and 0 <= index < len(screens) else None

    def _on_screen_chosen(self, _action: QAction) -> None:
        self._screen_chosen = True
        self._update_presenter_tip()
        if self.presenter is not None and self.presenter.isVisible():
            fullscreen = self.presenter.isFullScreen()
            if fullscreen:
                self.presenter.showNormal()
            self.presenter.open_on(self.presenter_screen(), fullscreen)
        self.focus_entry()

    def _update_presenter_tip(self) -> None:
        action = self.screen_group.checkedAction()
        tip = translate('WorkshopView', 'Ansicht für den Beamer öffnen (Strg+P)')
        if action is not None:
            tip += "\n" + translate('WorkshopView', 'Auf: {0} – anderer Bildschirm über den Pfeil').format(action.text())
        self.presenter_button.setToolTip(tip)

    def open_presenter(self, screen=None, fullscreen: bool = True) -> PresenterWindow:
        if self.presenter is None:
            # a child window: it closes and goes away with the view, never outliving its database
            self.presenter = PresenterWindow(self.controller.store, self.lab_title, self.dot_vote.results_data, self)
            self.presenter.set_hide_texts(self.hide_texts)
            self.presenter.show_results(self.results_button.isChecked())
            self.presenter.closed.connect(self._presenter_closed)
            self.presenter.hide_texts_toggled.connect(self.hide_button.toggle)
        if screen is None:
            screen = self.presenter_screen()
        self.presenter.open_on(screen, fullscreen)
        if not self.presenter_button.isChecked():
            self.presenter_button.blockSignals(True)
            self.presenter_button.setChecked(True)
            self.presenter_button.blockSignals(False)
        return self.presenter

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()

    def toggle_presenter(self, on: bool) -> None:
        if on:
            self.open_presenter()
        else:
            self.close_presenter()
        self.focus_entry()

    def _presenter_closed(self) -> None:
        if self.presenter is not None:
            self.presenter.deleteLater()
        self.presenter = None
        self.presenter_button.blockSignals(True)
        self.presenter_button.setChecked(False)
        self.presenter_button.blockSignals(False)

    def set_hide_texts(self, hide: bool) -> None:
        self.hide_texts = bool(hide)
        if self.hide_button.isChecked() != self.hide_texts:
            self.hide_button.setChecked(self.hide_texts)
        if self.presenter is not None:
            self.presenter.set_hide_texts(self.hide_texts)
        self.focus_entry()

    def show_results_on_presenter(self, on: bool) -> None:
        if self.results_button.isChecked() != bool(on):
            self.results_button.setChecked(bool(on))
        if self.presenter is not None:
            self.presenter.show_results(bool(on))
        self.focus_entry()

    def _set_fresh(self, ids: set[int]) -> None:
        self.board.set_fresh(ids)
        if self.presenter is not None:
            self.presenter.board.set_fresh(ids)
