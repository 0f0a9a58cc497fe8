"""What the Labor menu does with the selected lab: create, edit, rename, delete (with a backup first)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from PySide6.QtWidgets import QMessageBox

from ...core import lab_service
from ...core.errors import UserError
from ...core.storage.database import backup_sqlite
from ..i18n import localized, translate
from ..widgets import name_dialog
from . import lab_texts
from .lab_dialog import LabDialog

if TYPE_CHECKING:                      # pragma: no cover - typing only
    from ..main_window import MainWindow


def new_lab(window: "MainWindow") -> Optional[int]:
    dialog = LabDialog(lambda values: lab_service.create_lab(window.database, values), parent=window)
    if not window.run_dialog(dialog):
        return None
    row: lab_service.LabRow = dialog.saved_result  # type: ignore[assignment]
    window.filter_edit.clear()
    window.reload_labs(select_id=row.id)
    window.statusBar().showMessage(translate("MainWindow", "Quartierslabor „{0}“ angelegt.").format(row.name),
                                 5000)
    return row.id


def edit_lab(window: "MainWindow") -> None:
    lab = window.current_lab()
    if lab is None:
        return
    dialog = LabDialog(lambda values: lab_service.update_lab(window.database, lab.id, values), lab=lab,
                       parent=window)
    if not window.run_dialog(dialog):
        return
    window.reload_labs(select_id=lab.id, reopen=True)      # the header and views read it again


def rename_lab(window: "MainWindow") -> None:
    lab = window.current_lab()
    if lab is None:
        return
    new_name, ok = name_dialog.ask_name(window, translate("MainWindow", "Labor umbenennen"),
                                        translate("MainWindow", "Neuer Name des Quartierslabors:"), lab.name)
    if not ok or new_name.strip() == lab.name:
        return
    try:
        lab_service.rename_lab(window.database, lab.id, new_name)
    except UserError as exc:
        QMessageBox.warning(window, translate("MainWindow", "Labor umbenennen"), localized(exc))
        return
    window.reload_labs(select_id=lab.id, reopen=True)
    window.statusBar().showMessage(translate("MainWindow", "Umbenannt in „{0}“.").format(new_name.strip()), 5000)


def delete_lab(window: "MainWindow") -> bool:
    lab = window.current_lab()
    if lab is None:
        return False
    counts = lab_service.lab_counts(window.database, lab.id)
    text = translate("MainWindow", "Soll das Quartierslabor „{name}“ ({district}, {date}) endgültig "
                     "gelöscht werden?\n\n{summary}\n\n"
                     "Vorher wird automatisch eine Sicherung der Datenbank angelegt.").format(
        name=lab.name, district=lab.district, date=lab_texts.format_date(lab.date), summary=lab_texts.deletion_summary(counts))
    answer = QMessageBox.question(window, translate("MainWindow", "Labor löschen"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        if window.database.sqlite_path is not None:
            backup_sqlite(window.database.sqlite_path, reason="vor-loeschen")
        window.steps.clear_views()
        lab_service.delete_lab(window.database, lab.id)
    except UserError as exc:
        QMessageBox.warning(window, translate("MainWindow", "Labor löschen"), localized(exc))
        return False
    window.reload_labs(reopen=True)
    window.statusBar().showMessage(translate("MainWindow", "Quartierslabor „{0}“ gelöscht.").format(lab.name),
                                 5000)
    return True
