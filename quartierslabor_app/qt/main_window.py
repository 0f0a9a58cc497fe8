"""The main window: the lab list on the left, the selected lab's lifecycle steps on the right.

It puts the parts together – the lab list (``labs/lab_list``) and its toggle (``labs/lab_list_toggle``),
the steps (``steps/step_area``), menus and toolbar (``main_menus``), the window keys that give way to a
step view (``steps/window_keys``), what the window remembers (``window_state``) – and keeps which lab is
current. What the Labor menu does lives in ``labs/lab_actions``, the start-up checks in ``startup_checks``.
"""
from __future__ import annotations

import logging
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QSplitter, QWidget

from .. import APP_NAME, __version__
from ..core import lab_service
from ..core.labs import LIFECYCLE_STEPS
from ..core.storage.database import Database
from . import main_menus, startup_checks, window_state
from .i18n import translate
from .labs import lab_actions
from .labs.lab_list import LAB_LIST_MIN_WIDTH, LabList
from .labs.lab_list_toggle import LabListToggle
from .steps.step_area import StepArea
from .steps.step_views import create_comparison_view
from .steps.window_keys import WindowKeys
from .tasks import BackgroundTask, show_task_error, task_runner
from .widgets.screen_fit import fitting_size
from .widgets.shortcuts import ShortcutsDialog

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    #: the selected lab's id, or None
    lab_changed = Signal(object)

    def __init__(self, database: Database, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(APP_NAME)
        self.resize(window_state.first_size(self))
        self._current_lab: Optional[lab_service.LabRow] = None
        self._comparison_window: Optional[QWidget] = None
        self.last_task: Optional[BackgroundTask] = None

        self.lab_list = LabList()
        self.lab_list.current_changed.connect(self._on_current_lab_row)
        self.lab_list.edit_requested.connect(self.edit_lab)
        self.lab_list.filter_changed.connect(lambda _text: self._update_notice())
        self.steps = StepArea(database)
        self.steps.edit_requested.connect(self.edit_lab)
        self.steps.clear_filter_requested.connect(self.clear_lab_filter)
        self.steps.step_shown.connect(self._on_step_shown)
        self.splitter = self._build_splitter()
        self.setCentralWidget(self.splitter)
        # handles the menus, the lab actions and the tests reach the parts by
        self.lab_panel, self.filter_edit, self.lab_view = self.lab_list, self.lab_list.filter_edit, self.lab_list.view
        self.lab_model, self.lab_proxy = self.lab_list.model, self.lab_list.proxy
        self.header, self.step_bar, self.step_stack = self.steps.header, self.steps.step_bar, self.steps.stack
        self.empty_label = self.steps.notice

        main_menus.build_actions(self)
        main_menus.build_menus_and_toolbar(self)
        self.lab_list_toggle = LabListToggle(self.splitter, self.lab_list, self.lab_list_action,
                                             self.steps.focus_current, self)
        # window keys a step view also uses go to the view while it has the focus
        self.window_keys = WindowKeys((self.new_action, self.settings_action, self.quit_action, self.filter_action,
                                       *self.step_actions), self.steps.views, self)
        self.statusBar().showMessage(translate("MainWindow", "Datenbank: {0}").format(
            database.sqlite_path or database.url))
        last_lab, last_step = window_state.last_place()
        if last_step in LIFECYCLE_STEPS:
            self.steps.select_step(last_step, emit=False)
        self.reload_labs(last_lab)
        window_state.restore_layout(self, LAB_LIST_MIN_WIDTH)
        self._update_actions()

    def _build_splitter(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.lab_list)
        splitter.addWidget(self.steps)
        # the lab list can be pushed aside (drag the handle to the left edge, or Ansicht → Laborliste)
        # so that a step – above all the workshop board – gets the whole width
        splitter.setCollapsible(0, True)
        splitter.setCollapsible(1, False)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 950])
        return splitter

    # -- hooks tests may replace ---------------------------------------------------------
    def run_dialog(self, dialog: QDialog) -> bool:
        """Run a modal dialog; returns True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- layout ---------------------------------------------------------------------------
    def save_geometry(self) -> None:
        window_state.save_layout(self)

    def lab_list_visible(self) -> bool:
        return self.lab_list_toggle.visible()

    def set_lab_list_visible(self, visible: bool) -> None:
        """Show or hide the lab list; hidden, the step on the right gets the whole width."""
        self.lab_list_toggle.set_visible(visible)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.steps.stop()
        runner = task_runner()
        if runner.active_tasks:
            runner.cancel_all()
            runner.wait_for_done(10_000)
        if self._comparison_window is not None:
            self._comparison_window.close()
        super().closeEvent(event)

    # -- the current lab ------------------------------------------------------------------
    def reload_labs(self, select_id: Optional[int] = None, *, reopen: bool = False) -> None:
        """Read the labs again and keep (or select) a lab; ``reopen``: open its views afresh too."""
        keep = select_id if select_id is not None else (self._current_lab.id if self._current_lab else None)
        if reopen:
            self._current_lab = None
        self.lab_list.set_rows(lab_service.load_lab_rows(self.database))
        if keep is not None and self.select_lab(keep):
            return
        if not self.lab_list.select_first():
            self._set_current_lab(None)

    def lab_ids_in_view(self) -> list[int]:
        """Lab ids in the order the list shows them (after sorting and filtering)."""
        return self.lab_list.lab_ids_in_view()

    def select_lab(self, lab_id: int) -> bool:
        row = self.lab_list.select_lab(lab_id)
        if row is None:
            return False
        if self._current_lab is None or self._current_lab.id != lab_id:
            self._set_current_lab(row)
        return True

    def current_lab(self) -> Optional[lab_service.LabRow]:
        return self._current_lab

    def _on_current_lab_row(self, lab: Optional[lab_service.LabRow]) -> None:
        if lab is None or self._current_lab is None or lab.id != self._current_lab.id:
            self._set_current_lab(lab)
        else:
            self._current_lab = lab
            self.steps.update_lab(lab)

    def _set_current_lab(self, lab: Optional[lab_service.LabRow]) -> None:
        self._current_lab = lab
        if lab is None:
            self._update_notice()
        self.steps.set_lab(lab)
        self._update_actions()
        self.lab_changed.emit(lab.id if lab else None)

    def _update_notice(self) -> None:
        """No lab selected: say so, or – when the filter hides every lab – that the filter matches none."""
        self.steps.show_notice(self.lab_list.filter_text() if self.lab_list.hides_every_lab() else None)

    def clear_lab_filter(self) -> None:
        """Show every lab again and select the first one if none is selected."""
        self.lab_list.clear_filter()
        if self._current_lab is None:
            self.lab_list.select_first()
        self.lab_view.setFocus()

    def _update_actions(self) -> None:
        has_lab = self._current_lab is not None
        for action in (self.edit_action, self.rename_action, self.delete_action, *self.step_actions):
            action.setEnabled(has_lab)

    # -- steps ----------------------------------------------------------------------------
    def select_step(self, step: str) -> None:
        self.steps.select_step(step)

    def show_step(self, step: str) -> None:
        self.steps.show_step(step)

    def step_view(self, step: str) -> Optional[QWidget]:
        """The step's view once it was opened, else None (see :meth:`ensure_step_view`)."""
        return self.steps.step_view(step)

    def ensure_step_view(self, step: str) -> Optional[QWidget]:
        """The step's view, created on demand without showing it (None while no lab is selected)."""
        return self.steps.ensure_view(step)

    def refresh_status(self) -> None:
        self.steps.refresh_status()

    def _on_step_shown(self, step: str) -> None:
        if self._current_lab is not None:
            window_state.remember_place(self._current_lab.id, step)
        self.window_keys.follow_focus(None, QApplication.focusWidget())

    # -- lab actions (labs/lab_actions.py) ------------------------------------------------
    def new_lab(self) -> Optional[int]:
        return lab_actions.new_lab(self)

    def edit_lab(self) -> None:
        lab_actions.edit_lab(self)

    def rename_lab(self) -> None:
        lab_actions.rename_lab(self)

    def delete_lab(self) -> bool:
        return lab_actions.delete_lab(self)

    def _focus_filter(self) -> None:
        self.set_lab_list_visible(True)
        self.lab_list.focus_filter()

    def open_comparison(self) -> QWidget:
        if self._comparison_window is None:
            window = create_comparison_view(self.database, None)
            window.setWindowTitle(translate("MainWindow", "Labore vergleichen – Quartierslabor"))
            window.resize(fitting_size(self, 1100, 720))
            self._comparison_window = window
        else:
            refresh = getattr(self._comparison_window, "refresh", None)
            if callable(refresh):
                refresh()
        self._comparison_window.show()
        self._comparison_window.raise_()
        return self._comparison_window

    def show_about(self) -> None:
        QMessageBox.about(self, translate("MainWindow", "Über Quartierslabor"),
                          translate("MainWindow", "<b>Quartierslabor {0}</b><p>Einladung per Losverfahren, "
                                    "Live-Workshop-Board und Berichte für den Lenkungskreis.</p>"
                                    "<p>Lizenz: GPL-3.0-or-later</p>").format(__version__))

    def shortcut_rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(section, [(action, keys)]) for the shortcut list: the window's menus, then the open step view."""
        return main_menus.shortcut_rows(self)

    def show_shortcuts(self) -> QDialog:
        dialog = ShortcutsDialog(self.shortcut_rows(), self)
        self.run_dialog(dialog)
        return dialog

    # -- settings -------------------------------------------------------------------------
    def open_settings(self) -> bool:
        """The settings dialog; returns True when saved. Language or database changes need a restart."""
        from .settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.database, self)
        if not self.run_dialog(dialog):
            return False
        if getattr(dialog, "needs_restart", False):
            QMessageBox.information(
                self, translate("MainWindow", "Einstellungen"),
                translate("MainWindow", "Die Einstellungen sind gespeichert.\n\nDie geänderte Sprache oder "
                                        "Datenbank gilt ab dem nächsten Start des Programms."))
        # taxonomy, letter template and retention are read when a view opens: open them afresh
        self.reload_labs(reopen=True)
        self.statusBar().showMessage(translate("MainWindow", "Einstellungen gespeichert."), 5000)
        return True

    # -- start-up checks (startup_checks.py) ---------------------------------------------------
    def offer_demo_if_empty(self) -> bool:
        """On a first start (no labs yet) offer to create demo data. Returns True if started."""
        return startup_checks.offer_demo_if_empty(self)

    def create_demo_data(self) -> BackgroundTask:
        return startup_checks.create_demo_data(self)

    def show_error(self, title: str, exc: BaseException) -> None:
        show_task_error(self, title, exc)

    def remind_retention(self, only_if_pending: bool = False):
        """Offer to delete invitees' personal data whose retention period ends (DSGVO)."""
        return startup_checks.remind_retention(self, only_if_pending)

    def warn_data_folder_problem(self) -> bool:
        """Say so when the data folder chosen in the settings cannot be used (the default one is used)."""
        return startup_checks.warn_data_folder_problem(self)


schedule_first_start_offer = startup_checks.schedule_first_start_offer
