"""The main window: labs on the left, the selected lab's lifecycle steps on the right."""
from __future__ import annotations

import html
import logging
from typing import Optional

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QHeaderView, QLabel, QLineEdit,
                               QMainWindow, QMessageBox, QSplitter, QStackedWidget, QTableView, QVBoxLayout,
                               QWidget)

from .. import APP_NAME, __version__
from ..core.labs import LIFECYCLE_STEPS
from ..core.storage.database import Database
from .i18n import translate
from ..core import lab_service
from .labs import lab_actions, lab_texts
from .labs.lab_header import LabHeader
from .labs.lab_list_model import COL_DISTRICT, LAB_ID_ROLE, LabFilterProxy, LabTableModel
from .labs.step_bar import StepBar
from . import main_menus, startup_checks, window_state
from .step_status import StepStatusFollower
from .step_views import create_comparison_view, create_step_view
from .tasks import BackgroundTask, show_task_error, task_runner
from .widgets.shortcuts import ShortcutsDialog, shortcut_text
from .widgets.screen_fit import fitting_size

log = logging.getLogger(__name__)

LAB_LIST_MIN_WIDTH = 280



def empty_text() -> str:
    """What the right side shows while no lab is selected."""
    return translate("MainWindow", "Noch kein Quartierslabor ausgewählt.\n\n"
                     "Legen Sie mit „Neues Labor“ ({0}) ein Labor an oder erzeugen Sie über "
                     "„Datei → Beispieldaten erzeugen“ ein Beispiel mit einem synthetischen "
                     "Registerauszug.").format(shortcut_text(QKeySequence.StandardKey.New))


def no_match_text(filter_text: str) -> str:
    """What the right side shows while the lab list filter hides every lab (rich text, with a link)."""
    message = translate("MainWindow", "Kein Labor passt zum Filter „{0}“.").format(html.escape(filter_text.strip()))
    link = translate("MainWindow", "Filter leeren")
    return f"{message}<br><br><a href=\"clear-filter\">{html.escape(link)}</a>"


class MainWindow(QMainWindow):
    #: the selected lab's id, or None
    lab_changed = Signal(object)

    def __init__(self, database: Database, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(APP_NAME)
        self._resize_to_screen()
        self._current_lab: Optional[lab_service.LabRow] = None
        self._step_views: dict[str, QWidget] = {}
        self._comparison_window: Optional[QWidget] = None
        self.last_task: Optional[BackgroundTask] = None

        self._build_central()
        self._build_actions()
        self._build_menus_and_toolbar()
        # window keys a step view also uses go to the view while it has the focus
        self._window_keys = {action: list(action.shortcuts()) for action in
                             (self.new_action, self.settings_action, self.quit_action, self.filter_action,
                              *self.step_actions)}
        QApplication.instance().focusChanged.connect(self._yield_keys_to_step_view)
        self.statusBar().showMessage(translate("MainWindow", "Datenbank: {0}").format(
            database.sqlite_path or database.url))
        self.status_follower = StepStatusFollower(self.refresh_status, self)
        last_lab, last_step = window_state.last_place()
        if last_step in LIFECYCLE_STEPS:
            self.step_bar.select(last_step, emit=False)
        self.reload_labs(last_lab)
        self._restore_geometry()
        self._update_actions()

    # -- hooks tests may replace ---------------------------------------------------------
    def run_dialog(self, dialog: QDialog) -> bool:
        """Run a modal dialog; returns True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- building -------------------------------------------------------------------------
    def _build_central(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter = splitter

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        title = QLabel(translate("MainWindow", "Quartierslabore"))
        title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        left_layout.addWidget(title)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(translate("MainWindow", "Filtern nach Name, Bezirk, Datum, Ort …"))
        self.filter_edit.setClearButtonEnabled(True)
        left_layout.addWidget(self.filter_edit)

        self.lab_model = LabTableModel(self)
        self.lab_proxy = LabFilterProxy(self)
        self.lab_proxy.setSourceModel(self.lab_model)
        self.filter_edit.textChanged.connect(self.lab_proxy.set_filter_text)
        self.filter_edit.textChanged.connect(lambda _text: self._update_empty_text())

        self.lab_view = QTableView()
        self.lab_view.setModel(self.lab_proxy)
        self.lab_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lab_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lab_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lab_view.setSortingEnabled(True)
        self.lab_view.sortByColumn(COL_DISTRICT, Qt.SortOrder.AscendingOrder)
        self.lab_view.verticalHeader().hide()
        self.lab_view.setAlternatingRowColors(True)
        header = self.lab_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the name wraps, no side scrolling
        self.lab_view.setWordWrap(True)
        self.lab_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        # rows grow with the wrapped name whenever the name column gets narrower or wider
        self._row_height_timer = QTimer(self)
        self._row_height_timer.setSingleShot(True)
        self._row_height_timer.setInterval(0)
        self._row_height_timer.timeout.connect(self.lab_view.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._row_height_timer.start())
        self.lab_view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.lab_view.doubleClicked.connect(lambda _i: self.edit_lab())
        left_layout.addWidget(self.lab_view, 1)
        left.setMinimumWidth(LAB_LIST_MIN_WIDTH)  # wide step views must not squeeze the lab list
        self.lab_panel = left
        self._lab_list_width = 330        # the width it gets back when shown again
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 6, 6, 6)
        self.header = LabHeader()
        self.header.edit_requested.connect(self.edit_lab)
        right_layout.addWidget(self.header)
        self.step_bar = StepBar()
        self.step_bar.step_selected.connect(self.show_step)
        right_layout.addWidget(self.step_bar)
        self.step_stack = QStackedWidget()
        self.empty_label = QLabel(empty_text())
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("font-size: 12pt; color: palette(dark); padding: 40px;")
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                 | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.empty_label.linkActivated.connect(lambda _link: self.clear_lab_filter())
        self.step_stack.addWidget(self.empty_label)
        right_layout.addWidget(self.step_stack, 1)
        splitter.addWidget(right)
        # the lab list can be pushed aside (drag the handle to the left edge, or Ansicht → Laborliste)
        # so that a step – above all the workshop board – gets the whole width
        splitter.setCollapsible(0, True)
        splitter.setCollapsible(1, False)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 950])
        splitter.splitterMoved.connect(self._on_splitter_moved)
        self.setCentralWidget(splitter)

    def _build_actions(self) -> None:
        main_menus.build_actions(self)

    def _build_menus_and_toolbar(self) -> None:
        main_menus.build_menus_and_toolbar(self)

    def _yield_keys_to_step_view(self, _old: Optional[QWidget], now: Optional[QWidget]) -> None:
        """Two shortcuts on one key cancel each other out in Qt ("ambiguous"): while the focus is inside
        the step view, a window action drops the keys that one of the view's own actions uses."""
        taken: set[str] = set()
        for view in self._step_views.values():
            if now is not None and view.isAncestorOf(now):
                for action in view.findChildren(QAction):
                    if action.isEnabled():
                        taken.update(seq.toString() for seq in action.shortcuts())
        for action, keys in self._window_keys.items():
            wanted = [seq for seq in keys if seq.toString() not in taken]
            if [seq.toString() for seq in action.shortcuts()] != [seq.toString() for seq in wanted]:
                action.setShortcuts(wanted)

    # -- geometry -------------------------------------------------------------------------
    def _resize_to_screen(self) -> None:
        """The first start: 1280×820, but never larger than the screen (laptops with 1366×768)."""
        width, height = 1280, 820
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            # leave room for the window frame and title bar
            width = max(800, min(width, available.width() - 16))
            height = max(560, min(height, available.height() - 40))
        self.resize(width, height)

    def _restore_geometry(self) -> None:
        window_state.restore_layout(self, LAB_LIST_MIN_WIDTH)

    def save_geometry(self) -> None:
        window_state.save_layout(self)

    # -- lab list on the left ---------------------------------------------------------------
    def lab_list_visible(self) -> bool:
        return self.lab_list_action.isChecked()

    def set_lab_list_visible(self, visible: bool) -> None:
        """Show or hide the lab list; hidden, the step on the right gets the whole width."""
        visible = bool(visible)
        if self.lab_list_action.isChecked() != visible:
            self.lab_list_action.setChecked(visible)     # comes back here through toggled
            return
        if not visible:
            if self.lab_panel.isAncestorOf(QApplication.focusWidget()):
                self.step_stack.setFocus(Qt.FocusReason.OtherFocusReason)
                current = self.step_stack.currentWidget()
                if current is not None:
                    current.setFocus(Qt.FocusReason.OtherFocusReason)
            self.lab_panel.hide()
            return
        self.lab_panel.show()
        sizes = self.splitter.sizes()
        if sizes[0] < LAB_LIST_MIN_WIDTH:
            total = sum(sizes)
            width = max(LAB_LIST_MIN_WIDTH, min(self._lab_list_width, total - self.splitter.widget(1).minimumSizeHint().width()))
            self.splitter.setSizes([width, max(0, total - width)])

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        width = self.splitter.sizes()[0]
        if width >= LAB_LIST_MIN_WIDTH:
            self._lab_list_width = width
        elif width == 0 and self.lab_list_action.isChecked():
            # dragged to the left edge: hidden, like through the menu (which brings it back)
            self.lab_list_action.setChecked(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.status_follower.cancel()
        runner = task_runner()
        if runner.active_tasks:
            runner.cancel_all()
            runner.wait_for_done(10_000)
        if self._comparison_window is not None:
            self._comparison_window.close()
        super().closeEvent(event)

    # -- labs -----------------------------------------------------------------------------
    def reload_labs(self, select_id: Optional[int] = None) -> None:
        keep = select_id if select_id is not None else (self._current_lab.id if self._current_lab else None)
        self.lab_model.set_rows(lab_service.load_lab_rows(self.database))
        self.lab_proxy.sort(self.lab_proxy.sortColumn(), self.lab_proxy.sortOrder())
        self.lab_view.resizeRowsToContents()
        if keep is not None and self.select_lab(keep):
            return
        if self.lab_proxy.rowCount() > 0:
            self.lab_view.selectRow(0)
            self.lab_view.setCurrentIndex(self.lab_proxy.index(0, 0))
        else:
            self._set_current_lab(None)

    def lab_ids_in_view(self) -> list[int]:
        """Lab ids in the order the list shows them (after sorting and filtering)."""
        return [self.lab_proxy.index(r, 0).data(LAB_ID_ROLE) for r in range(self.lab_proxy.rowCount())]

    def select_lab(self, lab_id: int) -> bool:
        source_row = self.lab_model.row_of_lab(lab_id)
        if source_row is None:
            return False
        proxy_index = self.lab_proxy.mapFromSource(self.lab_model.index(source_row, 0))
        if not proxy_index.isValid():
            return False
        self.lab_view.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if self._current_lab is None or self._current_lab.id != lab_id:
            self._set_current_lab(self.lab_model.lab_row(source_row))
        return True

    def current_lab(self) -> Optional[lab_service.LabRow]:
        return self._current_lab

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._set_current_lab(None)
            return
        source = self.lab_proxy.mapToSource(current)
        lab = self.lab_model.lab_row(source.row())
        if self._current_lab is None or lab.id != self._current_lab.id:
            self._set_current_lab(lab)
        else:
            self._current_lab = lab

    def _set_current_lab(self, lab: Optional[lab_service.LabRow]) -> None:
        self._current_lab = lab
        self._clear_step_views()
        self.header.set_lab(lab)
        self.header.setVisible(lab is not None)
        self.step_bar.setVisible(lab is not None)
        if lab is None:
            self._update_empty_text()
            self.step_stack.setCurrentWidget(self.empty_label)
        else:
            self.refresh_status()
            self.show_step(self.step_bar.current_step())
        self._update_actions()
        self.lab_changed.emit(lab.id if lab else None)

    def _update_empty_text(self) -> None:
        """No lab selected: say so, or – when the filter hides every lab – that the filter matches none."""
        filtering = bool(self.filter_edit.text().strip())
        if filtering and self.lab_model.rowCount() > 0 and self.lab_proxy.rowCount() == 0:
            self.empty_label.setTextFormat(Qt.TextFormat.RichText)
            self.empty_label.setText(no_match_text(self.filter_edit.text()))
        else:
            self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
            self.empty_label.setText(empty_text())

    def clear_lab_filter(self) -> None:
        """Show every lab again and select the first one if none is selected."""
        self.filter_edit.clear()
        if self._current_lab is None and self.lab_proxy.rowCount() > 0:
            self.lab_view.selectRow(0)
            self.lab_view.setCurrentIndex(self.lab_proxy.index(0, 0))
        self.lab_view.setFocus()

    def _update_actions(self) -> None:
        has_lab = self._current_lab is not None
        for action in (self.edit_action, self.rename_action, self.delete_action, *self.step_actions):
            action.setEnabled(has_lab)

    # -- steps ----------------------------------------------------------------------------
    def _clear_step_views(self) -> None:
        for view in self._step_views.values():
            self.step_stack.removeWidget(view)
            view.deleteLater()
        self._step_views.clear()

    def select_step(self, step: str) -> None:
        self.step_bar.select(step)

    def show_step(self, step: str) -> None:
        if self._current_lab is None:
            return
        view = self._step_views.get(step)
        if view is None:
            view = create_step_view(step, self.database, self._current_lab.id, self.step_stack)
            self.status_follower.follow(view)    # cards arriving update "2 Workshop – 12 Anliegen" live
            self._step_views[step] = view
            self.step_stack.addWidget(view)
        else:
            view.refresh()
        self.step_stack.setCurrentWidget(view)
        window_state.remember_place(self._current_lab.id, step)
        self.refresh_status()
        self._yield_keys_to_step_view(None, QApplication.focusWidget())

    def step_view(self, step: str) -> Optional[QWidget]:
        return self._step_views.get(step)

    def refresh_status(self) -> None:
        if self._current_lab is None:
            return
        counts = lab_service.lab_counts(self.database, self._current_lab.id)
        self.step_bar.set_status(lab_texts.step_status_texts(counts, self._current_lab.capacity))

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
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

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
        lab = self.current_lab()
        self._current_lab = None
        self.reload_labs(select_id=lab.id if lab else None)
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
