"""Statistical tests over many seeds: equal chances within strata, the household chance formula.

The chi-square survival function is computed here (regularised upper incomplete gamma), so
no scipy is needed. Seeds are fixed texts, so the tests are deterministic; they fail for a
biased sampler (e.g. one that prefers register order).
"""
from __future__ import annotations

import pytest

import math

import numpy as np
from test_draw_support import make_register

from quartierslabor_app.core.draw import DrawSettings, run_draw

RUNS = 2000
ALPHA = 0.001


def _gammaincc(a: float, x: float) -> float:
    """Regularised upper incomplete gamma Q(a, x) (series / continued fraction, Numerical Recipes)."""
    if x <= 0:
        return 1.0
    gln = math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        ap = a
        for _ in range(10_000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return max(0.0, 1.0 - total * math.exp(-x + a * math.log(x) - gln))
    b = x + 1 - a
    c = 1e300
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = 1e-300 if abs(d) < 1e-300 else d
        c = b + an / c
        c = 1e-300 if abs(c) < 1e-300 else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return math.exp(-x + a * math.log(x) - gln) * h


def chi2_sf(stat: float, df: int) -> float:
    return _gammaincc(df / 2.0, stat / 2.0)


def test_chi2_sf_matches_known_values():
    # reference values: scipy.stats.chi2.sf
    assert abs(chi2_sf(3.841458820694124, 1) - 0.05) < 1e-9
    assert abs(chi2_sf(18.307038053275146, 10) - 0.05) < 1e-9
    assert abs(chi2_sf(10.0, 10) - 0.44049328506521257) < 1e-9
    assert abs(chi2_sf(149.44921, 100) - 0.001) < 1e-5


def equal_chance_p_value(counts: np.ndarray, runs: int, k: int) -> float:
    """p-value for "each of N units is drawn with probability k/N per run" (k of N without replacement).

    The counts of an exchangeable k-of-N sample have covariance p(1-p)·N/(N-1)·(I - J/N) per run, so
    (N-1)/N · Σ (O-E)² / (T·p·(1-p)) is chi-square with N-1 degrees of freedom.
    """
    n = len(counts)
    p = k / n
    expected = runs * p
    stat = (n - 1) / n * float(((counts - expected) ** 2).sum()) / (runs * p * (1 - p))
    return chi2_sf(stat, n - 1)


def test_equal_chance_test_detects_a_biased_sampler():
    rng = np.random.default_rng(1)
    n, k = 20, 5
    fair = np.zeros(n)
    biased = np.zeros(n)
    weights = np.linspace(1.0, 1.4, n)
    for _ in range(RUNS):
        fair[rng.choice(n, k, replace=False)] += 1
        biased[rng.choice(n, k, replace=False, p=weights / weights.sum())] += 1
    assert equal_chance_p_value(fair, RUNS, k) > ALPHA
    assert equal_chance_p_value(biased, RUNS, k) < ALPHA


@pytest.mark.slow
def test_within_each_stratum_every_eligible_person_is_equally_likely():
    # three districts of 12, 18 and 30 people (plus children who are never eligible)
    districts = ["Eving"] * 14 + ["Hörde"] * 18 + ["Mengede"] * 32
    ages = [30 + (i % 40) for i in range(len(districts))]
    ages[0] = ages[1] = 10          # two children in Eving
    ages[-1] = ages[-2] = 15        # two children in Mengede
    genders = ["w" if i % 2 else "m" for i in range(len(districts))]
    reg = make_register(ages=ages, genders=genders, districts=districts)
    settings = DrawSettings(size=10, strata=("district",), household_rule=False)
    counts = np.zeros(len(ages))
    quotas = None
    for run in range(RUNS):
        res = run_draw(reg, settings, f"Statistik {run}")
        q = {s.label: s.quota for s in res.strata}
        assert quotas is None or q == quotas
        quotas = q
        for p in res.invitees:
            counts[p.valid_pos] += 1
    assert quotas == {"Eving": 2, "Hörde": 3, "Mengede": 5}   # 12:18:30 of 10 seats
    ages_arr = np.asarray(ages)
    dist_arr = np.asarray(districts)
    assert counts[ages_arr < 16].sum() == 0
    for district, k in quotas.items():
        members = np.flatnonzero((dist_arr == district) & (ages_arr >= 16))
        c = counts[members]
        assert c.sum() == RUNS * k
        p_value = equal_chance_p_value(c, RUNS, k)
        assert p_value > ALPHA, (district, p_value, c)


@pytest.mark.slow
def test_household_rule_chance_formula_one_over_m_times_k_over_h():
    # one district; households of size 1, 2 and 3; all adults -> chance = 1/m * k/H
    sizes = [1, 1, 1, 1, 2, 2, 2, 3, 3]
    households = [h for h, m in enumerate(sizes) for _ in range(m)]
    n = len(households)
    reg = make_register(ages=[40] * n, genders=["w"] * n, districts=["Eving"] * n, households=households)
    k = 3
    settings = DrawSettings(size=k, strata=("district",), household_rule=True)
    person_counts = np.zeros(n)
    household_counts = np.zeros(len(sizes))
    for run in range(RUNS):
        res = run_draw(reg, settings, f"Haushalt {run}")
        drawn_households = [households[p.valid_pos] for p in res.invitees]
        assert len(drawn_households) == len(set(drawn_households)) == k
        for p in res.invitees:
            person_counts[p.valid_pos] += 1
            household_counts[households[p.valid_pos]] += 1
    # every household equally likely: k of H households
    assert equal_chance_p_value(household_counts, RUNS, k) > ALPHA
    # each person: 1/m * k/H (checked to 4.5 standard deviations)
    n_households = len(sizes)
    for i in range(n):
        m = sizes[households[i]]
        p = k / n_households / m
        sd = math.sqrt(RUNS * p * (1 - p))
        assert abs(person_counts[i] - RUNS * p) < 4.5 * sd, (i, m, person_counts[i], RUNS * p)
    # within a household every member equally likely
    for h, m in enumerate(sizes):
        if m > 1:
            members = [i for i in range(n) if households[i] == h]
            c = person_counts[members]
            expected = c.sum() / m
            stat = float(((c - expected) ** 2 / expected).sum())
            assert chi2_sf(stat, m - 1) > ALPHA


@pytest.mark.slow
def test_replacements_are_equally_likely_too():
    n = 24
    reg = make_register(ages=[50] * n, genders=["m"] * n, districts=["Brackel"] * n)
    settings = DrawSettings(size=4, replacements=4, strata=(), household_rule=False)
    rep_counts = np.zeros(n)
    first_counts = np.zeros(n)
    for run in range(RUNS):
        res = run_draw(reg, settings, f"N{run}")
        for p in res.replacement_list:
            rep_counts[p.valid_pos] += 1
        first_counts[res.invitees[0].valid_pos] += 1
    assert equal_chance_p_value(rep_counts, RUNS, 4) > ALPHA
    # the first Ziehungsnummer is not tied to register order
    assert equal_chance_p_value(first_counts, RUNS, 1) > ALPHA
