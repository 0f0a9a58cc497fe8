"""Rolling workshop backups: only after activity, at most every interval, newest N kept."""
from __future__ import annotations

import sqlite3

from quartierslabor_app.core.board import BoardService
from quartierslabor_app.core.board.backup_policy import BackupPolicy
from quartierslabor_app.core.labs import create_lab


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_backup_only_after_activity_and_interval(db, tmp_path):
    clock = FakeClock()
    policy = BackupPolicy(db, interval_s=300, keep=2, target_dir=tmp_path / "b", clock=clock)
    with db.session() as session:
        lab_id = create_lab(session, "Eving", "Eving").id
    service = BoardService(db, lab_id)
    clock.now += 1000
    assert policy.tick() is None                 # no activity: no backup
    service.add_card("Laute Musik nachts")
    policy.note_activity()
    first = policy.tick()
    assert first is not None and first.exists()
    service.add_card("Hundekot im Park")
    policy.note_activity()
    clock.now += 299
    assert policy.tick() is None                 # too soon
    clock.now += 1
    second = policy.tick()
    assert second is not None
    service.add_card("Falschparker")
    policy.note_activity()
    third = policy.close()                       # closing backs up at once
    assert third is not None and "workshop-ende" in third.name
    assert policy.close() is None                # nothing new since
    kept = sorted((tmp_path / "b").glob("*.sqlite3"))
    assert kept == sorted([second, third])
    con = sqlite3.connect(str(third))
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM cards").fetchone()[0] == 3
    finally:
        con.close()
