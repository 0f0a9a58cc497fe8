"""Starting the GUI: application object, translations, crash handling, database."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable, Optional

from .. import APP_NAME, __version__
from ..core.crashlog import install_file_logging
from ..core.errors import DatabaseError
from ..core.paths import DATA_DIR_ENV
# the database layer (SQLAlchemy, about 300 modules) before Qt, which ``create_application`` imports: PySide6's
# import hook reads the source of every module imported after it (about 0.1 s more at each start)
from ..core.storage.database import Database, list_backups, open_database, resolve_url, restore_backup

log = logging.getLogger(__name__)

ORGANIZATION = "Quartierslabor"

#: choices of the database problem dialog
CHOICE_RESTORE = "restore"
CHOICE_NEW = "new"
CHOICE_QUIT = "quit"


def create_application(argv: Optional[list[str]] = None, language: Optional[str] = None):
    """The QApplication with name, organisation, high-DPI defaults and the UI language's catalogues.

    ``language`` ("de"/"en") defaults to the language chosen in the settings.
    """
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from . import i18n

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationVersion(__version__)
    i18n.install_translators(app, language or i18n.configured_language())
    return app


# -- opening the database ---------------------------------------------------------------------
def database_target() -> Optional[str]:
    """QUARTIERSLABOR_DATABASE_URL, else the URL in the settings, else None (the local default file)."""
    from ..core.paths import DATABASE_URL_ENV
    from ..core.settings_store import configured_database_url

    return os.environ.get(DATABASE_URL_ENV) or configured_database_url()


def sqlite_path_of(target: Optional[str]) -> Optional[Path]:
    url = resolve_url(target)
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):])
    return None


def ask_database_problem(error: DatabaseError, backups: list[Path], path: Optional[Path]) -> str:
    """Show the database problem dialog; returns one of the CHOICE_* values."""
    from .widgets.database_problem_dialog import DatabaseProblemDialog

    dialog = DatabaseProblemDialog(error, backups, path)
    dialog.exec()
    return dialog.choice


def open_database_interactive(target: Optional[str] = None,
                              ask: Callable[[DatabaseError, list[Path], Optional[Path]], str] = ask_database_problem,
                              ) -> Optional[Database]:
    """Open the database; on a problem say what is wrong and offer the latest backup.

    Returns ``None`` when the user chose to quit. Never raises :class:`DatabaseError`.
    """
    tried_restore: set[Path] = set()
    while True:
        try:
            return open_database(target)
        except DatabaseError as exc:
            log.warning("Database problem: %s", exc)
            path = sqlite_path_of(target)
            backups = [b for b in list_backups(path) if b not in tried_restore] if path else []
            choice = ask(exc, backups, path)
            if choice == CHOICE_RESTORE and backups and path is not None:
                tried_restore.add(backups[0])
                try:
                    restore_backup(backups[0], path)
                except DatabaseError as restore_error:
                    log.warning("Backup %s unusable: %s", backups[0], restore_error)
                continue
            if choice == CHOICE_NEW and path is not None and path.exists():
                damaged = path.with_name(path.name + ".defekt")
                counter = 1
                while damaged.exists():
                    counter += 1
                    damaged = path.with_name(f"{path.name}.defekt{counter}")
                path.replace(damaged)
                for suffix in ("-wal", "-shm"):
                    side = path.with_name(path.name + suffix)
                    if side.exists():
                        side.replace(damaged.with_name(damaged.name + suffix))
                continue
            return None


# -- running ----------------------------------------------------------------------------------
def run_gui(self_test: bool = False) -> int:
    """Start the GUI. With ``self_test`` run offscreen through every view and exit."""
    if self_test:
        return run_self_test()
    install_file_logging()
    app = create_application()
    from .error_dialog import install_excepthook
    from .main_window import MainWindow, schedule_first_start_offer

    install_excepthook()
    database = open_database_interactive(database_target())
    if database is None:
        return 1
    try:
        window = MainWindow(database)
    except Exception as exc:  # noqa: BLE001 - never vanish: say what happened, then stop
        from .error_dialog import show_exception_dialog
        from .i18n import translate
        dialog = show_exception_dialog(exc, context=translate("App", "Start der Oberfläche"))
        if dialog is not None:
            dialog.exec()
        database.dispose()
        return 3
    window.show()
    schedule_first_start_offer(window)
    code = app.exec()
    database.dispose()
    return int(code)


def run_self_test() -> int:
    """Offscreen: main window, every step view and the comparison view, a lab in a temp database.

    Prints what it checked; exit code 0 only if every check passed.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failure: Optional[Exception] = None
    with tempfile.TemporaryDirectory(prefix="quartierslabor-selftest-") as tmp:
        previous = os.environ.get(DATA_DIR_ENV)
        os.environ[DATA_DIR_ENV] = str(Path(tmp) / "daten")
        try:
            return _self_test_in(Path(tmp))
        except Exception as exc:  # noqa: BLE001 - report, do not crash
            failure = exc
        finally:
            if previous is None:
                os.environ.pop(DATA_DIR_ENV, None)
            else:
                os.environ[DATA_DIR_ENV] = previous
    from ..core.crashlog import write_crash_log
    try:   # the traceback goes to the real log file (not the removed test folder), never to the terminal
        where = f" Details stehen in {write_crash_log(failure)}."
    except OSError:
        where = ""
    print(f"Selbsttest fehlgeschlagen: {failure.__class__.__name__}: {failure}.{where}", file=sys.stderr)
    return 1


def _self_test_in(folder: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from ..core.labs import LIFECYCLE_STEPS
    from ..core import lab_service
    from .main_window import MainWindow

    app = create_application(language="de")   # the self-test checks and prints German
    database = open_database(folder / "selbsttest.sqlite3")
    try:
        row = lab_service.create_lab(database, lab_service.LabValues(
            "Selbsttest-Labor", "Eving", None, "Bürgerhaus", 30))
        print(f"ok: Labor angelegt (id {row.id})")
        window = MainWindow(database)
        window.show()
        app.processEvents()
        if not window.select_lab(row.id):
            raise RuntimeError("Das neue Labor erscheint nicht in der Liste.")
        for step in LIFECYCLE_STEPS:
            window.select_step(step)
            app.processEvents()
            view = window.step_view(step)
            if view is None or window.step_stack.currentWidget() is not view:
                raise RuntimeError(f"Ansicht „{step}“ wurde nicht geöffnet.")
            print(f"ok: Ansicht {step} ({type(view).__name__})")
        comparison = window.open_comparison()
        app.processEvents()
        print(f"ok: Ansicht Labore vergleichen ({type(comparison).__name__})")
        comparison.close()
        _self_test_card_and_exports(database, row.id, folder)
        window.select_step(LIFECYCLE_STEPS[1])
        window.step_view(LIFECYCLE_STEPS[1]).refresh()
        app.processEvents()
        window.close()
        app.processEvents()
        QApplication.processEvents()
    finally:
        database.dispose()
    print("Selbsttest bestanden.")
    return 0


def _self_test_card_and_exports(database: Database, lab_id: int, folder: Path) -> None:
    """Add and cluster a card, then export the lab report as PDF and Excel (checks fonts, resources)."""
    from ..core.board.service import BoardService
    from ..core.labs import get_lab
    from ..core.reports import build_lab_report, write_lab_pdf, write_lab_xlsx

    card = BoardService(database, lab_id).add_card("Nachts laute Musik und Geschrei am Kiosk", place="Nordmarkt")
    if card.cluster_id is None or not card.reason:
        raise RuntimeError("Die Karte wurde keinem Thema zugeordnet.")
    print(f"ok: Karte angelegt und zugeordnet ({card.reason})")
    with database.session() as session:
        data = build_lab_report(session, get_lab(session, lab_id))
    for suffix, writer in ((".pdf", write_lab_pdf), (".xlsx", write_lab_xlsx)):
        target = folder / f"selbsttest{suffix}"
        writer(target, data)
        if not target.exists() or target.stat().st_size < 1000:
            raise RuntimeError(f"Export {target.name} fehlt oder ist leer.")
        print(f"ok: Export {target.name} ({target.stat().st_size} Bytes)")
