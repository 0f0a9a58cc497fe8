"""On POSIX the data folder is 0700 and every file that can hold personal data 0600, whatever the umask."""
from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from quartierslabor_app.core.crashlog import install_file_logging
from quartierslabor_app.core.paths import backup_dir, log_dir, user_data_dir
from quartierslabor_app.core.settings_store import save_machine_settings
from quartierslabor_app.core.storage.database import backup_sqlite, open_database, restore_backup
from quartierslabor_app.core.storage.models import Lab

def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    previous = os.umask(0o022)     # the usual default: new files 0644, folders 0755
    yield
    os.umask(previous)


def test_data_folder_database_backups_logs_are_private(isolated_data_dir: Path, open_umask, monkeypatch) -> None:
    folder = isolated_data_dir / "neu"
    monkeypatch.setenv("QUARTIERSLABOR_DATA_DIR", str(folder))
    assert _mode(user_data_dir()) == 0o700
    assert _mode(backup_dir()) == 0o700 and _mode(log_dir()) == 0o700
    db_path = folder / "quartierslabor.sqlite3"
    db = open_database(db_path)
    with db.session() as s:
        s.add(Lab(name="Eving", district="Eving"))
    wal = db_path.with_name(db_path.name + "-wal")
    shm = db_path.with_name(db_path.name + "-shm")
    assert wal.exists() and shm.exists()
    assert {_mode(p) for p in (db_path, wal, shm)} == {0o600}
    backup = backup_sqlite(db_path, reason="test")
    db.dispose()
    assert _mode(backup) == 0o600
    restore_backup(backup, db_path)
    defekt = next(folder.glob("quartierslabor.sqlite3.*.defekt"))
    assert _mode(defekt) == 0o600 and _mode(db_path) == 0o600
    log = install_file_logging()
    try:
        logging.getLogger("test").warning("eine Zeile")
        assert _mode(log) == 0o600
    finally:
        for handler in [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(log)]:
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert _mode(save_machine_settings({"x": 1})) == 0o600


def test_existing_world_readable_database_is_tightened(tmp_path: Path, open_umask) -> None:
    path = tmp_path / "alt.sqlite3"
    open_database(path).dispose()
    os.chmod(path, 0o644)
    open_database(path).dispose()
    assert _mode(path) == 0o600
