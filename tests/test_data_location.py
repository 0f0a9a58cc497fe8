"""The data folder chosen in the settings: pointer file, fallback when missing, moving the data."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from quartierslabor_app.core import data_location, paths
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.progress import CancelToken, Cancelled
from quartierslabor_app.core.settings_store import load_machine_settings, set_machine_setting
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import Lab


@pytest.fixture
def default_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The platform folder redirected to tmp, and no QUARTIERSLABOR_DATA_DIR (so the pointer counts)."""
    folder = tmp_path / "standard"
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(paths, "platform_data_dir", lambda: folder)
    return folder


def _write_pointer(default_dir: Path, target: Path) -> None:
    default_dir.mkdir(parents=True, exist_ok=True)
    (default_dir / paths.POINTER_FILE).write_text(json.dumps({paths.POINTER_KEY: str(target)}), encoding="utf-8")


def _add_labs(database, names) -> None:
    with database.session() as s:
        for name in names:
            s.add(Lab(name=name, district="Eving"))


def _lab_names(path: Path) -> list[str]:
    con = sqlite3.connect(str(path))
    try:
        return sorted(row[0] for row in con.execute("SELECT name FROM labs"))
    finally:
        con.close()


def test_default_folder_without_pointer(default_dir):
    assert paths.user_data_dir() == default_dir
    assert default_dir.is_dir()
    state = paths.data_folder_state()
    assert state.source == paths.SOURCE_DEFAULT and state.problem is None
    assert data_location.data_folder_problem() is None


def test_pointer_is_followed(default_dir, tmp_path):
    chosen = tmp_path / "stadt-it" / "Quartierslabor"
    chosen.mkdir(parents=True)
    _write_pointer(default_dir, chosen)
    assert paths.user_data_dir() == chosen
    assert paths.default_database_path() == chosen / "quartierslabor.sqlite3"
    assert paths.backup_dir() == chosen / "backups"
    set_machine_setting("language", "en")
    assert (chosen / "settings.json").exists() and not (default_dir / "settings.json").exists()
    assert data_location.data_folder_problem() is None


def test_environment_variable_wins_over_pointer(default_dir, tmp_path, monkeypatch):
    chosen = tmp_path / "gewaehlt"
    chosen.mkdir()
    _write_pointer(default_dir, chosen)
    env_folder = tmp_path / "umgebung"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(env_folder))
    assert paths.user_data_dir() == env_folder
    assert paths.data_folder_state().source == paths.SOURCE_ENV
    with pytest.raises(UserError, match=paths.DATA_DIR_ENV):
        data_location.move_data_folder(tmp_path / "woanders")
    assert json.loads((default_dir / paths.POINTER_FILE).read_text(encoding="utf-8"))[paths.POINTER_KEY] == str(chosen)


def test_missing_chosen_folder_falls_back_and_is_reported(default_dir, tmp_path):
    stick = tmp_path / "usb-stick" / "Quartierslabor"      # not plugged in: does not exist
    _write_pointer(default_dir, stick)
    assert paths.user_data_dir() == default_dir
    assert not stick.exists()                               # never created on the missing drive
    state = paths.data_folder_state()
    assert state.problem == paths.PROBLEM_MISSING and state.chosen == stick
    notice = data_location.data_folder_problem()
    assert f"„{stick}“ ist nicht erreichbar" in notice
    assert f"Standardordner „{default_dir}“" in notice
    assert "USB-Stick" in notice


def test_decision_holds_for_the_session_until_the_pointer_changes(default_dir, tmp_path):
    stick = tmp_path / "usb-stick"
    _write_pointer(default_dir, stick)
    assert paths.user_data_dir() == default_dir
    stick.mkdir()                      # plugged in while the program runs (its database is the default one)
    assert paths.user_data_dir() == default_dir
    assert data_location.data_folder_problem() is not None
    other = tmp_path / "anderer-ordner"
    data_location.move_data_folder(other, copy_existing=False)   # a new choice is followed at once
    assert paths.user_data_dir() == other


def test_unreadable_pointer_falls_back_and_is_reported(default_dir):
    default_dir.mkdir()
    (default_dir / paths.POINTER_FILE).write_text("{kaputt", encoding="utf-8")
    assert paths.user_data_dir() == default_dir
    assert "ist beschädigt" in data_location.data_folder_problem()


def test_move_copies_a_live_database_with_all_rows(default_dir, tmp_path):
    live = open_database(paths.default_database_path())
    try:
        _add_labs(live, [f"Labor {i}" for i in range(25)])
        with live.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        # rows still only in the WAL file (no checkpoint), connection open
        wal = default_dir / "quartierslabor.sqlite3-wal"
        assert wal.exists() and wal.stat().st_size > 0
        set_machine_setting("language", "en")
        (default_dir / "backups").mkdir(exist_ok=True)
        (default_dir / "backups" / "quartierslabor-20260101-auto.sqlite3").write_bytes(b"alt")
        (default_dir / "logs").mkdir(exist_ok=True)
        (default_dir / "logs" / "quartierslabor.log").write_text("Start\n", encoding="utf-8")
        target = tmp_path / "grosse-platte" / "Quartierslabor"
        progress = []
        result = data_location.move_data_folder(target, copy_existing=True,
                                                progress_callback=lambda f, m: progress.append((f, m)))
        _add_labs(live, ["nach dem Kopieren"])    # the old database stays usable until the restart
    finally:
        live.dispose()
    assert result.restart_needed
    assert _lab_names(target / "quartierslabor.sqlite3") == sorted(f"Labor {i}" for i in range(25))
    assert (target / "backups" / "quartierslabor-20260101-auto.sqlite3").read_bytes() == b"alt"
    assert (target / "logs" / "quartierslabor.log").read_text(encoding="utf-8") == "Start\n"
    assert json.loads((target / "settings.json").read_text(encoding="utf-8"))["language"] == "en"
    assert progress and progress[-1][0] == 1.0
    # nothing deleted in the old folder
    assert "nach dem Kopieren" in _lab_names(default_dir / "quartierslabor.sqlite3")
    assert (default_dir / "backups" / "quartierslabor-20260101-auto.sqlite3").exists()
    assert result.plan.current == default_dir and result.plan.database == default_dir / "quartierslabor.sqlite3"
    # the pointer is written last and followed from now on
    pointer = json.loads((default_dir / paths.POINTER_FILE).read_text(encoding="utf-8"))
    assert pointer[paths.POINTER_KEY] == str(target)
    assert not list(default_dir.glob("*.tmp*")) and not list(target.glob("*.tmp*"))
    assert sorted(p.name for p in target.iterdir()) == ["backups", "logs", "quartierslabor.sqlite3", "settings.json"]
    assert paths.user_data_dir() == target
    reopened = open_database()
    try:
        with reopened.session() as s:
            assert s.query(Lab).count() == 25
    finally:
        reopened.dispose()


def test_existing_database_in_target_is_used_not_overwritten(default_dir, tmp_path):
    current = open_database(paths.default_database_path())
    _add_labs(current, ["Hier"])
    current.dispose()
    set_machine_setting("language", "en")
    other = tmp_path / "vorhandener-datenordner"
    existing = open_database(other / "quartierslabor.sqlite3")
    _add_labs(existing, ["Dort 1", "Dort 2"])
    existing.dispose()
    (other / "backups").mkdir()
    (default_dir / "backups").mkdir(exist_ok=True)
    (default_dir / "backups" / "quartierslabor-20260101-auto.sqlite3").write_bytes(b"fremd")

    plan = data_location.plan_data_folder_change(other)
    assert plan.existing_database == other / "quartierslabor.sqlite3"
    assert plan.database is None and plan.restart_needed
    result = data_location.move_data_folder(other, copy_existing=True)
    assert _lab_names(other / "quartierslabor.sqlite3") == ["Dort 1", "Dort 2"]
    assert not (other / "backups" / "quartierslabor-20260101-auto.sqlite3").exists()   # backups of another database
    assert (other / "settings.json").exists()          # missing preferences are taken along
    assert [p.name for p in result.copied] == ["settings.json"]
    assert paths.user_data_dir() == other


def test_unwritable_target_is_refused_and_nothing_changes(default_dir, tmp_path, monkeypatch):
    open_database(paths.default_database_path()).dispose()
    blocker = tmp_path / "eine-datei"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="kann nicht angelegt werden"):
        data_location.move_data_folder(blocker / "Quartierslabor")
    # a write-protected medium (simulated: even root cannot write a locked stick)
    locked = tmp_path / "schreibgeschuetzt"
    locked.mkdir()
    real_mkstemp = data_location.tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == locked:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(data_location.tempfile, "mkstemp", refuse)
    with pytest.raises(UserError) as info:
        data_location.move_data_folder(locked)
    assert f"In den Ordner „{locked}“ kann nicht geschrieben werden" in str(info.value)
    assert not (default_dir / paths.POINTER_FILE).exists()
    assert list(locked.iterdir()) == []
    assert paths.user_data_dir() == default_dir


def test_failed_copy_leaves_nothing_behind(default_dir, tmp_path, monkeypatch):
    live = open_database(paths.default_database_path())
    _add_labs(live, ["Eins"])
    live.dispose()
    (default_dir / "logs").mkdir(exist_ok=True)
    (default_dir / "logs" / "quartierslabor.log").write_text("x", encoding="utf-8")
    target = tmp_path / "neu" / "Daten"

    def broken_copy(src, dst, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(data_location.shutil, "copy2", broken_copy)
    with pytest.raises(UserError, match="No space left on device"):
        data_location.move_data_folder(target)
    assert not (tmp_path / "neu").exists()
    assert not (default_dir / paths.POINTER_FILE).exists()


def test_cancelled_move_changes_nothing(default_dir, tmp_path):
    open_database(paths.default_database_path()).dispose()
    token = CancelToken()
    target = tmp_path / "abgebrochen"

    def progress(fraction, message):
        if "kopiert" in message:
            token.cancel()

    with pytest.raises(Cancelled):
        data_location.move_data_folder(target, progress_callback=progress, cancel=token)
    assert not target.exists()
    assert not (default_dir / paths.POINTER_FILE).exists()


def test_folder_inside_current_is_refused(default_dir):
    paths.user_data_dir()
    with pytest.raises(UserError, match="innerhalb des bisherigen Datenordners"):
        data_location.move_data_folder(default_dir / "unterordner")
    assert not (default_dir / "unterordner").exists()


def test_without_copy_only_preferences_move(default_dir, tmp_path):
    open_database(paths.default_database_path()).dispose()
    set_machine_setting("language", "en")
    target = tmp_path / "leer"
    result = data_location.move_data_folder(target, copy_existing=False)
    assert not (target / "quartierslabor.sqlite3").exists()
    assert [p.name for p in result.copied] == ["settings.json"]
    assert paths.user_data_dir() == target
    assert load_machine_settings()["language"] == "en"


def test_back_to_default_removes_pointer(default_dir, tmp_path):
    chosen = tmp_path / "gewaehlt"
    chosen.mkdir()
    _write_pointer(default_dir, chosen)
    db = open_database(paths.default_database_path())
    assert db.sqlite_path == chosen / "quartierslabor.sqlite3"
    _add_labs(db, ["Im gewählten Ordner"])
    db.dispose()
    result = data_location.use_default_data_folder()
    assert result.restart_needed
    assert not (default_dir / paths.POINTER_FILE).exists()
    assert _lab_names(default_dir / "quartierslabor.sqlite3") == ["Im gewählten Ordner"]
    assert paths.user_data_dir() == default_dir


def test_back_to_default_while_chosen_folder_is_missing(default_dir, tmp_path):
    _write_pointer(default_dir, tmp_path / "fehlt")
    assert data_location.data_folder_problem() is not None
    plan = data_location.plan_data_folder_change(default_dir)
    assert not plan.unchanged and not plan.restart_needed
    result = data_location.use_default_data_folder()
    assert not result.restart_needed
    assert not (default_dir / paths.POINTER_FILE).exists()
    assert data_location.data_folder_problem() is None


def test_folder_choice_uses_a_subfolder_for_busy_folders(default_dir, tmp_path):
    paths.user_data_dir()
    empty = tmp_path / "leer"
    empty.mkdir()
    assert data_location.data_folder_for_choice(empty) == empty
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "Urlaub.jpg").write_bytes(b"jpg")
    assert data_location.data_folder_for_choice(stick) == stick / "Quartierslabor"
    old_data = tmp_path / "alter-datenordner"
    old_data.mkdir()
    (old_data / "Notiz.txt").write_text("x", encoding="utf-8")
    open_database(old_data / "quartierslabor.sqlite3").dispose()
    assert data_location.data_folder_for_choice(old_data) == old_data
    assert data_location.data_folder_for_choice(default_dir) == default_dir


def test_isolation_keeps_the_real_platform_folder_untouched(isolated_data_dir):
    # with QUARTIERSLABOR_DATA_DIR set (every test), the platform folder and its pointer are never used
    assert paths.user_data_dir() == isolated_data_dir
    assert paths.data_folder_state().source == paths.SOURCE_ENV
    assert data_location.data_folder_problem() is None
    assert os.environ[paths.DATA_DIR_ENV] == str(isolated_data_dir)


def test_main_window_warns_once_at_start_when_the_chosen_folder_is_missing(qtbot, default_dir, tmp_path,
                                                                         monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from quartierslabor_app.qt.main_window import MainWindow, schedule_first_start_offer

    warnings, questions = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: questions.append(a[1]) or QMessageBox.StandardButton.No)
    database = open_database(f"sqlite:///{tmp_path / 'labor.sqlite3'}")
    try:
        window = MainWindow(database)
        qtbot.addWidget(window)
        assert window.warn_data_folder_problem() is False        # default folder: nothing to say
        assert warnings == []
        stick = tmp_path / "usb-stick" / "Quartierslabor"
        _write_pointer(default_dir, stick)
        schedule_first_start_offer(window)
        qtbot.waitUntil(lambda: len(questions) == 1)            # the demo offer still follows
        assert len(warnings) == 1 and f"„{stick}“ ist nicht erreichbar" in warnings[0]
    finally:
        database.dispose()
