"""Helpers for the draw tests: build a ValidatedRegister directly from arrays (no import needed)."""
from __future__ import annotations

import datetime as dt
from typing import Optional, Sequence

import numpy as np

from quartierslabor_app.core.register.model import DetectedFormat, Field, RawTable, ValidatedRegister
from quartierslabor_app.core.register.normalize import household_key
from quartierslabor_app.core.register.normalize import person_key as _person_key

HEADERS = ["Familienname", "Vorname", "Geburtsdatum", "Geschlecht", "Straße", "Hausnummer", "PLZ", "Ort",
           "Stadtbezirk", "Statistischer Bezirk"]
MAPPING = {Field.FAMILY_NAME: 0, Field.GIVEN_NAMES: 1, Field.BIRTH_DATE: 2, Field.GENDER: 3, Field.STREET: 4,
           Field.HOUSE_NUMBER: 5, Field.POSTCODE: 6, Field.CITY: 7, Field.DISTRICT: 8, Field.SUBDISTRICT: 9}
REFERENCE = dt.date(2026, 3, 1)

FAMILY = ["Müller", "Schmidt", "Yılmaz", "Kowalski", "Schneider", "Öztürk", "Fischer", "Nowak", "Weber",
          "Popescu", "Meyer", "Ivanova", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Kaya", "Richter"]
GIVEN_W = ["Anna", "Fatma", "Maria", "Sophie", "Elif", "Katarzyna", "Ursula", "Lea", "Olga", "Jana"]
GIVEN_M = ["Jan", "Mehmet", "Peter", "Lukas", "Ahmet", "Piotr", "Klaus", "Ben", "Ivan", "Paul"]
STREETS = ["Hauptstraße", "Kirchweg", "Am Markt", "Schützenstraße", "Bahnhofstraße", "Lindenallee"]


def person_key(family: str, given: str, birth: str, street: str, number: str, plz: str = "44137") -> str:
    """The register import's documented key (so exclusion lists match)."""
    day, month, year = (int(x) for x in birth.split("."))
    return _person_key(family, given, dt.date(year, month, day), household_key(street, number, plz))


def make_register(*, ages: Sequence[int], genders: Sequence[str], districts: Sequence[str],
                  subdistricts: Optional[Sequence[str]] = None, households: Optional[Sequence[int]] = None,
                  extra_rows: Optional[list[list[str]]] = None, file_name: str = "register.csv",
                  sha256: str = "ab" * 32) -> ValidatedRegister:
    """A register with one valid row per given age; households default to one person each."""
    n = len(ages)
    subdistricts = list(subdistricts) if subdistricts is not None else [""] * n
    households = list(households) if households is not None else list(range(n))
    rows: list[list[str]] = []
    pkeys: list[str] = []
    hkeys: list[str] = []
    for i in range(n):
        g = genders[i]
        family = FAMILY[(i * 7 + households[i]) % len(FAMILY)]
        given = (GIVEN_W if g == "w" else GIVEN_M)[i % 10] + ("" if i < 10 else f" {chr(65 + i % 26)}.")
        birth_year = REFERENCE.year - int(ages[i]) - 1
        birth = f"{(i % 28) + 1:02d}.{(i % 12) + 1:02d}.{birth_year}"
        street = STREETS[households[i] % len(STREETS)]
        number = str(households[i] + 1)
        rows.append([family, given, birth, g, street, number, "44137", "Dortmund", districts[i],
                     subdistricts[i]])
        pkeys.append(person_key(family, given, birth, street, number))
        hkeys.append(household_key(street, number, "44137"))
    row_numbers = list(range(2, n + 2))
    valid_index = np.arange(n, dtype=np.int64)
    if extra_rows:
        rows.extend(extra_rows)
        row_numbers.extend(range(n + 2, n + 2 + len(extra_rows)))
    table = RawTable(file_name=file_name, sha256=sha256,
                     format=DetectedFormat(kind="csv", encoding="utf-8-sig", delimiter=";"),
                     headers=list(HEADERS), rows=rows, row_numbers=row_numbers)
    return ValidatedRegister(
        table=table, mapping=dict(MAPPING), reference_date=REFERENCE, valid_index=valid_index,
        age=np.asarray(ages, dtype=np.int16), gender=np.asarray(list(genders), dtype=object),
        district=np.asarray(list(districts), dtype=object), subdistrict=np.asarray(subdistricts, dtype=object),
        household_key=np.asarray(hkeys, dtype=object), person_key=np.asarray(pkeys, dtype=object))


def replace_rows(reg: ValidatedRegister, rows: list[list[str]], headers: Optional[list[str]] = None) -> None:
    """Give ``reg`` a table with other cell texts (tests that need names or columns the helpers do not make)."""
    t = reg.table
    reg.table = RawTable(t.file_name, t.sha256, t.format, list(headers or t.headers), rows, t.row_numbers)


def random_register(n: int, seed: int = 0, *, districts: Sequence[str] = ("Eving", "Hörde", "Mengede"),
                    mean_household: float = 1.0, subdistricts: bool = False) -> ValidatedRegister:
    """A synthetic register of n people (ages 0-94, genders m/w/d, given districts)."""
    rng = np.random.default_rng(seed)
    ages = rng.integers(0, 95, n)
    genders = rng.choice(np.array(["m", "w", "d"]), n, p=[0.49, 0.49, 0.02])
    dist = rng.choice(np.array(list(districts)), n)
    if mean_household > 1.0:
        sizes = rng.geometric(1.0 / mean_household, n)
        hh = np.repeat(np.arange(n), sizes)[:n]
    else:
        hh = np.arange(n)
    sub = [f"{d} {k}" for d, k in zip(dist.tolist(), rng.integers(1, 4, n).tolist())] if subdistricts else None
    return make_register(ages=ages.tolist(), genders=genders.tolist(), districts=dist.tolist(),
                         subdistricts=sub, households=hh.tolist())
