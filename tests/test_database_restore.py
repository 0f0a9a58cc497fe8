"""A 0-byte database with backups is damaged, not new; ``quartierslabor db backups|restore``; the GUI offers the backup."""
from __future__ import annotations

from pathlib import Path

import pytest

from quartierslabor_app.cli.main import main
from quartierslabor_app.core.errors import DatabaseError
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import Lab
from quartierslabor_app.qt import app as app_module

from db_helpers import saved_lab_with_backup


def _cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def emptied(tmp_path: Path) -> tuple[Path, Path]:
    """A database with one lab, backed up, then truncated to 0 bytes (e.g. a crash while the disk was full)."""
    path = tmp_path / "labor.sqlite3"
    backup = saved_lab_with_backup(path)
    path.write_bytes(b"")
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    return path, backup


def test_empty_file_with_backups_is_refused(emptied, capsys) -> None:
    path, _ = emptied
    with pytest.raises(DatabaseError, match="0 Bytes"):
        open_database(path)
    code, out, err = _cli(capsys, "lab", "list", "--db", path)
    assert code == 2 and out == ""
    assert "leer (0 Bytes)" in err and f"quartierslabor db restore --latest --db {path}" in err
    assert path.stat().st_size == 0          # not silently migrated into a new empty database


def test_empty_file_without_backups_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "neu.sqlite3"
    path.write_bytes(b"")
    open_database(path).dispose()
    assert path.stat().st_size > 0


def test_cli_lists_and_restores_the_latest_backup(emptied, capsys) -> None:
    path, backup = emptied
    code, out, _ = _cli(capsys, "db", "backups", "--db", path)
    assert code == 0 and str(backup) in out
    code, out, _ = _cli(capsys, "db", "restore", "--latest", "--db", path)
    assert code == 0 and "Wiederhergestellt" in out
    code, out, _ = _cli(capsys, "lab", "list", "--db", path)
    assert code == 0 and "Gerettet" in out
    assert list(path.parent.glob("labor.sqlite3.*.defekt"))


def test_latest_skips_a_damaged_backup(emptied, capsys) -> None:
    path, good = emptied
    bad = good.with_name(good.name.replace("-test", "-zzz-test"))   # sorts as the newest
    bad.write_bytes(b"kaputt" * 100)
    code, out, _ = _cli(capsys, "db", "restore", "--latest", "--db", path)
    assert code == 0
    assert f"Übersprungen (beschädigt): {bad.name}" in out and str(good) in out


def test_restore_named_backup_and_refusals(emptied, capsys, tmp_path: Path) -> None:
    path, backup = emptied
    code, _, err = _cli(capsys, "db", "restore", "--backup", tmp_path / "gibtsnicht.sqlite3", "--db", path)
    assert code == 2 and "gibt es nicht" in err
    with pytest.raises(SystemExit) as stopped:
        main(["db", "restore", "--db", str(path)])
    assert stopped.value.code == 2 and "--latest" in capsys.readouterr().err
    code, _, _ = _cli(capsys, "db", "restore", "--backup", backup, "--db", path)
    assert code == 0


def test_restore_on_postgresql_is_refused(capsys) -> None:
    code, _, err = _cli(capsys, "db", "backups", "--db", "postgresql://u@localhost/x")
    assert code == 2 and "PostgreSQL" in err


def test_gui_offers_the_newest_backup_for_an_empty_file(emptied) -> None:
    path, backup = emptied
    asked = []

    def choose(error, backups, p):
        asked.append((error, backups))
        return app_module.CHOICE_RESTORE

    restored = app_module.open_database_interactive(str(path), ask=choose)
    assert restored is not None
    assert "0 Bytes" in str(asked[0][0]) and asked[0][1][0] == backup
    with restored.session() as s:
        assert [lab.name for lab in s.query(Lab)] == ["Gerettet"]
    restored.dispose()
