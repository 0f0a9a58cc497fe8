"""Start-up checks of the main window: a data folder that cannot be used, the demo offer on an empty
database, the reminder to delete personal data whose retention period ends."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QMessageBox

from ..core.labs import LIFECYCLE_STEPS
from .i18n import localized, translate
from .labs.demo_setup import DEMO_LAB_NAME, DEMO_ROWS, DemoResult, create_demo
from .steps.step_bar import step_label
from .tasks import BackgroundTask
from .widgets.gui_settings import gui_settings

if TYPE_CHECKING:                      # pragma: no cover - typing only
    from .main_window import MainWindow


def offer_demo_if_empty(window: "MainWindow") -> bool:
    """On a first start (no labs yet) offer to create demo data. Returns True if started."""
    if window.lab_model.rowCount() > 0:
        return False
    settings = gui_settings()
    if settings.value("demo/declined", False, type=bool):
        return False
    answer = QMessageBox.question(
        window, translate("MainWindow", "Willkommen beim Quartierslabor"),
        translate("MainWindow", "Es gibt noch kein Quartierslabor.\n\nSoll ein Beispiel angelegt werden? "
                  "Dazu wird ein synthetischer Registerauszug mit {rows} erfundenen Einwohnerinnen und "
                  "Einwohnern erzeugt und das Labor „{lab}“. So lassen sich alle Schritte ohne echte "
                  "personenbezogene Daten ausprobieren.\n\nSpäter jederzeit über „Datei → "
                  "Beispieldaten erzeugen“ möglich.").format(rows=QLocale().toString(DEMO_ROWS),
                                                              lab=DEMO_LAB_NAME),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        settings.setValue("demo/declined", True)
        return False
    window.create_demo_data()
    return True


def create_demo_data(window: "MainWindow") -> BackgroundTask:
    def done(result: DemoResult) -> None:
        window.filter_edit.clear()
        window.reload_labs(select_id=result.lab_id)
        gui_settings().setValue("demo/register_path", str(result.register_path))
        QMessageBox.information(
            window, translate("MainWindow", "Beispieldaten erzeugt"),
            translate("MainWindow", "Das Beispiel-Labor „{lab}“ ist angelegt.\n\n"
                      "Synthetischer Registerauszug ({rows} Personen):\n{register}\n\n"
                      "Straßenverzeichnis:\n{streets}\n\n"
                      "Im Schritt „{step}“ können Sie damit eine Ziehung ausprobieren.").format(
                lab=result.lab_name, rows=result.rows, register=result.register_path,
                streets=result.street_directory_path, step=step_label(LIFECYCLE_STEPS[0])))

    task = BackgroundTask(lambda progress, cancel: create_demo(window.database, progress=progress,
                                                               cancel=cancel),
                          title=translate("MainWindow", "Beispieldaten erzeugen"), parent=window,
                          on_success=done,
                          writes_database=True)
    window.last_task = task
    return task.start()


def remind_retention(window: "MainWindow", only_if_pending: bool = False):
    """Offer to delete invitees' personal data whose retention period ends (DSGVO)."""
    from .labs.retention_reminder import remind

    def reload() -> None:
        lab = window.current_lab()
        window.reload_labs(select_id=lab.id if lab else None)

    return remind(window.database, window, only_if_pending=only_if_pending, on_done=reload)


def warn_data_folder_problem(window: "MainWindow") -> bool:
    """Say so when the data folder chosen in the settings cannot be used (the default one is used)."""
    from ..core.data_location import data_folder_problem_message

    notice = localized(data_folder_problem_message())
    if notice:
        QMessageBox.warning(window, translate("MainWindow", "Datenordner nicht erreichbar"), notice)
    return bool(notice)


def schedule_first_start_offer(window: "MainWindow") -> None:
    """After start: a notice if the chosen data folder is unusable; then the demo offer on an empty
    database, else the retention reminder if anything is due."""
    def first_start() -> None:
        window.warn_data_folder_problem()
        if not window.offer_demo_if_empty():
            window.remind_retention(only_if_pending=True)

    QTimer.singleShot(300, first_start)
