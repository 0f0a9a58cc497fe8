"""Shared pieces of the export views: file names, the save dialog, background run, result panel."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from ...core.errors import UserError
from ..tasks import BackgroundTask, show_task_error
from ..widgets.file_dialogs import safe_file_part
from ..widgets.gui_settings import gui_settings
from ..i18n import localized, translate

LAST_FOLDER_KEY = "export/last_folder"

FILTERS = {
    ".pdf": QT_TRANSLATE_NOOP("ExportSupport", "PDF-Dokument (*.pdf)"),
    ".xlsx": QT_TRANSLATE_NOOP("ExportSupport", "Excel-Arbeitsmappe (*.xlsx)"),
}

def default_file_name(parts: list[str], date: Optional[dt.date], suffix: str) -> str:
    """``["Quartierslabor", "Eving"], 2026-03-14, ".pdf"`` -> ``Quartierslabor_Eving_2026-03-14.pdf``.

    Umlauts stay (every current file system accepts them); anything else unsafe becomes ``_``.
    """
    words = [safe_file_part(p, "") for p in parts if p and p.strip()]
    if date is not None:
        words.append(date.isoformat())
    stem = "_".join(w for w in words if w) or translate('ExportSupport', 'Export')
    return f"{stem}{suffix}"


def _start_folder() -> Path:
    saved = gui_settings().value(LAST_FOLDER_KEY, "", str)
    if saved and Path(saved).is_dir():
        return Path(saved)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def ask_save_path(parent: QWidget, title: str, default_name: str, suffix: str) -> Optional[Path]:
    """The save dialog, starting in the last export folder; ``None`` if the user cancelled."""
    start = _start_folder() / default_name
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(start), translate("ExportSupport", FILTERS[suffix]))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    settings = gui_settings()
    settings.setValue(LAST_FOLDER_KEY, str(path.parent))
    settings.sync()
    return path


def open_path(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ExportResultPanel(QFrame):
    """Inline result of the last export: where it went, with "Datei öffnen" / "Ordner öffnen"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.path: Optional[Path] = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_file_button = QPushButton(translate('ExportResultPanel', 'Datei öffnen'))
        self.open_folder_button = QPushButton(translate('ExportResultPanel', 'Ordner öffnen'))
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.open_file_button)
        layout.addWidget(self.open_folder_button)
        self.open_file_button.clicked.connect(lambda: self.path and open_path(self.path))
        self.open_folder_button.clicked.connect(lambda: self.path and open_path(self.path.parent))
        self.hide()

    def show_success(self, text: str, path: Path) -> None:
        self.path = path
        self.setStyleSheet("ExportResultPanel { background: #d1e7dd; border: 1px solid #a3cfbb; }")
        self.message.setText(f"✓ {text}\n{path}")
        self.open_file_button.setVisible(True)
        self.open_folder_button.setVisible(True)
        self.show()

    def show_error(self, text: str) -> None:
        self.path = None
        self.setStyleSheet("ExportResultPanel { background: #f8d7da; border: 1px solid #f1aeb5; }")
        self.message.setText(text)
        self.open_file_button.setVisible(False)
        self.open_folder_button.setVisible(False)
        self.show()


class ExportRunner(QObject):
    """Runs one export at a time in the background and reports into an :class:`ExportResultPanel`.

    ``finished(state, detail)``: state is ``succeeded`` (detail = path), ``failed`` (German
    message) or ``cancelled``.
    """

    finished = Signal(str, str)
    busyChanged = Signal(bool)  # noqa: N815

    def __init__(self, parent_widget: QWidget, panel: ExportResultPanel) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._panel = panel
        self.task: Optional[BackgroundTask] = None

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.finished

    def run(self, title: str, fn: Callable[..., Any], success_text: str) -> Optional[BackgroundTask]:
        """``fn(progress=, cancel=)`` writes the file and returns its path."""
        if self.busy:
            QMessageBox.information(self._parent_widget, title, translate('ExportRunner', 'Es läuft bereits ein Export. Bitte warten.'))
            return None
        self.task = BackgroundTask(fn, title=title, parent=self._parent_widget,
                                   on_success=lambda path: self._succeeded(success_text, path),
                                   on_failure=lambda exc: self._failed(title, exc),
                                   on_cancelled=self._cancelled)
        self.busyChanged.emit(True)
        self.task.start()
        return self.task

    def _succeeded(self, text: str, path) -> None:
        path = Path(path)
        self._panel.show_success(text, path)
        self.busyChanged.emit(False)
        self.finished.emit("succeeded", str(path))

    def _failed(self, title: str, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            message = localized(exc)
        else:
            message = (translate('ExportRunner', 'Der Export ist fehlgeschlagen ({0}). Es wurde keine unvollständige Datei hinterlassen.').format(type(exc).__name__))
        self._panel.show_error(message)
        self.busyChanged.emit(False)
        self.finished.emit("failed", message)
        show_task_error(self._parent_widget, title, exc)

    def _cancelled(self) -> None:
        self._panel.show_error(translate('ExportRunner', 'Export abgebrochen. Es wurde keine Datei geschrieben.'))
        self.busyChanged.emit(False)
        self.finished.emit("cancelled", "")
