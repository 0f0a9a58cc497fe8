"""Storing a draw (only invitees, aggregates), exclusions (file and history)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_draw_support import make_register, random_register, replace_rows

from quartierslabor_app.core.draw import (DrawSettings, excluded_keys_from_database, load_exclusion_keys, run_draw,
                                          save_draw, write_invitee_list)
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.models import DrawRecord, Invitee, ParticipationAggregate


def test_save_draw_stores_only_invitees_and_aggregates(db, tmp_path: Path):
    reg = random_register(1500, seed=1, mean_household=1.8)
    # a child that is never eligible, with a unique name that must not reach the database
    rows = list(reg.table.rows)
    rows[0][0] = "Zzyzxunikat"
    replace_rows(reg, rows)
    reg.age[0] = 9
    res = run_draw(reg, DrawSettings(size=40, replacements=5), "speichern")
    with db.session() as s:
        lab = create_lab(s, "Eving 2026", "Eving")
        record = save_draw(s, lab, reg, res, user="tester", protocol_sha256="cd" * 32)
        record_id = record.id
    with db.session() as s:
        rec = s.get(DrawRecord, record_id)
        assert rec.register_sha256 == reg.table.sha256 and rec.rows_read == 1500
        assert rec.seed_text == "speichern" and rec.protocol_sha256 == "cd" * 32
        settings = json.loads(rec.settings_json)
        assert settings["size"] == 40 and settings["seed_digest"] == res.seed_digest
        strata = json.loads(rec.strata_json)
        assert sum(x["quota"] for x in strata) == 40
        assert s.scalar(select(func.count(Invitee.id))) == 45
        invitees = s.scalars(select(Invitee).order_by(Invitee.draw_order)).all()
        for inv, person in zip(invitees, res.invitees):
            row = reg.table.rows[person.row_index]
            assert inv.draw_order == person.order and inv.is_replacement == person.is_replacement
            assert inv.family_name == row[0] and inv.given_names == row[1]
            assert inv.street == f"{row[4]} {row[5]}" and inv.postcode == row[6] and inv.city == row[7]
            assert inv.person_key == reg.person_key[person.valid_pos]
            assert inv.gender == reg.gender[person.valid_pos] and inv.age_band == person.age_band
            assert json.loads(inv.register_values_json) == dict(zip(reg.table.headers, row))
        aggs = s.scalars(select(ParticipationAggregate)).all()
        for dim in ("age_band", "gender", "district"):
            rows = [a for a in aggs if a.dimension == dim]
            assert sum(a.population for a in rows) == res.rows_eligible
            assert sum(a.invited for a in rows) == 40          # Nachrücker not (yet) invited
    db.dispose()
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("test.sqlite3*"))
    assert "Zzyzxunikat".encode() not in blob
    drawn_names = {reg.table.rows[p.row_index][0] for p in res.invitees}
    assert any(name.encode("utf-8") in blob for name in drawn_names)


def test_history_exclusion_prevents_reinvitation(db):
    reg = random_register(800, seed=2)
    first = run_draw(reg, DrawSettings(size=100, replacements=20), "erste")
    with db.session() as s:
        lab1 = create_lab(s, "Lab 1", "Eving")
        save_draw(s, lab1, reg, first, user="u")
        lab1_id = lab1.id
    with db.session() as s:
        keys = excluded_keys_from_database(s)
        assert keys == {reg.person_key[p.valid_pos] for p in first.main_list}   # unused Nachrücker not counted
        assert excluded_keys_from_database(s, exclude_lab_id=lab1_id) == frozenset()
        all_keys = excluded_keys_from_database(s, include_unused_replacements=True)
        assert len(all_keys) == 120
    second = run_draw(reg, DrawSettings(size=100), "zweite", excluded_person_keys=keys)
    assert not ({reg.person_key[p.valid_pos] for p in second.invitees} & keys)
    assert second.rows_excluded == 100


def test_exclusion_from_exported_list(tmp_path: Path):
    reg = random_register(600, seed=3)
    res = run_draw(reg, DrawSettings(size=50), "export")
    for name in ("alt.csv", "alt.xlsx"):
        path = write_invitee_list(tmp_path / name, reg, res)
        keys = load_exclusion_keys(path)
        assert keys == {reg.person_key[p.valid_pos] for p in res.invitees}


def test_exclusion_from_plain_name_address_list(tmp_path: Path):
    reg = make_register(ages=[30, 40, 50, 60], genders=["w", "m", "w", "m"], districts=["Eving"] * 4)
    lines = ["Name;Vorname;Geb.-Datum;Anschrift"]
    for i in (1, 3):
        r = reg.table.rows[i]
        # other spelling of the same person: upper case, "Str." and a PLZ inside the address
        street = r[4].replace("straße", "str.")
        lines.append(f"{r[0].upper()};{r[1]};{r[2]};{street} {r[5]}, {r[6]} {r[7]}")
    path = tmp_path / "frueher.csv"
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    keys = load_exclusion_keys(path)
    assert keys == {reg.person_key[1], reg.person_key[3]}
    res = run_draw(reg, DrawSettings(size=2, strata=(), household_rule=False), "x", excluded_person_keys=keys)
    assert {p.valid_pos for p in res.invitees} == {0, 2}


def test_exclusion_list_refusals(tmp_path: Path):
    bad_key = tmp_path / "liste.csv"
    bad_key.write_text("Familienname;Vorname;Personenschlüssel\nA;B;nicht-hex\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_exclusion_keys(bad_key)
    assert "Zeile 2" in str(err.value) and "Personenschlüssel" in str(err.value)
    no_cols = tmp_path / "x.csv"
    no_cols.write_text("Familienname;Vorname;Telefon\nA;B;1\n", encoding="utf-8")
    with pytest.raises(UserError, match="Straße/Anschrift"):
        load_exclusion_keys(no_cols)
    bad_date = tmp_path / "d.csv"
    bad_date.write_text("Familienname;Vorname;Geburtsdatum;Straße;Hausnummer;PLZ\nA;B;31.02.1990;X-Weg;1;44137\n",
                        encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_exclusion_keys(bad_date)
    assert "Zeile 2" in str(err.value) and "Geburtsdatum" in str(err.value)
