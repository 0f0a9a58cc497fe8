"""Automatic recognition of German register headers."""
from __future__ import annotations

import pytest

from quartierslabor_app.core.register import Field, guess_mapping, required_fields_missing


def test_standard_export_headers() -> None:
    headers = ["Familienname", "Vornamen", "Geburtsdatum", "Geschlecht", "Straße", "Hausnummer", "PLZ", "Ort",
               "Stadtbezirk", "Statistischer Bezirk"]
    mapping = guess_mapping(headers)
    assert mapping == {Field.FAMILY_NAME: 0, Field.GIVEN_NAMES: 1, Field.BIRTH_DATE: 2, Field.GENDER: 3,
                       Field.STREET: 4, Field.HOUSE_NUMBER: 5, Field.POSTCODE: 6, Field.CITY: 7,
                       Field.DISTRICT: 8, Field.SUBDISTRICT: 9}
    assert required_fields_missing(mapping, need_district=True) == []


@pytest.mark.parametrize("header,field", [
    ("Name", Field.FAMILY_NAME), ("NACHNAME", Field.FAMILY_NAME), (" familienname ", Field.FAMILY_NAME),
    ("Vorname", Field.GIVEN_NAMES), ("Vorname(n)", Field.GIVEN_NAMES), ("Rufname", Field.GIVEN_NAMES),
    ("Geb.-Datum", Field.BIRTH_DATE), ("Geb.Datum", Field.BIRTH_DATE), ("geboren", Field.BIRTH_DATE),
    ("Geburtsdatum (TT.MM.JJJJ)", Field.BIRTH_DATE), ("Alter", Field.AGE), ("Alter in Jahren", Field.AGE),
    ("Geschl.", Field.GENDER), ("Sex", Field.GENDER), ("GESCHLECHT", Field.GENDER),
    ("Strasse", Field.STREET), ("Str.", Field.STREET), ("STRASSE", Field.STREET), ("Straße/Platz", Field.STREET),
    ("Hausnr.", Field.HOUSE_NUMBER), ("HNr", Field.HOUSE_NUMBER), ("Haus-Nr.", Field.HOUSE_NUMBER),
    ("Anschrift", Field.ADDRESS), ("Adresse", Field.ADDRESS), ("Straße und Hausnummer", Field.ADDRESS),
    ("Postleitzahl", Field.POSTCODE), ("PLZ", Field.POSTCODE), ("Wohnort", Field.CITY), ("Ort", Field.CITY),
    ("Bezirk", Field.DISTRICT), ("Stadtbezirk", Field.DISTRICT), ("Stat. Bezirk", Field.SUBDISTRICT),
    ("Statistischer Unterbezirk", Field.SUBDISTRICT), ("statistischer bezirk", Field.SUBDISTRICT),
    ("Strasse ", Field.STREET), ("Geburtsdatum", Field.BIRTH_DATE),
])
def test_single_header_variants(header: str, field: Field) -> None:
    mapping = guess_mapping(["Irgendwas", header])
    assert mapping.get(field) == 1, mapping


def test_umlaut_spellings_are_equivalent() -> None:
    a = guess_mapping(["Familienname", "Vornamen", "Geburtsdatum", "Geschlecht", "Straße", "Hausnummer"])
    b = guess_mapping(["FAMILIENNAME", "vornamen", "geburts-datum", "geschlecht", "STRASSE", "haus nummer"])
    assert a == b


def test_district_and_subdistrict_not_confused() -> None:
    mapping = guess_mapping(["Statistischer Bezirk", "Bezirk", "Name", "Geburtsname", "Vorname"])
    assert mapping[Field.SUBDISTRICT] == 0
    assert mapping[Field.DISTRICT] == 1
    assert mapping[Field.FAMILY_NAME] == 2
    assert mapping[Field.GIVEN_NAMES] == 4
    assert 3 not in mapping.values()  # Geburtsname is not the birth date


def test_each_field_once_first_column_wins() -> None:
    mapping = guess_mapping(["Name", "Name", "Vorname"])
    assert mapping[Field.FAMILY_NAME] == 0
    assert list(mapping.values()).count(0) == 1


def test_unknown_headers_unmapped() -> None:
    assert guess_mapping(["Spalte A", "Kennziffer", "Bemerkung", ""]) == {}


def test_required_fields_missing_german_labels() -> None:
    mapping = guess_mapping(["Name", "Straße"])
    missing = required_fields_missing(mapping, need_district=True)
    assert missing == ["Vorname(n)", "Geburtsdatum oder Alter", "Geschlecht", "Stadtbezirk"]
    assert "Stadtbezirk" not in required_fields_missing(mapping, need_district=False)
    only_anschrift = guess_mapping(["Name", "Vorname", "Alter", "Geschlecht", "Anschrift"])
    assert required_fields_missing(only_anschrift, need_district=False) == []
    no_address = guess_mapping(["Name", "Vorname", "Alter", "Geschlecht"])
    assert required_fields_missing(no_address, need_district=False) == [
        "Straße und Hausnummer (oder Anschrift)"]


def test_house_number_suffix_column() -> None:
    mapping = guess_mapping(["Straße", "Hausnummer", "Hausnummernzusatz"])
    assert mapping == {Field.STREET: 0, Field.HOUSE_NUMBER: 1, Field.HOUSE_NUMBER_SUFFIX: 2}
    mapping = guess_mapping(["Straße", "Hausnr.", "Zusatz"])
    assert mapping == {Field.STREET: 0, Field.HOUSE_NUMBER: 1, Field.HOUSE_NUMBER_SUFFIX: 2}
