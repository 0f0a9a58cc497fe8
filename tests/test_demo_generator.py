"""The synthetic Dortmund register: deterministic, realistic in its statistics, readable by the import."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from quartierslabor_app.core.demo import (ROW_KEYS, generate_register, street_directory_entries,
                                          write_register_csv, write_street_directory)
from quartierslabor_app.core.demo.geography import DISTRICT_POPULATION, SUBDISTRICTS
from quartierslabor_app.core.demo.names import GERMAN_FAMILY
from quartierslabor_app.core.labs import DORTMUND_DISTRICTS
from quartierslabor_app.core.register import StreetDirectory, load_register
from quartierslabor_app.core.register.normalize import age_at

REF = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def city() -> list[dict]:
    return generate_register(60_000, seed=123, reference_date=REF)


def test_deterministic_from_seed() -> None:
    a = generate_register(2000, seed=9, reference_date=REF)
    b = generate_register(2000, seed=9, reference_date=REF)
    c = generate_register(2000, seed=10, reference_date=REF)
    assert a == b
    assert a != c
    assert sum(x["family_name"] != y["family_name"] for x, y in zip(a, c)) > 1000


@pytest.mark.parametrize("n", [0, 1, 2, 7, 1001])
def test_exact_size_and_keys(n: int) -> None:
    rows = generate_register(n, seed=1, reference_date=REF)
    assert len(rows) == n
    for r in rows:
        assert tuple(r) == ROW_KEYS


def test_all_twelve_districts_with_plausible_weights(city) -> None:
    counts = Counter(r["district"] for r in city)
    assert set(counts) == set(DORTMUND_DISTRICTS)
    total_pop = sum(DISTRICT_POPULATION.values())
    for district, pop in DISTRICT_POPULATION.items():
        expected = len(city) * pop / total_pop
        assert abs(counts[district] - expected) < 0.15 * expected, district


def test_subdistricts_belong_to_their_district(city) -> None:
    allowed = {d: {name for name, _ in subs} for d, subs in SUBDISTRICTS.items()}
    assert {"Eving", "Lindenhorst", "Kemminghausen", "Brechten", "Holthausen"} <= allowed["Eving"]
    for r in city[:5000]:
        assert r["subdistrict"] in allowed[r["district"]]
    used = Counter((r["district"], r["subdistrict"]) for r in city)
    assert len(used) == sum(len(s) for s in SUBDISTRICTS.values())


def test_ages_gender_and_birth_dates(city) -> None:
    ages = np.array([r["age"] for r in city])
    assert ages.min() >= 0 and ages.max() <= 101
    assert 0.10 < (ages < 18).mean() < 0.25
    assert 0.15 < (ages >= 65).mean() < 0.32
    assert (ages >= 90).sum() > 0
    for r in city[:3000]:
        assert age_at(r["birth_date"], REF) == r["age"]
    genders = Counter(r["gender"] for r in city)
    assert set(genders) == {"m", "w", "d", "x"}
    assert 0.45 < genders["w"] / len(city) < 0.55
    assert genders["d"] + genders["x"] < 0.01 * len(city)


def test_households_share_address_and_mostly_surname(city) -> None:
    same_address_pairs = 0
    same_surname = 0
    for a, b in zip(city, city[1:]):
        if (a["street"], a["house_number"], a["postcode"]) == (b["street"], b["house_number"], b["postcode"]):
            same_address_pairs += 1
            same_surname += a["family_name"] == b["family_name"]
    assert same_address_pairs > 0.3 * len(city)
    assert same_surname > 0.75 * same_address_pairs


def test_names_mix_and_diacritics(city) -> None:
    text = " ".join(r["family_name"] + " " + r["given_names"] for r in city)
    for ch in "ÇŞşıłŁüöäßğ":
        assert ch in text, ch
    german = set(GERMAN_FAMILY)

    def non_german_share(district: str) -> float:
        names = [r["family_name"] for r in city if r["district"] == district]
        return sum(n not in german for n in names) / len(names)

    assert non_german_share("Innenstadt-Nord") > non_german_share("Hombruch") + 0.15
    assert 0.2 < sum(r["family_name"] not in german for r in city) / len(city) < 0.5


def test_postcodes_are_dortmund(city) -> None:
    assert all(r["postcode"].startswith("44") and len(r["postcode"]) == 5 for r in city[:5000])
    assert {r["city"] for r in city[:100]} == {"Dortmund"}


def test_street_directory_matches_generated_addresses(tmp_path: Path, city) -> None:
    sample = city[:8000]
    directory = StreetDirectory.load(write_street_directory(tmp_path / "strassen.csv"))
    assert directory.entries == len(street_directory_entries())
    for r in sample:
        assert directory.lookup(r["street"], r["house_number"]) == (r["district"], r["subdistrict"])
    split = [e for e in street_directory_entries() if e["low"] is not None]
    assert split, "some long streets cross a sub-district border"


def test_generated_file_imports_without_issues(tmp_path: Path, city) -> None:
    path = write_register_csv(tmp_path / "stadt.csv", city[:20_000], title_lines=("Synthetischer Auszug",))
    register = load_register(path, reference_date=REF)
    assert register.rows_valid == 20_000
    assert register.issues == []
    households = len(set(register.household_key))
    assert 6_000 < households < 15_000
