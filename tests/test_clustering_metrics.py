"""Moves-to-fix and adjusted Rand index on small hand-computed examples; Hungarian matching vs brute force."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from quartierslabor_app.core.clustering.metrics import (adjusted_rand_index, contingency, linear_sum_assignment_max,
                                                        matched_count, moves_per_100, moves_to_fix)


def test_identical_partitions_need_no_moves_whatever_the_labels():
    assert moves_to_fix(list("aabbc"), list("xxyyz")) == 0
    assert adjusted_rand_index(list("aabbc"), list("xxyyz")) == pytest.approx(1.0)


def test_one_misplaced_card():
    # pred: {1,2,3} {4}; gold: {1,2} {3,4}: move card 3 -> 1 move
    assert moves_to_fix(list("aaab"), list("xxyy")) == 1
    assert moves_per_100(list("aaab"), list("xxyy")) == pytest.approx(25.0)


def test_everything_in_one_cluster_keeps_only_the_largest_gold_cluster():
    assert moves_to_fix(list("aaaaaa"), list("xxxyyz")) == 3


def test_split_cluster_counts_the_smaller_part():
    # gold {1..6} one cluster, pred splits 4/2: one-to-one matching keeps 4
    assert moves_to_fix(list("aaaabb"), list("xxxxxx")) == 2


def test_one_to_one_matching_not_majority_vote():
    # both predicted clusters are mostly gold x; only one may be matched to x
    pred = list("aaabbb")
    gold = list("xxyxxz")
    # matching a->x (2) and b->x impossible; best: a->x(2)+b->z(1)=3 or a->y(1)+b->x(2)=3 -> 3 moves
    assert moves_to_fix(pred, gold) == 3


def test_adjusted_rand_index_hand_computed():
    # classic example: pred [0,0,0,1,1,1], gold [0,0,1,1,2,2]
    # table [[2,1,0],[0,1,2]] -> sum C(n_ij,2)=2, rows 3+3=6, cols 1+1+1=3, C(6,2)=15
    # expected = 6*3/15 = 1.2, max = 4.5 -> (2-1.2)/(4.5-1.2) = 0.2424...
    assert adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.8 / 3.3)
    assert adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == pytest.approx(1.0)
    assert adjusted_rand_index([0, 1, 0, 1], [0, 0, 1, 1]) == pytest.approx(-0.5)


def test_contingency_and_length_check():
    table, p, g = contingency(["a", "a", "b"], ["x", "y", "y"])
    assert p == ["a", "b"] and g == ["x", "y"]
    assert table.tolist() == [[1, 1], [0, 1]]
    with pytest.raises(ValueError):
        contingency(["a"], ["x", "y"])


def test_hungarian_equals_brute_force_on_random_matrices():
    rng = np.random.default_rng(20261122)
    for _ in range(200):
        r, c = (int(x) for x in rng.integers(1, 6, 2))
        w = rng.integers(0, 10, (r, c))
        k = min(r, c)
        best = max(sum(w[i, j] for i, j in zip(rows, cols))
                   for rows in itertools.combinations(range(r), k) for cols in itertools.permutations(range(c), k))
        pairs = linear_sum_assignment_max(w)
        assert len(pairs) == k
        assert len({i for i, _ in pairs}) == k and len({j for _, j in pairs}) == k
        assert sum(w[i, j] for i, j in pairs) == best


def test_matched_count_with_more_predicted_than_gold_clusters():
    pred = list("abcdef")
    gold = list("xxxyyy")
    assert matched_count(pred, gold) == 2
    assert moves_to_fix(pred, gold) == 4
