"""Quality regression guard on the labelled dev set (a quality threshold, not a timing)."""
from __future__ import annotations

import csv
from collections import Counter

from conftest import TEST_DATA
from quartierslabor_app.core.clustering import Clusterer, default_taxonomy
from quartierslabor_app.core.clustering.metrics import adjusted_rand_index, moves_per_100

#: measured on tests/data/concerns_dev.csv (see benchmarks/bench_clustering_quality.py) plus a small margin
MAX_MOVES_PER_100_WITH_DISCOVERY = 5.5
MAX_MOVES_PER_100_NO_DISCOVERY = 4.5
MIN_ARI = 0.90


def _load(name):
    with open(TEST_DATA / name, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [r["cluster"] for r in rows]


def test_dev_and_holdout_sets_are_well_formed():
    keys = {c.key for c in default_taxonomy()}
    for name, minimum in (("concerns_dev.csv", 300), ("concerns_holdout.csv", 100)):
        texts, gold = _load(name)
        assert len(texts) >= minimum
        assert set(gold) == keys
        assert min(Counter(gold).values()) >= 9
        assert all(t.strip() for t in texts)
    dev, _ = _load("concerns_dev.csv")
    hold, _ = _load("concerns_holdout.csv")
    assert not {t.lower() for t in dev} & {t.lower() for t in hold}


def test_dev_set_quality_guard():
    texts, gold = _load("concerns_dev.csv")
    with_disc = [a.cluster_key for a in Clusterer().recluster(texts)]
    without = [a.cluster_key for a in Clusterer().recluster(texts, discovery=False)]
    assert moves_per_100(with_disc, gold) <= MAX_MOVES_PER_100_WITH_DISCOVERY
    assert moves_per_100(without, gold) <= MAX_MOVES_PER_100_NO_DISCOVERY
    assert adjusted_rand_index(with_disc, gold) >= MIN_ARI


def test_learning_from_corrections_fixes_repeated_mistakes():
    texts, gold = _load("concerns_dev.csv")
    c = Clusterer()
    wrong = [(t, g) for t, g in zip(texts, gold) if c.assign(t).cluster_key != g]
    assert wrong, "the dev set should contain cards the built-in knowledge gets wrong"
    for t, g in wrong:
        c.learn(t, g)
    assert all(c.assign(t).cluster_key == g for t, g in wrong)
