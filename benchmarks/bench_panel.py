"""Fair final panel (issue 9): leximin by column generation vs. the reference ``sortition-algorithms``.

    .venv/bin/python benchmarks/bench_panel.py [--pools 60:25,120:40,300:30] [--repeat 1]

Pools are generated like the lab's replies: more older people and more women reply than live in
the neighbourhood; quotas on age band, gender and district are the population share × seats,
rounded down and up (``default_quotas``, slack 0). For each pool it prints our maximin value,
the time to it (maximin only) and to the full leximin distribution, and the reference
package's maximin value and time (``find_distribution_maximin`` with its default HiGHS backend)
on the same pool; max/Ref and lex/Ref are our maximin and leximin times as a share of the
reference's maximin time (target: at most 0.2). The reference is optional (``pip install sortition-algorithms`` into the venv);
without it the comparison is skipped with a note. Prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import io
import csv
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quartierslabor_app.core.selection.panel import (Respondent, compute_distribution,  # noqa: E402
                                                     default_quotas)

AGE_SHARES = {"16–24": 0.13, "25–39": 0.25, "40–54": 0.24, "55–69": 0.22, "70+": 0.16}
AGE_REPLY = {"16–24": 0.45, "25–39": 0.7, "40–54": 1.0, "55–69": 1.5, "70+": 1.9}
GENDER_SHARES = {"weiblich": 0.51, "männlich": 0.49}
GENDER_REPLY = {"weiblich": 1.35, "männlich": 1.0}
DISTRICT_SHARES = {"Nord": 0.3, "Mitte": 0.25, "Süd": 0.2, "Ost": 0.15, "West": 0.1}
DISTRICT_REPLY = {"Nord": 1.0, "Mitte": 1.2, "Süd": 0.9, "Ost": 0.8, "West": 1.1}


def population_shares() -> dict[str, dict[str, float]]:
    return {"Altersgruppe": AGE_SHARES, "Geschlecht": GENDER_SHARES, "Stadtbezirk": DISTRICT_SHARES}


def generate_pool(size: int, seed: int) -> list[Respondent]:
    """``size`` respondents drawn from the population reweighted by the reply propensities."""
    rng = np.random.default_rng(seed)
    dims = [(name, shares, reply) for name, shares, reply in
            (("Altersgruppe", AGE_SHARES, AGE_REPLY), ("Geschlecht", GENDER_SHARES, GENDER_REPLY),
             ("Stadtbezirk", DISTRICT_SHARES, DISTRICT_REPLY))]
    people = []
    for i in range(size):
        features = {}
        for name, shares, reply in dims:
            cats = list(shares)
            w = np.array([shares[c] * reply[c] for c in cats])
            features[name] = cats[int(rng.choice(len(cats), p=w / w.sum()))]
        people.append(Respondent(f"P{i + 1:04d}", features, i + 2))
    return people


def feasible_pool(size: int, seats: int, seed: int):
    """The first generated pool (from ``seed`` on) whose default quotas can be met."""
    from quartierslabor_app.core.errors import UserError
    for s in range(seed, seed + 200):
        pool = generate_pool(size, s)
        categories = default_quotas(population_shares(), seats, slack=0)
        try:
            compute_distribution(pool, categories, seats, leximin=False)
        except UserError:
            continue
        return s, pool, categories
    raise SystemExit("no feasible pool found")


def reference(pool, categories, seats):
    try:
        from sortition_algorithms.adapters import CSVStringDataSource, SelectionData
        from sortition_algorithms.committee_generation.maximin import find_distribution_maximin
        from sortition_algorithms.settings import Settings
    except ImportError:
        return None
    feats = io.StringIO()
    w = csv.writer(feats)
    w.writerow(["feature", "value", "min", "max"])
    for c in categories:
        w.writerow([c.feature, c.value, c.min, c.max])
    people = io.StringIO()
    w = csv.writer(people)
    names = list(pool[0].features)
    w.writerow(["id", *names])
    for p in pool:
        w.writerow([p.id, *(p.features[n] for n in names)])
    data = SelectionData(CSVStringDataSource(feats.getvalue(), people.getvalue()))
    features, _ = data.load_features(seats)
    settings = Settings(id_column="id", columns_to_keep=[])
    ppl, _ = data.load_people(settings, features)
    start = time.perf_counter()
    committees, probs, _report = find_distribution_maximin(features, ppl, seats, [])
    elapsed = time.perf_counter() - start
    marginal = {p.id: 0.0 for p in pool}
    for committee, prob in zip(committees, probs):
        for pid in committee:
            marginal[pid] += prob
    return min(marginal.values()), elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pools", default="60:25,120:40,300:30")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=3, help="timings: median of this many runs")
    args = parser.parse_args()
    try:
        import sortition_algorithms  # noqa: F401
        have_reference = True
    except ImportError:
        have_reference = False
        print("sortition-algorithms ist nicht installiert: Vergleich übersprungen "
              "(pip install sortition-algorithms in die venv).")
    header = (f"{'Pool':>9} {'Typen':>5} {'maximin':>10} {'~Bruch':>8} {'t maximin':>9} {'t leximin':>9} "
              f"{'Phasen':>6} {'Ref. maximin':>12} {'t Ref.':>8} {'Diff.':>9} {'max/Ref':>7} {'lex/Ref':>7}")
    print(header)
    for spec in args.pools.split(","):
        size, seats = (int(x) for x in spec.split(":"))
        _s, pool, categories = feasible_pool(size, seats, args.seed)
        t_max, t_lex = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            res_max = compute_distribution(pool, categories, seats, leximin=False)
            t_max.append(time.perf_counter() - start)
            start = time.perf_counter()
            res = compute_distribution(pool, categories, seats)
            t_lex.append(time.perf_counter() - start)
        ours = res.maximin
        frac = Fraction(ours).limit_denominator(500)
        line = (f"{size:>4}→{seats:<4} {res.type_count:>5} {ours:>10.6f} {str(frac):>8} {np.median(t_max):>8.3f}s "
                f"{np.median(t_lex):>8.3f}s {res.distribution.phases:>6}")
        assert abs(res_max.maximin - ours) < 1e-9
        if have_reference:
            ref_min, ref_t = reference(pool, categories, seats)
            line += (f" {ref_min:>12.6f} {ref_t:>7.2f}s {ours - ref_min:>+9.1e} "
                     f"{np.median(t_max) / ref_t:>7.3f} {np.median(t_lex) / ref_t:>7.3f}")
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
