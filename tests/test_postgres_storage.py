"""Storage on both backends: the same app against SQLite and a real PostgreSQL server."""
from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from quartierslabor_app.core import labs
from quartierslabor_app.core.errors import DatabaseError, UserError
from quartierslabor_app.core.settings_store import DATABASE_URL_KEY, set_machine_setting
from quartierslabor_app.core.storage.database import head_revision, open_database, resolve_url
from quartierslabor_app.core.storage.models import Base, Card, Cluster, Lab, Setting

import pg_server as pg_server_module

EXPECTED_TABLES = {"labs", "draws", "invitees", "clusters", "cards", "learning_examples", "recommendations",
                   "participation_aggregates", "settings", "alembic_version"}


def test_migrations_reach_head_on_postgresql(fresh_pg_url):
    database = open_database(fresh_pg_url)
    try:
        assert database.engine.dialect.name == "postgresql"
        assert database.current_revision() == head_revision()
        assert set(inspect(database.engine).get_table_names()) == EXPECTED_TABLES
        # the migrated schema is exactly what the models describe
        with database.engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                     Base.metadata)
        assert diffs == []
    finally:
        database.dispose()
    again = open_database(fresh_pg_url)  # reopening an up-to-date database changes nothing
    try:
        assert again.current_revision() == head_revision()
    finally:
        again.dispose()


def test_plain_postgresql_url_gets_the_bundled_driver(fresh_pg_url):
    plain = fresh_pg_url.replace("postgresql+psycopg://", "postgresql://")
    assert resolve_url(plain) == fresh_pg_url
    database = open_database(plain)
    try:
        assert database.engine.dialect.driver == "psycopg"
        assert database.current_revision() == head_revision()
    finally:
        database.dispose()


def test_database_url_from_environment_and_settings(fresh_pg_url, tmp_path, monkeypatch):
    assert resolve_url(None).startswith("sqlite:///")
    set_machine_setting(DATABASE_URL_KEY, fresh_pg_url)
    assert resolve_url(None) == fresh_pg_url
    monkeypatch.setenv("QUARTIERSLABOR_DATABASE_URL", "sqlite:///" + str(tmp_path / "env.sqlite3"))
    assert resolve_url(None) == "sqlite:///" + str(tmp_path / "env.sqlite3")  # environment wins
    monkeypatch.delenv("QUARTIERSLABOR_DATABASE_URL")
    database = open_database()
    try:
        assert database.engine.dialect.name == "postgresql"
        with database.session() as s:
            labs.create_lab(s, "Über Einstellungen", "Hörde")
    finally:
        database.dispose()


def test_unreachable_server_gives_german_error():
    url = f"postgresql+psycopg://postgres@127.0.0.1:{pg_server_module.free_port()}/nirgends"
    with pytest.raises(DatabaseError) as info:
        open_database(url)
    assert "Datenbank kann nicht geöffnet werden" in str(info.value)


def test_lab_crud(any_db):
    with any_db.session() as s:
        labs.create_lab(s, "Eving 2026", "Eving", labs.parse_date("2026-03-14"), venue="Bürgerhaus",
                        capacity=40)
        labs.create_lab(s, "Hörde Süd", "Hörde")
    with any_db.session() as s:
        with pytest.raises(UserError):
            labs.create_lab(s, "Eving 2026", "Eving")
    with any_db.session() as s:
        lab = labs.get_lab(s, "Eving 2026")
        assert (lab.district, lab.capacity, lab.venue, lab.date.isoformat()) == (
            "Eving", 40, "Bürgerhaus", "2026-03-14")
        labs.rename_lab(s, lab, "Eving Frühjahr 2026")
    with any_db.session() as s:
        assert [lab.name for lab in labs.list_labs(s)] == ["Eving Frühjahr 2026", "Hörde Süd"]
        assert [lab.name for lab in labs.list_labs(s, "Hörde")] == ["Hörde Süd"]
        labs.delete_lab(s, labs.get_lab(s, "Hörde Süd"))
    with any_db.session() as s:
        assert s.scalar(select(Lab.name)) == "Eving Frühjahr 2026"
        s.add(Setting(key="retention_months", value="3"))
    with any_db.session() as s:
        assert s.get(Setting, "retention_months").value == "3"


def test_cards_and_clusters(any_db):
    with any_db.session() as s:
        lab = labs.create_lab(s, "Scharnhorst", "Scharnhorst")
        noise = Cluster(lab=lab, key="laerm", name="Lärm", color="#aa3333", position=0,
                        handlungsfeld_codes="2.3;1.2.3")
        dirt = Cluster(lab=lab, key="muell", name="Müll", position=1)
        s.add_all([noise, dirt])
        s.add(Card(lab=lab, cluster=noise, text="Krach nachts am Kiosk – „immer“ ab 23 Uhr",
                   place="Kiosk Ecke Gleiwitzstraße", score=0.75, pos_x=10.5, pos_y=-3.25, pinned=True))
        s.add(Card(lab=lab, cluster=dirt, text="Sperrmüll an der Haltestelle", votes=3))
        s.add(Card(lab=lab, text="Noch nicht zugeordnet"))
    with any_db.session() as s:
        lab = labs.get_lab(s, "Scharnhorst")
        assert [c.name for c in lab.clusters] == ["Lärm", "Müll"]
        cards = {c.text: c for c in lab.cards}
        first = cards["Krach nachts am Kiosk – „immer“ ab 23 Uhr"]
        assert (first.cluster.key, first.score, first.pos_x, first.pos_y, first.pinned) == (
            "laerm", 0.75, 10.5, -3.25, True)
        assert cards["Noch nicht zugeordnet"].cluster is None
        # move a card, then delete a cluster: its cards stay, unassigned
        cards["Sperrmüll an der Haltestelle"].cluster = lab.clusters[0]
    with any_db.session() as s:
        lab = labs.get_lab(s, "Scharnhorst")
        assert sorted(c.text for c in lab.clusters[0].cards) == [
            "Krach nachts am Kiosk – „immer“ ab 23 Uhr", "Sperrmüll an der Haltestelle"]
        s.delete(lab.clusters[0])
    with any_db.session() as s:
        lab = labs.get_lab(s, "Scharnhorst")
        assert [c.key for c in lab.clusters] == ["muell"]
        assert len(lab.cards) == 3 and all(c.cluster_id is None for c in lab.cards)
    with pytest.raises(IntegrityError):  # one key per lab, enforced by the database
        with any_db.session() as s:
            lab = labs.get_lab(s, "Scharnhorst")
            s.add(Cluster(lab=lab, key="muell", name="Noch einmal Müll"))
    with any_db.session() as s:
        labs.delete_lab(s, labs.get_lab(s, "Scharnhorst"))
    with any_db.session() as s:
        assert s.query(Card).count() == 0 and s.query(Cluster).count() == 0


def test_two_instances_editing_one_lab_lose_no_cards(any_db_url):
    """Two app instances (two engines, two threads) add cards to the same lab at the same time."""
    first = open_database(any_db_url)
    second = open_database(any_db_url)
    per_instance = 25
    try:
        with first.session() as s:
            lab_id = labs.create_lab(s, "Gemeinsames Labor", "Huckarde").id
        # the second instance has the board open (its own session with the lab loaded)
        board_session = second.session_factory()
        try:
            lab_in_second = board_session.get(Lab, lab_id)
            assert lab_in_second.cards == []

            barrier = threading.Barrier(2)
            errors: list[BaseException] = []

            def add_cards(database, prefix: str) -> None:
                try:
                    barrier.wait(timeout=30)
                    for i in range(per_instance):
                        with database.session() as s:
                            s.add(Card(lab_id=lab_id, text=f"{prefix} Anliegen {i}"))
                except BaseException as exc:  # reported below
                    errors.append(exc)

            threads = [threading.Thread(target=add_cards, args=(first, "Erste")),
                       threading.Thread(target=add_cards, args=(second, "Zweite"))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
            assert not errors, errors
            assert not any(t.is_alive() for t in threads)

            board_session.refresh(lab_in_second)  # "Aktualisieren" on the board
            texts = {c.text for c in lab_in_second.cards}
        finally:
            board_session.close()
        expected = {f"{p} Anliegen {i}" for p in ("Erste", "Zweite") for i in range(per_instance)}
        assert texts == expected
        with first.session() as s:
            assert {c.text for c in s.get(Lab, lab_id).cards} == expected
        # an edit in one instance is seen by the other after a refresh
        with first.session() as s:
            card = s.scalar(select(Card).where(Card.text == "Zweite Anliegen 3"))
            card.text = "Zweite Anliegen 3 (ergänzt)"
        with second.session() as s:
            assert s.scalar(select(Card.text).where(Card.text.like("Zweite Anliegen 3%"))) == \
                "Zweite Anliegen 3 (ergänzt)"
    finally:
        first.dispose()
        second.dispose()


def test_machine_settings_file_is_written_atomically_and_survives_garbage():
    from quartierslabor_app.core import settings_store

    path = settings_store.machine_settings_path()
    path.write_text("{ kaputt", encoding="utf-8")
    assert settings_store.load_machine_settings() == {}  # unreadable file: defaults, no crash
    assert resolve_url(None).startswith("sqlite:///")
    settings_store.set_machine_setting("language", "en")
    settings_store.set_machine_setting(DATABASE_URL_KEY, "  postgres://stadt@db.example/quartier  ")
    assert settings_store.load_machine_settings() == {
        "language": "en", DATABASE_URL_KEY: "  postgres://stadt@db.example/quartier  "}
    assert resolve_url(None) == "postgresql+psycopg://stadt@db.example/quartier"
    settings_store.set_machine_setting(DATABASE_URL_KEY, None)
    assert settings_store.configured_database_url() is None
    assert not path.with_name(path.name + ".tmp").exists()
