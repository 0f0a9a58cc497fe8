"""Validation of register rows: Excel row numbers, columns and German explanations."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
import pytest

from quartierslabor_app.core.register import (Field, StreetDirectory, guess_mapping, household_key, load_register,
                                              normalise_gender, person_key, read_register, validate_register)
from quartierslabor_app.core.register.normalize import (DateProblem, normalise_house_number, normalise_street,
                                                        parse_birth_date, split_address)
from quartierslabor_app.core.progress import CancelToken, Cancelled

REF = dt.date(2026, 11, 1)
HEADER = "Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Ort;Stadtbezirk"


def _write(tmp_path: Path, lines: list[str], name: str = "auszug.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text("\r\n".join(lines) + "\r\n", encoding=encoding)
    return path


def _issues_by_row(register) -> dict[int, list]:
    out: dict[int, list] = {}
    for issue in register.issues:
        out.setdefault(issue.row, []).append(issue)
    return out


def test_problem_rows_with_excel_numbers_columns_and_messages(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        "Melderegisterauszug Eving;;;;;;;;",
        HEADER,
        "Müller;Jörg;01.02.1970;m;Bornstraße;3;44339;Dortmund;Eving",          # row 3 ok
        "Schmidt;Anna;31.02.1980;w;Bornstraße;5;44339;Dortmund;Eving",         # row 4 impossible date
        "Yılmaz;Ayşe;01.01.2030;w;Bornstraße;7;44339;Dortmund;Eving",          # row 5 future
        "Kaya;Ali;12.12.1990;q;Bornstraße;9;44339;Dortmund;Eving",             # row 6 unknown gender
        ";Mehmet;12.12.1990;m;Bornstraße;9;44339;Dortmund;Eving",              # row 7 missing family name
        "Nowak;Piotr;12.12.1990;m;Bornstraße;44339;Dortmund;Eving",            # row 8 ragged (8 fields)
        "Weber;Klaus;1.2.1960;M;Bornstraße;11;44339;Dortmund;Eving",           # row 9 ok
        "Müller;Jörg;01.02.1970;männlich;Born-Straße;3;44339;Dortmund;Eving",  # row 10 duplicate of 3
        "Koch;Eva;kein Datum;w;Bornstraße;13;44339;Dortmund;Eving",            # row 11 not a date
        "Lang;Uwe;03.04.1950;m;Bornstraße;;44339;Dortmund;Eving",              # row 12 missing house number
        "Roth;Ida;03.04.1950;w;Bornstraße;15;44339;Dortmund;",                 # row 13 missing district
    ])
    register = load_register(path, reference_date=REF)
    assert register.table.format.header_row == 2
    by_row = _issues_by_row(register)
    assert sorted(by_row) == [4, 5, 6, 7, 8, 10, 11, 12, 13]
    assert register.invalid_rows == [4, 5, 6, 7, 8, 10, 11, 12, 13]
    assert register.rows_valid == 2
    assert by_row[4][0].column == "Geburtsdatum" and "31.02.1980" in by_row[4][0].message
    assert "unmöglich" in by_row[4][0].message
    assert by_row[5][0].column == "Geburtsdatum" and "Zukunft" in by_row[5][0].message
    assert by_row[6][0].column == "Geschlecht" and "„q“" in by_row[6][0].message
    assert by_row[7][0].column == "Familienname" and "leer" in by_row[7][0].message
    assert by_row[8][0].column == "" and "8 statt 9" in by_row[8][0].message
    assert "Doppelter Eintrag" in by_row[10][0].message and "Zeile 3" in by_row[10][0].message
    assert register.duplicate_rows == [(10, 3)]
    assert by_row[11][0].column == "Geburtsdatum" and "kein Datum" in by_row[11][0].message
    assert by_row[12][0].column == "Hausnummer"
    assert by_row[13][0].column == "Stadtbezirk"
    assert [register.table.row_numbers[i] for i in register.valid_index] == [3, 9]
    assert list(register.age) == [56, 66]
    assert list(register.gender) == ["m", "m"]


def test_trailing_delimiters_are_not_ragged(tmp_path: Path) -> None:
    path = _write(tmp_path, [HEADER + ";", "Müller;Jörg;01.02.1970;m;Bornstraße;3;44339;Dortmund;Eving;;"])
    register = load_register(path, reference_date=REF)
    assert register.issues == []


@pytest.mark.parametrize("text,expected", [
    ("m", "m"), ("M", "m"), ("männlich", "m"), ("maennlich", "m"), ("Männl.", "m"), ("male", "m"),
    ("w", "w"), ("W", "w"), ("weiblich", "w"), ("weibl.", "w"), ("f", "w"), ("female", "w"), ("F", "w"),
    ("d", "d"), ("D", "d"), ("divers", "d"), ("x", "x"), ("X", "x"), ("ohne Angabe", "x"), (" o.A. ", "x"),
    ("q", None), ("", None), ("mw", None),
])
def test_gender_normalisation(text: str, expected) -> None:
    assert normalise_gender(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("01.02.1980", dt.date(1980, 2, 1)), ("1.2.1980", dt.date(1980, 2, 1)), ("1980-02-01", dt.date(1980, 2, 1)),
    ("01.02.80", dt.date(1980, 2, 1)), ("01.02.05", dt.date(2005, 2, 1)), ("01.02.26", dt.date(2026, 2, 1)),
    ("01.02.27", dt.date(1927, 2, 1)), ("29.02.2000", dt.date(2000, 2, 29)),
])
def test_date_formats(text: str, expected: dt.date) -> None:
    assert parse_birth_date(text, REF) == expected


@pytest.mark.parametrize("text", ["31.02.1980", "29.02.1999", "00.01.1980", "1.13.1980", "1980-02-30",
                                  "01/02/1980", "gestern", "29221"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(DateProblem):
        parse_birth_date(text, REF)


def test_excel_serial_only_when_allowed() -> None:
    assert parse_birth_date("29221", REF, allow_serial=True) == dt.date(1980, 1, 1)


def test_age_column_validation(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        "Name;Vorname;Alter;Geschl.;Anschrift;Bezirk",
        "Müller;Jörg;56;m;Bornstraße 3;Eving",
        "Schmidt;Anna;zwölf;w;Bornstraße 5;Eving",
        "Kaya;Ali;-3;m;Bornstraße 7;Eving",
        "Koch;Eva;130;w;Bornstraße 9;Eving",
        "Lang;Uwe;;m;Bornstraße 11;Eving",
    ])
    register = load_register(path, reference_date=REF)
    by_row = _issues_by_row(register)
    assert sorted(by_row) == [3, 4, 5, 6]
    assert "zwölf" in by_row[3][0].message and by_row[3][0].column == "Alter"
    assert "ganze Zahl" in by_row[4][0].message
    assert "unplausibel" in by_row[5][0].message
    assert "leer" in by_row[6][0].message and by_row[6][0].column == "Alter"
    assert list(register.age) == [56]


def test_address_column_without_house_number(tmp_path: Path) -> None:
    path = _write(tmp_path, ["Name;Vorname;Alter;Geschlecht;Anschrift;Stadtbezirk",
                             "Müller;Jörg;56;m;Bornstraße;Eving"])
    register = load_register(path, reference_date=REF)
    assert register.issues[0].column == "Anschrift"
    assert "keine Hausnummer" in register.issues[0].message


def test_street_not_in_directory(tmp_path: Path) -> None:
    directory = StreetDirectory(file_name="strassen.csv")
    directory.add("Bornstraße", "Innenstadt-Nord", "Nordmarkt")
    directory.add("Evinger Straße", "Eving", "Eving", low=1, high=99)
    path = _write(tmp_path, ["Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer",
                             "Müller;Jörg;01.02.1970;m;Born-Str.;3",
                             "Schmidt;Anna;02.03.1980;w;Unbekannter Weg;5",
                             "Kaya;Ali;02.03.1980;m;Evinger Strasse;150",
                             "Koch;Eva;02.03.1981;w;Evinger Strasse;15"])
    register = load_register(path, reference_date=REF, street_directory=directory)
    by_row = _issues_by_row(register)
    assert sorted(by_row) == [3, 4]
    assert by_row[3][0].column == "Straße" and "Unbekannter Weg" in by_row[3][0].message
    assert "strassen.csv" in by_row[3][0].message
    assert "150" in by_row[4][0].message
    assert list(register.district) == ["Innenstadt-Nord", "Eving"]
    assert list(register.subdistrict) == ["Nordmarkt", "Eving"]


def test_household_key_normalisation() -> None:
    assert household_key("Bornstraße", "12 a", "44137") == household_key("born strasse", "12a", "44137")
    assert household_key("Born-Str.", "012A", "44137") == household_key("Bornstr", "12a", "44137")
    assert household_key("Bornstraße", "12a", "44137") != household_key("Bornstraße", "12b", "44137")
    assert household_key("Bornstraße", "12", "44137") != household_key("Bornstraße", "12", "44139")
    assert household_key("Große Heimstraße", "3", "") == "|grosseheimstr|3"
    assert normalise_street("Müllerstraße") == normalise_street("Muellerstrasse") == "muellerstr"
    assert normalise_house_number("12 - 14") == "12-14"


@pytest.mark.parametrize("text,expected", [
    ("Bornstraße 12a", ("Bornstraße", "12a", "")),
    ("Bornstraße 12 a, 44137 Dortmund", ("Bornstraße", "12 a", "44137")),
    ("Am Markt 3-5", ("Am Markt", "3-5", "")),
    ("Straße des 17. Juni 4", ("Straße des 17. Juni", "4", "")),
    ("Bornstraße", ("Bornstraße", "", "")),
])
def test_split_address(text: str, expected) -> None:
    assert split_address(text) == expected


def test_person_key_documented_rule(tmp_path: Path) -> None:
    path = _write(tmp_path, [HEADER, "Müller;Jörg;01.02.1970;m;Bornstraße;3;44339;Dortmund;Eving",
                             "MUELLER;Jörg ;1970-02-01;M;Born Str.;3;44339;Dortmund;Eving"])
    register = load_register(path, reference_date=REF)
    expected = hashlib.sha256("mueller|joerg|1970-02-01|44339|bornstr|3".encode()).hexdigest()
    assert register.person_key[0] == expected
    assert person_key("Müller", "Jörg", dt.date(1970, 2, 1), household_key("Bornstraße", "3", "44339")) == expected
    # the second spelling is the same person
    assert register.duplicate_rows == [(3, 2)]


def test_age_only_duplicates_need_same_age(tmp_path: Path) -> None:
    path = _write(tmp_path, ["Name;Vorname;Alter;Geschlecht;Anschrift;Bezirk",
                             "Yılmaz;Mehmet;56;m;Bornstraße 3;Eving",
                             "Yılmaz;Mehmet;31;m;Bornstraße 3;Eving",
                             "Yılmaz;Mehmet;56;m;Bornstraße 3;Eving"])
    register = load_register(path, reference_date=REF)
    assert register.duplicate_rows == [(4, 2)]
    assert register.rows_valid == 2


def test_validation_arrays_are_parallel(tmp_path: Path) -> None:
    from quartierslabor_app.core.demo import generate_register, write_register_csv

    rows = generate_register(500, seed=3, reference_date=REF)
    rows[10]["gender"] = "?"
    rows[20]["birth_date"] = "30.02.1990"
    path = write_register_csv(tmp_path / "a.csv", rows)
    register = load_register(path, reference_date=REF)
    assert register.rows_valid == 498
    keep = [i for i in range(500) if i not in (10, 20)]
    assert register.valid_index.tolist() == keep
    assert register.age.dtype == np.int16
    for arr in (register.age, register.gender, register.district, register.subdistrict, register.household_key,
                register.person_key):
        assert len(arr) == 498
    assert [register.gender[k] for k in range(498)] == [rows[i]["gender"] for i in keep]
    assert len(set(register.person_key)) == 498


def test_mapping_can_be_corrected(tmp_path: Path) -> None:
    path = _write(tmp_path, ["Zuname;Taufname;Tag der Geburt;Kennung;Wohnung;Gebiet",
                             "Müller;Jörg;01.02.1970;m;Bornstraße 3;Eving"])
    table = read_register(path)
    assert guess_mapping(table.headers) == {Field.FAMILY_NAME: 0}
    with pytest.raises(Exception) as exc:
        load_register(path)
    assert "Vorname(n)" in str(exc.value)
    mapping = {Field.FAMILY_NAME: 0, Field.GIVEN_NAMES: 1, Field.BIRTH_DATE: 2, Field.GENDER: 3, Field.ADDRESS: 4,
               Field.DISTRICT: 5}
    register = load_register(path, mapping=mapping, reference_date=REF)
    assert register.rows_valid == 1 and register.district[0] == "Eving"


def test_progress_and_cancel(tmp_path: Path) -> None:
    from quartierslabor_app.core.demo import generate_register, write_register_csv

    path = write_register_csv(tmp_path / "a.csv", generate_register(200, seed=1, reference_date=REF))
    seen: list[float] = []
    load_register(path, reference_date=REF, progress=lambda f, m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        load_register(path, cancel=token)
    table = read_register(path)
    with pytest.raises(Cancelled):
        validate_register(table, guess_mapping(table.headers), cancel=token)


def test_address_column_plus_house_number_column(tmp_path: Path) -> None:
    path = _write(tmp_path, ["Name;Vorname;Alter;Geschlecht;Anschrift;Hausnummer;Stadtbezirk",
                             "Müller;Jörg;56;m;Bornstraße;3a;Eving",
                             "Kaya;Ali;40;m;Bornstraße;;Eving"])
    table = read_register(path)
    mapping = {Field.FAMILY_NAME: 0, Field.GIVEN_NAMES: 1, Field.AGE: 2, Field.GENDER: 3, Field.ADDRESS: 4,
               Field.HOUSE_NUMBER: 5, Field.DISTRICT: 6}
    register = validate_register(table, mapping, reference_date=REF)
    assert list(register.household_key) == ["|bornstr|3a"]
    assert [(i.row, i.column) for i in register.issues] == [(3, "Hausnummer")]


def test_mapping_to_missing_column_refused(tmp_path: Path) -> None:
    from quartierslabor_app.core.errors import UserError

    path = _write(tmp_path, [HEADER, "Müller;Jörg;01.02.1970;m;Bornstraße;3;44339;Dortmund;Eving"])
    table = read_register(path)
    with pytest.raises(UserError) as exc:
        validate_register(table, {Field.FAMILY_NAME: 0, Field.GENDER: 12})
    assert "Spalte 13" in str(exc.value) and "auszug.csv" in str(exc.value)


def test_separate_house_number_suffix_column(tmp_path: Path) -> None:
    path = _write(tmp_path, ["Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer;Hausnummernzusatz;"
                             "PLZ;Stadtbezirk",
                             "Müller;Jörg;01.02.1970;m;Bornstraße;12;a;44137;Eving",
                             "Müller;Jörg;01.02.1970;m;Bornstraße;12;;44137;Eving",
                             "Kaya;Ali;02.03.1980;m;Bornstraße;12;A;44137;Eving"])
    register = load_register(path, reference_date=REF)
    assert register.mapping[Field.HOUSE_NUMBER] == 5
    assert register.mapping[Field.HOUSE_NUMBER_SUFFIX] == 6
    # 12a and 12 are different buildings: the same name there is not a duplicate
    assert register.duplicate_rows == []
    assert list(register.household_key) == ["44137|bornstr|12a", "44137|bornstr|12", "44137|bornstr|12a"]


def test_partial_and_compact_birth_dates(tmp_path: Path) -> None:
    path = _write(tmp_path, [HEADER,
                             "Haddad;Omar;00.00.2010;m;Bornstraße;3;44339;Dortmund;Eving",
                             "Haddad;Rania;00.06.1985;w;Bornstraße;3;44339;Dortmund;Eving",
                             "Haddad;Lina;19900215;w;Bornstraße;3;44339;Dortmund;Eving",
                             "Haddad;Sami;00.00.2027;m;Bornstraße;3;44339;Dortmund;Eving",
                             "Haddad;Nour;00.13.1990;w;Bornstraße;3;44339;Dortmund;Eving"])
    register = load_register(path, reference_date=REF)
    by_row = _issues_by_row(register)
    # unknown day/month: a warning, the age is the youngest possible (born 31.12.2010 -> 15)
    assert [i.severity for i in by_row[2]] == ["warning"] and "unvollständig" in by_row[2][0].message
    assert [i.severity for i in by_row[3]] == ["warning"]
    assert 4 not in by_row
    assert by_row[5][0].severity == "error" and "Zukunft" in by_row[5][0].message
    assert by_row[6][0].severity == "error"
    assert register.invalid_rows == [5, 6]
    assert list(register.age) == [15, 41, 36]
    expected = hashlib.sha256("haddad|omar|2010-00-00|44339|bornstr|3".encode()).hexdigest()
    assert register.person_key[0] == expected
