"""Clustering quality metrics: *moves to fix* (one-to-one cluster matching) and the adjusted Rand index."""
from __future__ import annotations

from math import comb
from typing import Hashable, Sequence

import numpy as np


def contingency(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[np.ndarray, list, list]:
    """Counts table ``table[p, g]`` of predicted cluster p and gold cluster g (rows/cols in first-seen order)."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must have the same length")
    p_labels = list(dict.fromkeys(pred))
    g_labels = list(dict.fromkeys(gold))
    p_index = {lab: i for i, lab in enumerate(p_labels)}
    g_index = {lab: i for i, lab in enumerate(g_labels)}
    table = np.zeros((len(p_labels), len(g_labels)), dtype=np.int64)
    for p, g in zip(pred, gold):
        table[p_index[p], g_index[g]] += 1
    return table, p_labels, g_labels


def linear_sum_assignment_max(weights: np.ndarray) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one matching of rows and columns (Hungarian algorithm, O(n³)).

    Works on rectangular matrices; returns (row, col) pairs, one per row or column of the smaller side.
    """
    w = np.asarray(weights, dtype=float)
    n_rows, n_cols = w.shape
    if n_rows == 0 or n_cols == 0:
        return []
    n = max(n_rows, n_cols)
    cost = np.zeros((n, n))
    cost[:n_rows, :n_cols] = w.max() - w          # minimise cost = maximise weight; padding costs 0
    if n_rows != n_cols:
        cost[n_rows:, :] = 0.0
        cost[:, n_cols:] = 0.0
    INF = float("inf")
    u = np.zeros(n + 1)
    v = np.zeros(n + 1)
    p = np.zeros(n + 1, dtype=np.int64)      # p[j] = row matched to column j (1-based), 0 = none
    way = np.zeros(n + 1, dtype=np.int64)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(n + 1, INF)
        used = np.zeros(n + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            cur = cost[i0 - 1, :] - u[i0] - v[1:]
            free = ~used[1:]
            better = free & (cur < minv[1:])
            minv[1:][better] = cur[better]
            way[1:][better] = j0
            cand = np.where(free, minv[1:], INF)
            j1 = int(np.argmin(cand)) + 1
            delta = cand[j1 - 1]
            used_idx = np.nonzero(used)[0]
            u[p[used_idx]] += delta
            v[used_idx] -= delta
            minv[1:][free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = []
    for j in range(1, n + 1):
        i = p[j]
        if i and i - 1 < n_rows and j - 1 < n_cols:
            pairs.append((int(i - 1), int(j - 1)))
    return sorted(pairs)


def matched_count(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> int:
    """Largest number of cards that can stay put under a one-to-one matching of clusters."""
    table, _, _ = contingency(pred, gold)
    return int(sum(table[r, c] for r, c in linear_sum_assignment_max(table)))


def moves_to_fix(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> int:
    """Fewest card moves that turn the predicted clustering into the gold one (clusters matched one-to-one;
    unmatched predicted clusters must be emptied). ``n - matched``."""
    return len(pred) - matched_count(pred, gold)


def moves_per_100(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    return 100.0 * moves_to_fix(pred, gold) / len(pred) if len(pred) else 0.0


def adjusted_rand_index(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Adjusted Rand index (Hubert & Arabie); 1 = identical partitions, ~0 = chance."""
    table, _, _ = contingency(pred, gold)
    n = int(table.sum())
    if n < 2:
        return 1.0
    sum_cells = sum(comb(int(x), 2) for x in table.ravel())
    sum_rows = sum(comb(int(x), 2) for x in table.sum(axis=1))
    sum_cols = sum(comb(int(x), 2) for x in table.sum(axis=0))
    total = comb(n, 2)
    expected = sum_rows * sum_cols / total
    maximum = (sum_rows + sum_cols) / 2
    if maximum == expected:
        return 1.0
    return float((sum_cells - expected) / (maximum - expected))
