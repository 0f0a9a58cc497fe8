"""Start-up: the configured translations, the crash dialog, a corrupt database, the self-test."""
from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QGuiApplication

from quartierslabor_app.core.errors import DatabaseError
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import Lab
from quartierslabor_app.qt import app as app_module

from db_helpers import saved_lab_with_backup
from quartierslabor_app.qt import error_dialog
from quartierslabor_app.qt.widgets.database_problem_dialog import DatabaseProblemDialog


def _raise_and_catch():
    try:
        {}["fehlt"]
    except KeyError:
        return sys.exc_info()


def test_excepthook_logs_and_opens_dialog_with_copyable_details(qtbot, isolated_data_dir):
    exc_type, exc, tb = _raise_and_catch()
    dialog = error_dialog.handle_unhandled_exception(exc_type, exc, tb)
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    details = dialog.details_edit.toPlainText()
    assert "KeyError" in details and "_raise_and_catch" in details
    log_file = isolated_data_dir / "logs" / "quartierslabor.log"
    assert log_file.exists() and "KeyError" in log_file.read_text(encoding="utf-8")
    assert str(log_file) in dialog.log_label.text()
    dialog.copy_button.click()
    clip = QGuiApplication.clipboard().text()
    assert "KeyError" in clip and "unerwarteter Fehler" in clip
    dialog.accept()


def test_install_excepthook_replaces_sys_hook(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    error_dialog.install_excepthook()
    assert sys.excepthook is error_dialog.handle_unhandled_exception


def test_create_application_installs_german_by_default(qapp):
    from quartierslabor_app.qt import i18n

    i18n.remove_translators(qapp)
    assert qapp.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert app_module.create_application() is qapp      # no language configured: German
    assert qapp._quartierslabor_language == "de"
    assert qapp._quartierslabor_translators, "qtbase_de must be found in Qt's translations folder"
    assert qapp.translate("QPlatformTheme", "Cancel") == "Abbrechen"


def _corrupt(path):
    with open(path, "r+b") as fh:
        fh.seek(0)
        fh.write(b"kaputt kaputt kaputt")


def test_corrupt_database_offers_backup_and_restores(tmp_path):
    path = tmp_path / "labor.sqlite3"
    backup = saved_lab_with_backup(path)
    _corrupt(path)
    asked = []

    def choose(error, backups, p):
        asked.append((error, backups, p))
        return app_module.CHOICE_RESTORE

    restored = app_module.open_database_interactive(str(path), ask=choose)
    assert restored is not None
    assert isinstance(asked[0][0], DatabaseError)
    assert asked[0][1][0] == backup and asked[0][2] == path
    with restored.session() as s:
        assert [lab.name for lab in s.query(Lab)] == ["Gerettet"]
    restored.dispose()
    assert list(tmp_path.glob("labor.sqlite3.*.defekt")), "the damaged file is kept"


def test_corrupt_database_quit_returns_none(tmp_path):
    path = tmp_path / "labor.sqlite3"
    open_database(path).dispose()
    _corrupt(path)
    assert app_module.open_database_interactive(str(path), ask=lambda *a: app_module.CHOICE_QUIT) is None
    assert path.read_bytes().startswith(b"kaputt")  # untouched


def test_corrupt_database_without_backup_can_start_empty(tmp_path):
    path = tmp_path / "labor.sqlite3"
    path.write_bytes(b"kein sqlite" * 100)
    db = app_module.open_database_interactive(str(path), ask=lambda e, backups, p: (
        app_module.CHOICE_NEW if not backups else app_module.CHOICE_QUIT))
    assert db is not None
    db.dispose()
    assert (tmp_path / "labor.sqlite3.defekt").read_bytes().startswith(b"kein sqlite")


def test_problem_dialog_offers_restore_or_quit(qtbot, tmp_path):
    backup = tmp_path / "labor-20260101-sicherung.sqlite3"
    open_database(backup).dispose()
    error = DatabaseError("Die Datenbank ist beschädigt.", file="labor.sqlite3")
    dialog = DatabaseProblemDialog(error, [backup], tmp_path / "labor.sqlite3")
    qtbot.addWidget(dialog)
    assert "beschädigt" in dialog.message_label.text()
    assert dialog.restore_button is not None and dialog.new_button is None
    dialog.restore_button.click()
    assert dialog.choice == "restore"
    no_backup = DatabaseProblemDialog(error, [], tmp_path / "labor.sqlite3")
    qtbot.addWidget(no_backup)
    assert no_backup.restore_button is None
    no_backup.quit_button.click()
    assert no_backup.choice == "quit"


def test_self_test_runs(qapp, capsys):
    assert app_module.run_self_test() == 0
    out = capsys.readouterr().out
    assert "Selbsttest bestanden." in out
    for step in ("Einladung", "Workshop", "Empfehlungen", "Export"):
        assert f"ok: Ansicht {step}" in out


RUN_GUI_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from quartierslabor_app.qt import app as app_module, error_dialog
from quartierslabor_app.qt.main_window import MainWindow
QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
app_module.create_application()  # timers need the application
seen = []
def close_all():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    seen.extend(w.windowTitle() for w in windows)
    for w in windows:
        w.close()
    QApplication.instance().quit()
QTimer.singleShot(800, close_all)  # after the first-start offer (answered "Nein")
code = app_module.run_gui()
print("windows", seen, "hook", sys.excepthook is error_dialog.handle_unhandled_exception)
sys.exit(code)
"""


@pytest.mark.slow  # a fresh interpreter importing the app (process boundary); CI runs it
def test_run_gui_starts_main_window_and_quits(tmp_path):
    """In a separate process: ``app.exec()`` and ``quit()`` must not touch the test run's QApplication."""
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUARTIERSLABOR_DATA_DIR=str(tmp_path / "daten"))
    env.pop("QUARTIERSLABOR_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", RUN_GUI_SCRIPT], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "windows ['Quartierslabor'] hook True" in done.stdout
    assert (tmp_path / "daten" / "quartierslabor.sqlite3").exists()


def test_database_url_from_environment_wins_over_settings(monkeypatch, tmp_path):
    from quartierslabor_app.core.settings_store import set_machine_setting
    from quartierslabor_app.qt.app import database_target

    assert database_target() is None  # nothing configured: the local default file
    set_machine_setting("database_url", "postgresql://stadt@server/quartierslabor")
    assert database_target() == "postgresql://stadt@server/quartierslabor"
    monkeypatch.setenv("QUARTIERSLABOR_DATABASE_URL", str(tmp_path / "env.sqlite3"))
    assert database_target() == str(tmp_path / "env.sqlite3")
