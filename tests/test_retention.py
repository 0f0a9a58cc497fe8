"""DSGVO retention: invitees' personal data is deleted after the period, nothing personal remains."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from quartierslabor_app.cli.main import main
from quartierslabor_app.core import labs, retention
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.storage.database import backup_sqlite, list_backups, open_database
from quartierslabor_app.core.storage.models import DrawRecord, Invitee, Lab, ParticipationAggregate

PROTOCOL_HASH = "ab" * 32

# distinctive strings that cannot occur in the file by chance
PEOPLE = [  # family, given, street, age band, gender, subdistrict, replacement, reply, attended
    ("Quappendorfer", "Wilhelmine", "Zwetschgenallee 17", "18-29", "w", "Eving-Nord", False, "zugesagt", True),
    ("Brzezinskaja", "Ömer", "Holunderstiege 3a", "30-44", "m", "Eving-Nord", False, "zugesagt", False),
    ("Xylanderhaus", "Trudbert", "Quittenweg 222", "65+", "m", "Lindenhorst", False, "abgesagt", False),
    ("Ypsilantiová", "Jördis", "Mispelpfad 9", "45-64", "w", "Lindenhorst", False, "offen", False),
    ("Zaunkönigsen", "Hildegunde", "Speierlingring 40", "18-29", "d", "Kemminghausen", True, "zugesagt", True),
    ("Reservelund", "Ottokar", "Elsbeerenhof 1", "30-44", "m", "Kemminghausen", True, "offen", False),
]
OTHER_LAB_PERSON = ("Langzeitbehaltner", "Kunigunde", "Kornelkirschgasse 5")


def _add_lab_with_invitees(s, name: str, date: dt.date | None, people, *, district="Eving") -> Lab:
    lab = labs.create_lab(s, name, district, date)
    draw = DrawRecord(lab=lab, register_file_name="melderegister.csv", register_sha256="cd" * 32,
                      rows_read=1000, rows_valid=990, rows_eligible=900, seed_text="Lostrommel 1",
                      settings_json="{}", strata_json="[]", software_version="0.1.0",
                      protocol_sha256=PROTOCOL_HASH)
    s.add(draw)
    for order, person in enumerate(people, start=1):
        family, given, street = person[:3]
        age, gender, sub, replacement, reply, attended = (person[3:] if len(person) > 3
                                                          else ("30-44", "w", "Mitte", False, "offen", False))
        s.add(Invitee(lab=lab, draw=draw, draw_order=order, is_replacement=replacement, stratum=f"{age}|{gender}",
                      age_band=age, gender=gender, district=district, subdistrict=sub, family_name=family,
                      given_names=given, street=street, postcode="44339", city="Dortmund",
                      person_key=f"{family}-key-{order:04d}".ljust(64, "0"),
                      register_values_json=json.dumps({"Familienname": family, "Strasse": street}),
                      reply=reply, attended=attended, selected=reply == "zugesagt"))
    s.flush()
    return lab


def test_add_months_clamps_to_month_end():
    assert retention.add_months(dt.date(2026, 1, 10), 3) == dt.date(2026, 4, 10)
    assert retention.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert retention.add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert retention.add_months(dt.date(2026, 5, 31), 1) == dt.date(2026, 6, 30)


def test_retention_dates_and_setting(db):
    with db.session() as s:
        dated = _add_lab_with_invitees(s, "Eving Januar", dt.date(2026, 1, 10), PEOPLE[:2])
        empty = labs.create_lab(s, "Ohne Einladungen", "Hörde", dt.date(2026, 1, 10))
        undated = _add_lab_with_invitees(s, "Ohne Datum", None, PEOPLE[2:3])
        assert retention.retention_months(s) == 3
        assert retention.retention_date(s, dated) == dt.date(2026, 4, 10)
        assert retention.ensure_retention_date(s, dated) == dt.date(2026, 4, 10)
        assert dated.retention_until == dt.date(2026, 4, 10)
        assert retention.ensure_retention_date(s, empty) is None  # no invitees: nothing to keep
        assert retention.ensure_retention_date(s, undated) is None
        draw_day = s.scalar(select(DrawRecord.created_at).where(DrawRecord.lab_id == undated.id)).date()
        assert retention.retention_date(s, undated) == retention.add_months(draw_day, 3)

        retention.set_retention_months(s, 6)
        assert retention.retention_months(s) == 6
        assert retention.retention_date(s, dated) == dt.date(2026, 4, 10)  # stored date wins
        assert retention.ensure_retention_date(s, dated, recompute=True) == dt.date(2026, 7, 10)
        with pytest.raises(UserError, match="zwischen 1 und 120 Monaten"):
            retention.set_retention_months(s, 0)


def test_due_labs_and_reminders(db):
    with db.session() as s:
        _add_lab_with_invitees(s, "Eving Januar", dt.date(2026, 1, 10), PEOPLE[:2])
        _add_lab_with_invitees(s, "Hörde März", dt.date(2026, 3, 1), [OTHER_LAB_PERSON], district="Hörde")
        labs.create_lab(s, "Leer", "Mengede", dt.date(2025, 1, 1))
    with db.session() as s:
        assert retention.labs_due_for_deletion(s, dt.date(2026, 4, 9)) == []
        assert [lab.name for lab in retention.labs_due_for_deletion(s, dt.date(2026, 4, 10))] == ["Eving Januar"]
        assert [lab.name for lab in retention.labs_due_for_deletion(s, dt.date(2026, 6, 1))] == [
            "Eving Januar", "Hörde März"]
        reminders = retention.labs_needing_reminder(s, dt.date(2026, 3, 30), within_days=14)
        assert [(r.lab_name, r.days_left, r.due, r.invitees_with_data) for r in reminders] == [
            ("Eving Januar", 11, False, 2)]
        assert "Eving Januar (Eving): 2 Personen, löschen ab 10.04.2026 – in 11 Tagen" == \
            reminders[0].german_summary()


def test_delete_personal_data_keeps_aggregates_and_audit(any_db):
    with any_db.session() as s:
        lab = _add_lab_with_invitees(s, "Eving Januar", dt.date(2026, 1, 10), PEOPLE)
        other = _add_lab_with_invitees(s, "Hörde März", dt.date(2026, 3, 1), [OTHER_LAB_PERSON], district="Hörde")
        # population figures written with the draw must survive the update
        s.add(ParticipationAggregate(lab=lab, dimension="gender", category="weiblich", population=480))
        s.add(ParticipationAggregate(lab=lab, dimension="subdistrict", category="Brechten", population=75,
                                     invited=4))
        lab_id, other_id = lab.id, other.id
    with any_db.session() as s:
        result = retention.delete_personal_data(s, s.get(Lab, lab_id),
                                                now=dt.datetime(2026, 4, 11, 9, 30))
        assert (result.invitees_cleared, result.person_keys_kept) == (6, False)
    with any_db.session() as s:
        lab = s.get(Lab, lab_id)
        assert lab.personal_data_deleted_at == dt.datetime(2026, 4, 11, 9, 30)
        for person in lab.invitees:
            assert (person.family_name, person.given_names, person.street, person.postcode, person.city,
                    person.register_values_json, person.person_key) == ("", "", "", "", "", "", "")
        # coarse attributes and replies stay; the audit record with the protocol hash stays
        assert sorted(p.age_band for p in lab.invitees) == ["18-29", "18-29", "30-44", "30-44", "45-64", "65+"]
        assert [d.protocol_sha256 for d in lab.draws] == [PROTOCOL_HASH]
        agg = {(a.dimension, a.category): (a.population, a.invited, a.accepted, a.participants)
               for a in lab.participation}
        # counted like the draw counts them: the unactivated Nachrücker (Reservelund) was not
        # invited, Zaunkönigsen (replied) was; population figures stay, stale counts go to 0
        assert agg == {
            ("age_band", "18-29"): (0, 2, 2, 2), ("age_band", "30-44"): (0, 1, 1, 0),
            ("age_band", "65+"): (0, 1, 0, 0), ("age_band", "45-64"): (0, 1, 0, 0),
            ("gender", "weiblich"): (480, 2, 1, 1), ("gender", "männlich"): (0, 2, 1, 0),
            ("gender", "divers"): (0, 1, 1, 1), ("district", "Eving"): (0, 5, 3, 2),
            ("subdistrict", "Eving-Nord"): (0, 2, 2, 1), ("subdistrict", "Lindenhorst"): (0, 2, 0, 0),
            ("subdistrict", "Kemminghausen"): (0, 1, 1, 1), ("subdistrict", "Brechten"): (75, 0, 0, 0),
        }
        other_person = s.get(Lab, other_id).invitees[0]
        assert (other_person.family_name, other_person.street) == OTHER_LAB_PERSON[::2]
        assert s.get(Lab, other_id).personal_data_deleted_at is None
        assert retention.retention_overview(s, dt.date(2026, 12, 31))[0].lab_name == "Hörde März"
        assert len(retention.retention_overview(s, dt.date(2026, 12, 31))) == 1


def test_city_can_opt_in_to_keep_person_keys(db):
    with db.session() as s:
        lab = _add_lab_with_invitees(s, "Eving Januar", dt.date(2026, 1, 10), PEOPLE[:2])
        retention.set_keep_person_keys(s, True)
        result = retention.delete_personal_data(s, lab)
        assert result.person_keys_kept
        assert all(p.person_key.startswith(p_[0]) for p, p_ in zip(lab.invitees, PEOPLE))
        assert all(p.family_name == "" for p in lab.invitees)
        # the kept keys alone do not make the lab due again
        assert retention.labs_due_for_deletion(s, dt.date(2030, 1, 1)) == []
        retention.set_keep_person_keys(s, False)  # the city withdraws the opt-in: keys are due now
        assert [lab_.name for lab_ in retention.labs_due_for_deletion(s, dt.date(2030, 1, 1))] == ["Eving Januar"]


def _file_bytes(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def _personal_strings() -> list[bytes]:
    out = []
    for person in PEOPLE:
        out += [person[0].encode("utf-8"), person[2].encode("utf-8"), person[1].encode("utf-8")]
    return out


def test_nothing_personal_remains_in_the_database_file_or_backups(tmp_path, capsys):
    path = tmp_path / "stadt.sqlite3"
    database = open_database(path)
    with database.session() as s:
        _add_lab_with_invitees(s, "Eving Januar", dt.date(2026, 1, 10), PEOPLE)
        _add_lab_with_invitees(s, "Hörde Juni", dt.date(2026, 6, 1), [OTHER_LAB_PERSON], district="Hörde")
    # edit names a few times so older versions of the rows sit in the log and in free pages
    for round_ in range(3):
        with database.session() as s:
            for person in s.scalars(select(Invitee)):
                person.city = f"Dortmund {round_}"
    database.dispose()
    backup = backup_sqlite(path, reason="test")
    assert backup is not None and list_backups(path) == [backup]
    # the check can fail: before deletion the names are in the files
    assert all(s in _file_bytes(path) for s in _personal_strings())
    assert PEOPLE[0][0].encode() in backup.read_bytes()

    assert main(["retention", "--db", str(path), "--today", "2026-04-10"]) == 0
    out = capsys.readouterr().out
    assert "* Eving Januar (Eving): 6 Personen, löschen ab 10.04.2026 – fällig" in out
    assert "Hörde Juni" in out and "retention --apply" in out
    assert PEOPLE[0][0].encode() in _file_bytes(path)  # listing alone deletes nothing

    assert main(["retention", "--db", str(path), "--today", "2026-04-10", "--apply"]) == 0
    out = capsys.readouterr().out
    assert "Gelöscht: Eving Januar – 6 Eingeladene." in out
    assert "1 Sicherungskopie ebenfalls bereinigt." in out

    raw = _file_bytes(path)
    leftovers = [s.decode() for s in _personal_strings() if s in raw]
    assert leftovers == []
    assert not path.with_name(path.name + "-wal").exists() or \
        path.with_name(path.name + "-wal").stat().st_size == 0
    backup_raw = _file_bytes(backup)
    assert [s.decode() for s in _personal_strings() if s in backup_raw] == []
    # the lab that is not due keeps its data, in the file and in the backup
    assert OTHER_LAB_PERSON[0].encode() in raw and OTHER_LAB_PERSON[0].encode() in backup_raw
    assert PROTOCOL_HASH.encode() in raw

    # nothing is due any more; the aggregates are there
    assert main(["retention", "--db", str(path), "--today", "2026-04-11"]) == 0
    assert "Nichts ist fällig." in capsys.readouterr().out
    check = open_database(path)
    try:
        with check.session() as s:
            lab = labs.get_lab(s, "Eving Januar")
            assert lab.personal_data_deleted_at is not None
            assert sum(a.invited for a in lab.participation if a.dimension == "gender") == 5
    finally:
        check.dispose()


def test_cli_sets_the_retention_period(tmp_path, capsys):
    path = tmp_path / "stadt.sqlite3"
    assert main(["retention", "--db", str(path), "--set-months", "6", "--today", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Aufbewahrungsfrist: 6 Monate nach dem Workshop." in out
    assert "Keine gespeicherten personenbezogenen Daten" in out
    assert main(["retention", "--db", str(path), "--set-months", "0"]) == 2
    assert "zwischen 1 und 120 Monaten" in capsys.readouterr().err
    assert main(["retention", "--db", str(path), "--today", "gestern"]) == 2


def test_postgresql_table_file_holds_no_names_after_retention(fresh_pg_url, pg_server):
    """On PostgreSQL the invitees table is rewritten (VACUUM FULL): its data file has no names left."""
    database = open_database(fresh_pg_url)
    try:
        with database.session() as s:
            _add_lab_with_invitees(s, "Eving Januar", dt.date(2026, 1, 10), PEOPLE)

        def table_file_bytes() -> bytes:
            pg_server.execute_admin("CHECKPOINT")
            with database.engine.connect() as conn:
                relative = conn.exec_driver_sql("SELECT pg_relation_filepath('invitees')").scalar()
            return (pg_server.data_dir / relative).read_bytes()

        before = table_file_bytes()
        assert all(s in before for s in _personal_strings())  # the check can fail
        run = retention.apply_retention(database, dt.date(2026, 4, 10))
        assert [r.lab_name for r in run.deleted] == ["Eving Januar"] and run.backups_cleaned == []
        after = table_file_bytes()
        assert [s.decode() for s in _personal_strings() if s in after] == []
        with database.session() as s:
            assert s.scalar(select(Invitee.family_name).where(Invitee.family_name != "")) is None
            assert labs.get_lab(s, "Eving Januar").personal_data_deleted_at is not None
    finally:
        database.dispose()
