"""Retention also cleans personal data outside the live database: .defekt copies, earlier data folders,
logs and leftover temporary files."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from pathlib import Path

from test_retention import PEOPLE, _add_lab_with_invitees, _file_bytes, _personal_strings

from quartierslabor_app.cli.main import main
from quartierslabor_app.core.crashlog import install_file_logging
from quartierslabor_app.core.data_location import move_data_folder
from quartierslabor_app.core.storage.database import backup_sqlite, open_database, restore_backup

TODAY = "2026-04-10"


def _leftovers(path: Path) -> list[str]:
    raw = _file_bytes(path)
    return [s.decode() for s in _personal_strings() if s in raw]


def _database_with_people(path: Path) -> None:
    database = open_database(path)
    with database.session() as s:
        _add_lab_with_invitees(s, "Eving Januar", dt.date(2026, 1, 10), PEOPLE)
    database.dispose()


def test_defekt_copy_after_a_restore_is_cleaned(tmp_path: Path, capsys) -> None:
    """The probe's case: restore a backup (the old file stays as .defekt), then retention runs."""
    path = tmp_path / "stadt.sqlite3"
    _database_with_people(path)
    restore_backup(backup_sqlite(path, reason="test"), path)
    defekt = next(tmp_path.glob("stadt.sqlite3.*.defekt"))
    assert _leftovers(defekt)                             # the check can fail: the names are in the copy
    assert main(["retention", "--db", str(path), "--today", TODAY, "--apply"]) == 0
    assert "weitere Kopie" in capsys.readouterr().out
    assert _leftovers(path) == [] and _leftovers(defekt) == []


def test_defekt_copy_appearing_after_the_deletion_is_cleaned_on_the_next_run(tmp_path: Path, capsys) -> None:
    path = tmp_path / "stadt.sqlite3"
    _database_with_people(path)
    copy = path.with_name(path.name + ".defekt2")          # the GUI's "start with a new database" name
    copy.write_bytes(path.read_bytes())
    main(["retention", "--db", str(path), "--today", TODAY, "--apply"])
    late = path.with_name(path.name + ".20260301-101010.defekt")
    backup = backup_sqlite(path, reason="x")
    assert backup is not None
    late.write_bytes(b"kaputt" + b"Quappendorfer" * 10)  # a damaged copy that cannot be opened any more
    Path(str(late) + "-wal").write_bytes(b"Quappendorfer")
    capsys.readouterr()
    assert main(["retention", "--db", str(path), "--today", TODAY, "--apply"]) == 0
    assert _leftovers(copy) == []
    assert not late.exists() and not Path(str(late) + "-wal").exists()


def test_logs_and_stale_temp_files_are_cleaned(tmp_path: Path, isolated_data_dir: Path, capsys) -> None:
    path = tmp_path / "stadt.sqlite3"
    _database_with_people(path)
    log = install_file_logging()
    try:
        logging.getLogger("quartierslabor.test").error("Fehler bei Quappendorfer, Zwetschgenallee 17")
        rotated = log.with_name(log.name + ".1")
        rotated.write_text("Wilhelmine Quappendorfer", encoding="utf-8")
        stale = isolated_data_dir / "settings.json.tmp"
        stale.write_text('{"name": "Quappendorfer"}', encoding="utf-8")
        old = time.time() - 2 * 3600
        os.utime(stale, (old, old))
        fresh = isolated_data_dir / ".~qlabcdefgh.csv"      # a write in progress: left alone
        fresh.write_text("x", encoding="utf-8")
        assert main(["retention", "--db", str(path), "--today", TODAY, "--apply"]) == 0
        assert b"Quappendorfer" not in log.read_bytes()
        assert not rotated.exists() and not stale.exists() and fresh.exists()
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "baseFilename", None) == str(log)]:
            root.removeHandler(handler)
            handler.close()


def test_database_left_in_the_earlier_data_folder_is_cleaned(tmp_path: Path, monkeypatch, capsys) -> None:
    """After a move of the data folder the old folder keeps a full copy; retention cleans it as well."""
    monkeypatch.delenv("QUARTIERSLABOR_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    from quartierslabor_app.core.paths import default_database_path, platform_data_dir

    old_db = default_database_path()
    _database_with_people(old_db)
    backup = backup_sqlite(old_db, reason="vor-umzug")
    move_data_folder(tmp_path / "stick")
    new_db = default_database_path()
    assert new_db.parent != platform_data_dir() and new_db.exists()
    assert json.loads((platform_data_dir() / "datenordner.json").read_text(encoding="utf-8"))["data_folder"]
    assert _leftovers(old_db)
    assert main(["retention", "--today", TODAY, "--apply"]) == 0
    assert _leftovers(new_db) == [] and _leftovers(old_db) == [] and _leftovers(backup) == []
