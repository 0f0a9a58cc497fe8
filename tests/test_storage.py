"""Database: creation, migration with backup, corrupt files, lab service."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from quartierslabor_app.core import labs
from quartierslabor_app.core.errors import DatabaseError, UserError
from quartierslabor_app.core.storage import database as dbmod
from quartierslabor_app.core.storage.models import Card, Cluster, Lab

pytestmark = pytest.mark.real_migrations  # these tests are about the migration itself


def test_new_database_is_at_head_and_uses_wal(db):
    assert db.current_revision() == dbmod.head_revision()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_lab_crud(db):
    with db.session() as s:
        labs.create_lab(s, "Eving 2026", "Eving", dt.date(2026, 3, 14), venue="Bürgerhaus", capacity=40)
    with db.session() as s:
        with pytest.raises(UserError, match="gibt es schon"):
            labs.create_lab(s, "Eving 2026", "Eving")
    with db.session() as s:
        lab = labs.get_lab(s, "Eving 2026")
        assert (lab.district, lab.capacity, lab.venue) == ("Eving", 40, "Bürgerhaus")
        labs.rename_lab(s, lab, "Eving Frühjahr 2026")
    with db.session() as s:
        lab = labs.get_lab(s, "Eving Frühjahr 2026")
        cl = Cluster(lab=lab, key="laerm", name="Lärm")
        s.add(Card(lab=lab, cluster=cl, text="Krach nachts"))
    with db.session() as s:
        labs.delete_lab(s, labs.get_lab(s, "Eving Frühjahr 2026"))
    with db.session() as s:
        assert s.query(Lab).count() == 0
        assert s.query(Card).count() == 0
        assert s.query(Cluster).count() == 0


def test_parse_date_refuses_nonsense():
    assert labs.parse_date("14.03.2026") == dt.date(2026, 3, 14)
    with pytest.raises(UserError, match="kein gültiges Datum"):
        labs.parse_date("2026-02-30")


def test_garbage_file_is_refused_with_german_message(tmp_path):
    path = tmp_path / "kaputt.sqlite3"
    path.write_bytes(b"\x00\x01binary junk" * 100)
    with pytest.raises(DatabaseError, match="keine Quartierslabor-Datenbank"):
        dbmod.open_database(path)
    assert path.read_bytes().startswith(b"\x00\x01binary junk")  # untouched


def test_truncated_database_is_refused(tmp_path):
    path = tmp_path / "trunc.sqlite3"
    database = dbmod.open_database(path)
    with database.session() as s:
        for i in range(200):
            s.add(Lab(name=f"Lab {i}", district="Eving", notes="x" * 500))
    database.dispose()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(DatabaseError):
        dbmod.open_database(path)


def test_old_schema_is_backed_up_then_migrated(tmp_path, monkeypatch):
    """A database at an older revision is copied to backups/ before migrating."""
    path = tmp_path / "old.sqlite3"
    head = dbmod.head_revision()
    if head != "0001":
        # a file written by the first release (tests/data/schemas holds one per revision)
        shutil.copy(Path(__file__).parent / "data" / "schemas" / "schema_0001.sqlite3", path)
    else:
        database = dbmod.open_database(path)
        with database.session() as s:
            s.add(Lab(name="Alt", district="Hörde"))
        database.dispose()
    if head == "0001":
        # only one revision so far: simulate an unknown *newer* schema instead
        con = sqlite3.connect(path)
        con.execute("UPDATE alembic_version SET version_num = 'ffff'")
        con.commit()
        con.close()
        with pytest.raises(DatabaseError, match="neueren Version"):
            dbmod.open_database(path)
        return
    backups = tmp_path / "backups"
    reopened = dbmod.open_database(path, backup_target_dir=backups)
    assert reopened.current_revision() == head
    assert len(list(backups.glob("*.sqlite3"))) == 1


def test_backup_and_restore_roundtrip(tmp_path):
    path = tmp_path / "live.sqlite3"
    database = dbmod.open_database(path)
    with database.session() as s:
        s.add(Lab(name="Gesichert", district="Brackel"))
    backup = dbmod.backup_sqlite(path, target_dir=tmp_path / "bk")
    database.dispose()
    path.write_bytes(b"junk")
    with pytest.raises(DatabaseError):
        dbmod.open_database(path)
    dbmod.restore_backup(backup, path)
    restored = dbmod.open_database(path)
    with restored.session() as s:
        assert [lab.name for lab in s.query(Lab)] == ["Gesichert"]
    assert list(tmp_path.glob("live.sqlite3.*.defekt"))


def test_backup_retention_keeps_newest(tmp_path):
    path = tmp_path / "r.sqlite3"
    dbmod.open_database(path).dispose()
    for _ in range(5):
        dbmod.backup_sqlite(path, target_dir=tmp_path / "bk", keep=3)
    assert len(dbmod.list_backups(path, tmp_path / "bk")) == 3


def test_schema_head_constant_matches_alembic():
    """open_database skips importing Alembic when the file is at SCHEMA_HEAD; it must be the real head."""
    assert dbmod.SCHEMA_HEAD == dbmod.head_revision()
