"""The draw engine: seed rule, allocation, strata, reproducibility, exclusions, Nachrücker, refusals."""
from __future__ import annotations

import hashlib
import unicodedata
from fractions import Fraction

import numpy as np
import pytest
from test_draw_support import make_register, random_register, replace_rows

from quartierslabor_app.core.draw import (DrawSettings, age_bands, allocate, derive_generator, largest_remainder,
                                          run_draw, seed_digest)
from quartierslabor_app.core.errors import UserError


# --------------------------------------------------------------------------- seed rule

def test_seed_rule_matches_documented_recipe():
    rng, digest = derive_generator("  Lotto 3 7 12 19 33 41  \n")
    expected = hashlib.sha256("Lotto 3 7 12 19 33 41".encode("utf-8")).hexdigest()
    assert digest == expected
    manual = np.random.Generator(np.random.PCG64(np.random.SeedSequence(int(expected, 16))))
    assert rng.random(5).tolist() == manual.random(5).tolist()


def test_seed_is_nfc_normalised_and_known_digest():
    nfd = unicodedata.normalize("NFD", "Würfel Müller")
    assert nfd != "Würfel Müller"
    assert seed_digest(nfd) == seed_digest("Würfel Müller")
    assert seed_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert seed_digest("abc") != seed_digest("abd")


def test_empty_seed_is_refused():
    with pytest.raises(UserError, match="Startwert"):
        derive_generator("   ")


# --------------------------------------------------------------------------- allocation

def test_largest_remainder_sums_exactly_and_stays_within_one_of_exact_share():
    rng = np.random.default_rng(5)
    for _ in range(300):
        k = int(rng.integers(1, 40))
        weights = rng.integers(1, 5000, k).tolist()
        total = int(rng.integers(1, 2000))
        seats = largest_remainder(total, weights)
        assert sum(seats) == total
        s = sum(weights)
        for a, w in zip(seats, weights):
            exact = Fraction(total * w, s)
            assert abs(a - exact) < 1
            assert a in (int(exact), int(exact) + 1)


def test_largest_remainder_tie_break_is_documented_order():
    # equal remainders: larger weight first, then table order
    assert largest_remainder(2, [1, 1, 1]) == [1, 1, 0]
    assert largest_remainder(1, [1, 2, 1]) == [0, 1, 0]
    assert largest_remainder(3, [5, 5, 5, 5]) == [1, 1, 1, 0]
    assert largest_remainder(10, [0, 0]) == [0, 0]


def test_allocation_with_caps_reallocates_the_rest_proportionally():
    seats = allocate(10, [50, 30, 20], [2, 100, 100])
    assert seats[0] == 2 and sum(seats) == 10
    # the 8 remaining seats go 30:20 -> 4.8 : 3.2 -> 5 and 3
    assert seats[1:] == [5, 3]
    assert allocate(3, [1, 1], [1, 5]) == [1, 2]


# --------------------------------------------------------------------------- strata

def test_age_bands_from_edges_and_limits():
    b = age_bands((16, 25, 35, 50, 65), 16)
    assert b.labels == ("16–24", "25–34", "35–49", "50–64", "65+")
    assert b.index(np.array([16, 24, 25, 64, 65, 99])).tolist() == [0, 0, 1, 3, 4, 4]
    assert age_bands((16, 25, 35), 18).labels == ("18–24", "25–34", "35+")
    assert age_bands((16, 25), 14).labels == ("14–15", "16–24", "25+")
    assert age_bands((16, 25, 35, 50, 65), 16, 40).labels == ("16–24", "25–34", "35–40")


def test_stratum_labels_are_readable_german_and_cover_everyone():
    reg = random_register(3000, seed=1)
    res = run_draw(reg, DrawSettings(size=100), "labels")
    labels = [s.label for s in res.strata]
    assert "Eving | 25–34 | weiblich" in labels
    assert all(label.count(" | ") == 2 for label in labels)
    assert sum(s.population for s in res.strata) == res.rows_eligible
    assert res.rows_eligible == int((reg.age >= 16).sum())
    assert sum(s.quota for s in res.strata) == 100
    assert all(s.drawn == s.quota for s in res.strata)


def test_allocation_is_proportional_to_population():
    reg = random_register(5000, seed=2)
    res = run_draw(reg, DrawSettings(size=333, household_rule=False), "prop")
    total = sum(s.population for s in res.strata)
    for s in res.strata:
        exact = Fraction(333 * s.population, total)
        assert abs(s.quota - exact) < 1, s


def test_oversampling_by_dimension_value_increases_share_as_specified():
    reg = random_register(6000, seed=3)
    plain = run_draw(reg, DrawSettings(size=400, strata=("age",), household_rule=False), "o")
    over = run_draw(reg, DrawSettings(size=400, strata=("age",), household_rule=False,
                                      oversampling={"age:16-24": 2.0}), "o")
    pop = {s.label: s.population for s in plain.strata}
    young_plain = next(s.quota for s in plain.strata if s.label == "16–24")
    young_over = next(s.quota for s in over.strata if s.label == "16–24")
    weight_young = 2 * pop["16–24"]
    expected = Fraction(400 * weight_young, weight_young + sum(v for k, v in pop.items() if k != "16–24"))
    assert abs(young_over - expected) < 1
    assert young_over > young_plain + 20
    assert sum(s.quota for s in over.strata) == 400
    drawn_young = sum(1 for p in over.invitees if p.age_band == "16–24")
    assert drawn_young == young_over


def test_oversampling_by_full_stratum_label_and_gender_code():
    reg = random_register(4000, seed=4)
    base = run_draw(reg, DrawSettings(size=200, household_rule=False), "g")
    res = run_draw(reg, DrawSettings(size=200, household_rule=False,
                                     oversampling={"Eving | 65+ | männlich": 3, "gender:w": 1.2}), "g")
    only_label = run_draw(reg, DrawSettings(size=200, household_rule=False,
                                            oversampling={"Eving | 65+ | männlich": 3}), "g")
    q = {s.label: s.quota for s in res.strata}
    q0 = {s.label: s.quota for s in base.strata}
    q1 = {s.label: s.quota for s in only_label.strata}
    assert q1["Eving | 65+ | männlich"] > q0["Eving | 65+ | männlich"] + 10
    women = sum(v for k, v in q.items() if k.endswith("weiblich"))
    women1 = sum(v for k, v in q1.items() if k.endswith("weiblich"))
    assert women > women1 + 5


@pytest.mark.parametrize("spec, text", [
    ({"age:12–13": 2}, "gibt es"), ({"alter:16–24": 0}, "größer als 0"), ({"subdistrict:x": 2}, "nicht geschichtet"),
    ({"foo": 2}, "unbekannte Schicht"), ({"planet:mars": 2}, "unbekanntes Merkmal"),
])
def test_bad_oversampling_is_refused(spec, text):
    reg = random_register(500, seed=5)
    with pytest.raises(UserError, match=text):
        run_draw(reg, DrawSettings(size=10, oversampling=spec), "x")


# --------------------------------------------------------------------------- reproducibility

def _signature(result):
    return [(p.order, p.row_index, p.stratum, p.is_replacement) for p in result.invitees]


def test_same_seed_same_invitees_same_order_and_new_seed_new_draw():
    reg = random_register(4000, seed=6, mean_household=2.2)
    settings = DrawSettings(size=120, replacements=20)
    a = run_draw(reg, settings, "Ziehung am 14.3.")
    b = run_draw(reg, settings, " Ziehung am 14.3. ")
    c = run_draw(reg, settings, "Ziehung am 15.3.")
    assert _signature(a) == _signature(b)
    assert [p.row_index for p in a.invitees] != [p.row_index for p in c.invitees]
    overlap = len({p.row_index for p in a.invitees} & {p.row_index for p in c.invitees})
    assert overlap < 60


def test_order_is_a_random_permutation_not_register_order():
    reg = random_register(3000, seed=7)
    res = run_draw(reg, DrawSettings(size=200, household_rule=False), "order")
    rows = [p.row_index for p in res.main_list]
    assert rows != sorted(rows)
    assert [p.order for p in res.invitees] == list(range(1, 201))


# --------------------------------------------------------------------------- household rule, exclusions, Nachrücker

def test_household_rule_never_two_of_one_household():
    reg = random_register(3000, seed=8, mean_household=2.5)
    for i in range(30):
        res = run_draw(reg, DrawSettings(size=300, replacements=50), f"hh{i}")
        keys = [reg.household_key[p.valid_pos] for p in res.invitees]
        assert len(keys) == len(set(keys))
    res = run_draw(reg, DrawSettings(size=300, household_rule=False), "hh-off")
    keys = [reg.household_key[p.valid_pos] for p in res.invitees]
    assert len(keys) > len(set(keys))  # without the rule households repeat (2.5 persons on average)


def test_household_by_address_and_family_name_keeps_flats_apart():
    # one building (same address), three families of two people each
    households = [0] * 6
    reg = make_register(ages=[40] * 6, genders=["w", "m"] * 3, districts=["Eving"] * 6, households=households)
    rows = list(reg.table.rows)
    for i, family in enumerate(["Kaya", "Kaya", "Nowak", "Nowak", "Becker", "becker "]):
        rows[i][0] = family
    replace_rows(reg, rows)
    with pytest.raises(UserError, match="nur 6 Personen"):
        run_draw(reg, DrawSettings(size=2, strata=()), "x")          # address only: one household
    for i in range(40):
        res = run_draw(reg, DrawSettings(size=3, strata=(), household_by="address_family_name"), f"f{i}")
        families = sorted(reg.table.rows[p.row_index][0].strip().lower() for p in res.invitees)
        assert families == ["becker", "kaya", "nowak"]
    assert res.households == 3
    with pytest.raises(UserError, match="Haushaltsdefinition"):
        run_draw(reg, DrawSettings(size=1, household_by="flat"), "x")


def test_excluded_people_are_never_drawn_and_counted():
    reg = random_register(2000, seed=9)
    eligible = np.flatnonzero(reg.age >= 16)
    excluded = set(reg.person_key[eligible[:700]].tolist())
    for i in range(20):
        res = run_draw(reg, DrawSettings(size=100, replacements=10), f"ex{i}", excluded_person_keys=excluded)
        assert not ({reg.person_key[p.valid_pos] for p in res.invitees} & excluded)
        assert res.rows_excluded == 700
    assert sum(s.population for s in res.strata) == res.rows_eligible  # excluded still count as population


def test_replacements_follow_the_main_list_flagged_and_proportional():
    reg = random_register(5000, seed=10)
    res = run_draw(reg, DrawSettings(size=200, replacements=40, household_rule=False), "rep")
    main, reps = res.main_list, res.replacement_list
    assert len(main) == 200 and len(reps) == 40
    assert [p.order for p in main] == list(range(1, 201))
    assert [p.order for p in reps] == list(range(201, 241))
    assert res.invitees[:200] == main
    assert not ({p.row_index for p in main} & {p.row_index for p in reps})
    assert sum(s.replacements for s in res.strata) == 40
    total = sum(s.population for s in res.strata)
    for s in res.strata:
        assert abs(s.replacements - Fraction(40 * s.population, total)) < 1


# --------------------------------------------------------------------------- refusals

def test_refuses_size_below_one():
    reg = random_register(100, seed=11)
    with pytest.raises(UserError, match="mindestens 1"):
        run_draw(reg, DrawSettings(size=0), "x")


def test_refuses_more_invitations_than_eligible_and_says_how_many():
    reg = make_register(ages=[10, 20, 30, 40, 15], genders=["w", "m", "w", "m", "w"], districts=["Eving"] * 5)
    with pytest.raises(UserError) as err:
        run_draw(reg, DrawSettings(size=4), "x")
    assert "nur 3 Personen sind teilnahmeberechtigt" in str(err.value)
    assert "register.csv" in str(err.value)
    with pytest.raises(UserError, match="Nachrücker"):
        run_draw(reg, DrawSettings(size=2, replacements=2, strata=()), "x")


def test_refusals_agree_with_a_count_of_one():
    reg = make_register(ages=[10, 20, 15], genders=["w", "m", "w"], districts=["Eving"] * 3)
    with pytest.raises(UserError) as err:
        run_draw(reg, DrawSettings(size=2, strata=()), "x")
    assert "Es sollen 2 Personen eingeladen werden, aber nur 1 Person ist teilnahmeberechtigt." in str(err.value)
    reg = make_register(ages=[20, 30, 40], genders=["w", "m", "w"], districts=["Eving"] * 3)
    with pytest.raises(UserError) as err:
        run_draw(reg, DrawSettings(size=1, replacements=3, strata=()), "x")
    assert "1 Einladung und 3 Nachrücker sind zusammen mehr als die 3 ziehbaren Personen." in str(err.value)
    assert "Höchstens 2 Nachrücker sind möglich." in str(err.value)
    with pytest.raises(UserError) as err:
        run_draw(reg, DrawSettings(size=2, replacements=2, strata=()), "x")
    assert "Höchstens 1 Nachrücker ist möglich." in str(err.value)


def test_refuses_stratum_dimension_without_data():
    reg = random_register(300, seed=12)  # no sub-districts
    with pytest.raises(UserError) as err:
        run_draw(reg, DrawSettings(size=10, strata=("subdistrict", "age")), "x")
    assert "Statistischer Bezirk" in str(err.value) and "leer" in str(err.value)
    assert "Statistischer Bezirk" in (err.value.column or "")


def test_refuses_unknown_dimension_district_filter_and_bad_ages():
    reg = random_register(300, seed=13)
    with pytest.raises(UserError, match="Schichtungsmerkmal"):
        run_draw(reg, DrawSettings(size=10, strata=("religion",)), "x")
    with pytest.raises(UserError, match="Brackel"):
        run_draw(reg, DrawSettings(size=10, districts=("Brackel",)), "x")
    with pytest.raises(UserError, match="Höchstalter"):
        run_draw(reg, DrawSettings(size=10, min_age=30, max_age=20), "x")


def test_district_filter_and_age_limits_define_eligibility():
    reg = random_register(3000, seed=14)
    res = run_draw(reg, DrawSettings(size=50, districts=("Hörde",), min_age=18, max_age=70), "f")
    mask = (reg.district == "Hörde") & (reg.age >= 18) & (reg.age <= 70)
    assert res.rows_eligible == int(mask.sum())
    for p in res.invitees:
        assert reg.district[p.valid_pos] == "Hörde" and 18 <= reg.age[p.valid_pos] <= 70


def test_no_strata_gives_one_stratum():
    reg = random_register(500, seed=15)
    res = run_draw(reg, DrawSettings(size=20, strata=()), "x")
    assert [s.label for s in res.strata] == ["Alle"]


def test_progress_and_cancel():
    from quartierslabor_app.core.progress import CancelToken, Cancelled
    reg = random_register(500, seed=16)
    seen = []
    run_draw(reg, DrawSettings(size=20), "x", progress=lambda f, m: seen.append((f, m)))
    assert seen[-1][0] == 1.0 and all(isinstance(m, str) and m for _, m in seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run_draw(reg, DrawSettings(size=20), "x", cancel=token)
