"""Every released schema version has a fixture database; each must migrate to head keeping its data.

When a migration is added, keep the old fixture and add one made with the new schema
(``tests/data/schemas/schema_<revision>.sqlite3``).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quartierslabor_app.core.storage import database as dbmod
from quartierslabor_app.core.storage.models import Card, Lab, Recommendation

SCHEMA_FIXTURES = sorted((Path(__file__).parent / "data" / "schemas").glob("schema_*.sqlite3"))

pytestmark = pytest.mark.real_migrations  # these tests are about the migration itself


def test_there_is_a_fixture_for_every_revision():
    from alembic.script import ScriptDirectory

    revisions = {rev.revision for rev in ScriptDirectory.from_config(dbmod.alembic_config()).walk_revisions()}
    fixtures = {path.stem.removeprefix("schema_") for path in SCHEMA_FIXTURES}
    assert fixtures == revisions


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES, ids=lambda p: p.stem)
def test_old_database_migrates_to_head_with_its_data(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    backups = tmp_path / "backups"
    database = dbmod.open_database(path, backup_target_dir=backups)
    try:
        assert database.current_revision() == dbmod.head_revision()
        with database.session() as s:
            lab = s.query(Lab).one()
            assert lab.name == "Fixture Eving 2026"
            assert [c.text for c in s.query(Card)] == ["Krach nachts am Kiosk"]
            assert s.query(Recommendation).one().actor == "Ordnungsamt"
    finally:
        database.dispose()
    revision = fixture.stem.removeprefix("schema_")
    if revision != dbmod.head_revision():
        assert len(list(backups.glob("*.sqlite3"))) == 1, "an old database must be backed up before migrating"


def _alembic(conn, action: str, revision: str) -> None:
    from alembic import command

    cfg = dbmod.alembic_config()
    cfg.attributes["connection"] = conn
    getattr(command, action)(cfg, revision)


#: created_at of the rows written at an old revision
OLD_TIME = "2026-06-01 10:00:00"


def _lab_at(conn, revision: str) -> None:
    """Migrate an empty database to ``revision`` and add lab 1 there."""
    from sqlalchemy import text

    _alembic(conn, "upgrade", revision)
    conn.execute(text("INSERT INTO labs (id, name, district, venue, capacity, notes, taxonomy_json, "
                      "created_at, updated_at) VALUES (1, 'Alt', 'Nord', '', 0, '', '', :t, :t)"), {"t": OLD_TIME})


def test_0003_adds_reason_data_and_older_cards_keep_their_german_reason(any_db_url):
    """On SQLite and PostgreSQL: a card saved before 0003 keeps its German reason (no data: NULL) and still shows
    it, readable in the UI language; new cards store both; the downgrade drops the column again."""
    from sqlalchemy import create_engine, inspect, text

    from quartierslabor_app.core.card_reasons import card_reason_message

    now = OLD_TIME
    engine = create_engine(any_db_url)
    try:
        with engine.begin() as conn:
            _lab_at(conn, "0002")
            conn.execute(text("INSERT INTO cards (id, lab_id, text, place, table_tag, reason, score, assigned_by, "
                              "pinned, votes, deleted, created_at, updated_at) VALUES (1, 1, 'Krach nachts', '', '', "
                              "'Lärm — von Hand zugeordnet', 1.0, 'user', false, 0, false, :t, :t)"), {"t": now})
            _alembic(conn, "upgrade", "head")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT reason, reason_data FROM cards")).one() == \
                ("Lärm — von Hand zugeordnet", None)
        message = card_reason_message("Lärm — von Hand zugeordnet", None)
        assert str(message) == "Lärm – von Hand zugeordnet" and message.context == "CardReason"
        with engine.begin() as conn:
            _alembic(conn, "downgrade", "0002")
        assert "reason_data" not in {c["name"] for c in inspect(engine).get_columns("cards")}
        with engine.connect() as conn:
            assert conn.execute(text("SELECT reason FROM cards")).scalar_one() == "Lärm — von Hand zugeordnet"
    finally:
        engine.dispose()


def test_0005_fills_the_confirmations_a_rebuild_derived_before(any_db_url):
    """On SQLite and PostgreSQL: cards saved before 0005 get ``confirmed_key`` as the rebuild derived it (every
    automatically placed card but the lab's newest in its topic; a card moved by hand after the next card had
    come in the topic it was moved out of); deleted and other cards stay unconfirmed; the downgrade drops it."""
    from sqlalchemy import create_engine, inspect, text

    now = OLD_TIME
    engine = create_engine(any_db_url)
    try:
        with engine.begin() as conn:
            _lab_at(conn, "0004")
            for cid, key in ((1, "laerm"), (2, "eigene-bänke")):
                conn.execute(text("INSERT INTO clusters (id, lab_id, key, name, color, position, "
                                  "handlungsfeld_codes, origin, votes, created_at) VALUES (:id, 1, :key, :key, '#cccccc', "
                                  ":id, '', 'taxonomy', 0, :t)"), {"id": cid, "key": key, "t": now})
            cards = [(1, 1, "auto", False), (2, 2, "user", False), (3, 1, "auto", True), (4, 2, "user", False),
                     (5, 1, "auto", False)]
            for cid, cluster, by, deleted in cards:
                conn.execute(text("INSERT INTO cards (id, lab_id, cluster_id, text, place, table_tag, reason, score, "
                                  "assigned_by, pinned, votes, deleted, created_at, updated_at) VALUES (:id, 1, "
                                  ":cl, :tx, '', '', '', 1.0, :by, false, 0, :del, :t, :t)"),
                             {"id": cid, "cl": cluster, "tx": f"Karte {cid}", "by": by, "del": deleted, "t": now})
            # card 2 moved out of "laerm" after card 3 had come (it was confirmed first); card 4 at once (not)
            for eid, card, after in ((1, 2, 3), (2, 4, 4)):
                conn.execute(text("INSERT INTO learning_examples (id, lab_id, scope, text, cluster_key, "
                                  "cluster_name, moved_from, card_id, after_card_id, created_at) VALUES (:id, 1, "
                                  "'lab', :tx, 'eigene-bänke', 'Bänke', 'laerm', :card, :after, :t)"),
                             {"id": eid, "tx": f"Karte {card}", "card": card, "after": after, "t": now})
            _alembic(conn, "upgrade", "head")
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, confirmed_key FROM cards ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, "laerm"), (2, "laerm"), (3, None), (4, None), (5, None)]
        with engine.begin() as conn:
            _alembic(conn, "downgrade", "0004")
        assert "confirmed_key" not in {c["name"] for c in inspect(engine).get_columns("cards")}
    finally:
        engine.dispose()
