"""Leximin distribution over quota-satisfying panels, by column generation with HiGHS.

Respondents with the same value in every quota feature form a *type*. Quotas only count
people per category, so whether a panel meets them depends only on how many of each type it
holds: a panel *composition* is a vector ``c`` with ``0 <= c[t] <= n[t]`` (``n[t]`` people of
type ``t``), ``sum(c) = seats`` and ``min <= sum(c[t] for t in category) <= max`` for every
category. A distribution over compositions, with the members of each type then drawn uniformly,
gives everyone of type ``t`` the probability ``E[c[t]] / n[t]``. The leximin-optimal
selection probabilities are unique and therefore equal within a type (swapping two people of the
same type maps every quota-satisfying panel to one), so nothing is lost by working with types.

Maximin (phase 1) is the linear programme

    maximise z  subject to  sum_c lambda_c * c[t] >= n[t] * z  for every type t,
                            sum_c lambda_c = 1,  lambda >= 0

over all compositions ``c``. Column generation solves it with only the compositions it needs:
the master LP (HiGHS simplex) gives dual prices ``pi[t] >= 0`` and ``pi0``; the pricing
problem, a small integer programme over the quota constraints (HiGHS MIP), finds the
composition with the largest ``sum_t pi[t] * c[t]``. If that exceeds ``-pi0`` the composition
enters the master; otherwise the master is optimal. The MIP's dual bound ``M`` certifies the
gap: the optimum is at most ``M - b·pi`` (LP duality), and iteration stops when that bound is
within :data:`GAP_TOLERANCE` of the master's value.

Leximin (later phases): the types whose dual price is positive have probability exactly ``z``
in every optimal solution (complementary slackness); they are fixed at ``z`` (rows become
``sum_c lambda_c c[t] >= n[t] * z_fixed``) and the smallest probability of the remaining types is
maximised again, until every type is fixed.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from ...progress import CancelToken, ProgressCallback, report
from ... import count_texts
from ...messages import QT_TRANSLATE_NOOP, Message

#: stop column generation when the certified upper bound is this close to the master's value
GAP_TOLERANCE = 1e-9
#: a dual price above this marks a type as tight at the current minimum (leximin fixing)
DUAL_TOLERANCE = 1e-9
#: fixed probabilities are relaxed by this much so rounding never makes the master infeasible
FIX_SLACK = 1e-10
MAX_ITERATIONS = 20000
#: local search starts from this many of the columns with the largest weight
LOCAL_STARTS = 4


@dataclass
class QuotaProblem:
    """Types and quotas: ``type_counts[t]`` people of type ``t``; ``category_types[q]`` the types in
    category ``q`` with bounds ``category_min[q]..category_max[q]``; ``seats`` panel size."""
    type_counts: Sequence[int]
    category_types: Sequence[Sequence[int]]
    category_min: Sequence[int]
    category_max: Sequence[int]
    seats: int


@dataclass
class PanelDistribution:
    """Compositions (rows of ``compositions``, one count per type) with their probabilities."""
    compositions: np.ndarray        # shape (m, types), int
    weights: np.ndarray             # shape (m,), sums to 1
    maximin: float                  # optimal smallest selection probability (phase 1)
    phases: int                     # leximin phases solved
    iterations: int                 # pricing problems solved

    def type_probabilities(self, type_counts: Sequence[int]) -> np.ndarray:
        expected = self.weights @ self.compositions
        return expected / np.asarray(type_counts, dtype=float)


_banner_silenced = False


def _highs():
    """A silent HiGHS instance (its one-time licence banner would land on the CLI's standard output)."""
    global _banner_silenced
    import highspy
    if _banner_silenced:
        h = highspy.Highs()
    else:
        h = _quietly(highspy.Highs)
        _banner_silenced = True
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    h.setOptionValue("random_seed", 0)
    return h


def _quietly(make):
    """Call ``make()`` with the process's standard output (file descriptor 1) sent to the null device."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError, AttributeError):
        return make()
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            return make()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


class _Pricing:
    """The pricing integer programme: quota constraints over type counts, objective set per call."""

    def __init__(self, problem: QuotaProblem, *, relaxed: bool = False) -> None:
        import highspy
        self.inf = highspy.kHighsInf
        self.relaxed = relaxed
        self.h = h = _highs()
        h.setOptionValue("presolve", "off")       # the model is tiny; presolve costs more than it saves
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 1e-12)
        h.setOptionValue("mip_feasibility_tolerance", 1e-9)
        counts = np.asarray(problem.type_counts, dtype=float)
        self.types = len(counts)
        h.addVars(self.types, np.zeros(self.types), counts)
        if not relaxed:
            h.changeColsIntegrality(self.types, np.arange(self.types, dtype=np.int32),
                                    np.full(self.types, highspy.HighsVarType.kInteger))
        all_types = np.arange(self.types, dtype=np.int32)
        h.addRow(problem.seats, problem.seats, self.types, all_types, np.ones(self.types))
        for members, lo, hi in zip(problem.category_types, problem.category_min, problem.category_max):
            idx = np.asarray(sorted(members), dtype=np.int32)
            h.addRow(float(lo), float(hi), len(idx), idx, np.ones(len(idx)))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)

    def solve(self, weights: np.ndarray) -> tuple[Optional[np.ndarray], float]:
        """Best composition for ``weights`` and a certified upper bound of its value (``None`` if infeasible).

        The relaxed (LP) model returns its bound and, only when its optimum is integral, that composition."""
        import highspy
        self.h.changeColsCost(self.types, np.arange(self.types, dtype=np.int32), np.asarray(weights, dtype=float))
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None, float("nan")
        if self.relaxed:                  # an integral LP optimum is the integer optimum too
            raw = np.asarray(self.h.getSolution().col_value)
            rounded = np.rint(raw)
            value = float(self.h.getInfo().objective_function_value)
            return (rounded.astype(np.int64) if np.abs(raw - rounded).max() < 1e-9 else None), value
        values = np.rint(np.asarray(self.h.getSolution().col_value)).astype(np.int64)
        info = self.h.getInfo()
        bound = max(float(info.mip_dual_bound), float(weights @ values))
        return values, bound


class _LocalSearch:
    """Cheap pricing heuristic: improve a composition by moving one seat between two types while every
    quota stays met, best move first, until no move gains. Only when it finds no improving column is
    the exact pricing MIP needed (which also certifies optimality)."""

    def __init__(self, problem: QuotaProblem) -> None:
        types = len(problem.type_counts)
        self.n = np.asarray(problem.type_counts, dtype=np.int64)
        self.a = np.zeros((len(problem.category_types), types), dtype=np.int64)
        for q, members in enumerate(problem.category_types):
            self.a[q, list(members)] = 1
        self.lo = np.asarray(problem.category_min, dtype=np.int64)[:, None, None]
        self.hi = np.asarray(problem.category_max, dtype=np.int64)[:, None, None]
        self.delta = self.a[:, None, :] - self.a[:, :, None]       # [q, from, to]

    def improve(self, start: np.ndarray, weights: np.ndarray) -> np.ndarray:
        c = start.copy()
        gain = weights[None, :] - weights[:, None]                  # [from, to]
        for _ in range(int(self.n.sum())):
            cats = (self.a @ c)[:, None, None] + self.delta
            ok = ((cats >= self.lo) & (cats <= self.hi)).all(axis=0)
            ok &= (c > 0)[:, None] & (c < self.n)[None, :]
            candidates = np.where(ok, gain, -np.inf)
            best = int(np.argmax(candidates))
            src, dst = divmod(best, len(c))
            if candidates[src, dst] <= 1e-12:
                break
            c[src] -= 1
            c[dst] += 1
        return c


class _Master:
    """Restricted master LP: ``min -z`` over the compositions found so far."""

    def __init__(self, counts: np.ndarray) -> None:
        import highspy
        self.inf = highspy.kHighsInf
        self.h = h = _highs()
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        self.counts = counts
        self.types = len(counts)
        lower = np.zeros(self.types + 1)
        upper = np.full(self.types + 1, self.inf)
        lower[-1] = upper[-1] = 1.0        # convexity row
        h.addRows(self.types + 1, lower, upper, 0, np.zeros(self.types + 2, dtype=np.int32),
                  np.zeros(0, dtype=np.int32), np.zeros(0))
        idx = np.arange(self.types, dtype=np.int32)
        h.addCol(-1.0, -self.inf, self.inf, self.types, idx, -counts.astype(float))   # z = column 0
        self.columns: list[np.ndarray] = []

    def add(self, composition: np.ndarray) -> None:
        nz = np.flatnonzero(composition)
        idx = np.concatenate([nz, [self.types]]).astype(np.int32)
        vals = np.concatenate([composition[nz].astype(float), [1.0]])
        self.h.addCol(0.0, 0.0, self.inf, len(idx), idx, vals)
        self.columns.append(composition.copy())

    def fix(self, t: int, probability: float) -> None:
        """Type ``t`` keeps at least ``probability`` and leaves the minimum ``z``."""
        self.h.changeCoeff(t, 0, 0.0)
        self.h.changeRowBounds(t, max(0.0, (probability - FIX_SLACK) * self.counts[t]), self.inf)

    def solve(self) -> tuple[float, np.ndarray, float, np.ndarray]:
        """``z``, dual prices per type, dual of the convexity row, the compositions' weights."""
        self.h.run()
        sol = self.h.getSolution()
        duals = np.asarray(sol.row_dual)
        values = np.asarray(sol.col_value)
        return float(values[0]), np.maximum(duals[:self.types], 0.0), float(duals[self.types]), values[1:]


def leximin_distribution(problem: QuotaProblem, initial: np.ndarray, *, leximin: bool = True,
                         progress: Optional[ProgressCallback] = None,
                         cancel: Optional[CancelToken] = None) -> PanelDistribution:
    """The leximin (or, with ``leximin=False``, a maximin) distribution; ``initial`` is one feasible composition."""
    counts = np.asarray(problem.type_counts, dtype=np.int64)
    pricing = _Pricing(problem)
    relaxation = _Pricing(problem, relaxed=True)
    local = _LocalSearch(problem)
    master = _Master(counts)
    master.add(np.asarray(initial, dtype=np.int64))
    free = np.ones(len(counts), dtype=bool)
    maximin: Optional[float] = None
    phases = iterations = 0
    while free.any():
        phases += 1
        while True:
            iterations += 1
            if iterations > MAX_ITERATIONS:
                raise RuntimeError("column generation did not converge")
            z, pi, pi0, values = master.solve()
            found = _local_columns(master, local, pi, pi0, values)
            if found:
                for c in found:
                    master.add(c)
                continue
            composition, bound = relaxation.solve(pi)
            if bound + pi0 <= GAP_TOLERANCE:      # even the LP relaxation certifies optimality
                break
            if composition is None:
                composition, bound = pricing.solve(pi)
            if composition is None:
                raise RuntimeError("pricing problem infeasible although a panel exists")
            if bound + pi0 <= GAP_TOLERANCE:
                break
            if pi @ composition + pi0 > GAP_TOLERANCE:
                master.add(composition)
            else:                       # bound not yet tight but no better column: accept the certificate gap
                break
        if maximin is None:
            maximin = z
        tight = free & (pi > DUAL_TOLERANCE)
        if not tight.any():             # numerically flat duals: fix the types at the minimum
            probs = _probabilities(master, counts)
            tight = free & (probs <= z + 1e-9)
            if not tight.any():
                tight = free.copy()
        for t in np.flatnonzero(tight):
            master.fix(int(t), z)
        free &= ~tight
        fixed = int(len(counts) - free.sum())
        report(progress, fixed / len(counts),
               Message(QT_TRANSLATE_NOOP("Panel", "Wahrscheinlichkeiten festgelegt: {done}"),
                       done=count_texts.of_total(fixed, count_texts.groups(len(counts)))), cancel)
        if not leximin:
            break
    z, _pi, _pi0, values = master.solve()
    weights = np.maximum(values, 0.0)
    keep = weights > 1e-13
    compositions = np.asarray(master.columns, dtype=np.int64)[keep]
    weights = weights[keep] / weights[keep].sum()
    best = float(maximin if maximin is not None else z)
    return PanelDistribution(compositions, weights, max(0.0, best), phases, iterations)   # no -0.0


def _local_columns(master: _Master, local: _LocalSearch, pi: np.ndarray, pi0: float,
                   values: np.ndarray) -> list[np.ndarray]:
    """Improving compositions found by local search from the columns in use (none if it finds none)."""
    used = np.flatnonzero(values > 1e-12)
    used = used[np.argsort(-values[used])][:LOCAL_STARTS]
    found: list[np.ndarray] = []
    for i in used:
        c = local.improve(master.columns[int(i)], pi)
        if pi @ c + pi0 > 1e-7 and not any(np.array_equal(c, old) for old in [*found, *master.columns[-100:]]):
            found.append(c)
    return found


def _probabilities(master: _Master, counts: np.ndarray) -> np.ndarray:
    values = np.asarray(master.h.getSolution().col_value)[1:]
    return (values @ np.asarray(master.columns, dtype=float)) / counts


def feasible_composition(problem: QuotaProblem) -> Optional[np.ndarray]:
    """One composition that meets every quota, or ``None`` if there is none."""
    composition, _bound = _Pricing(problem).solve(np.zeros(len(problem.type_counts)))
    return composition


def smallest_violation(problem: QuotaProblem) -> list[tuple[int, int, int]]:
    """When no panel meets the quotas: ``(category, missing at min, excess over max)`` of a least violation.

    Integer programme: the panel may fall short of a minimum or exceed a maximum by slack
    variables; their sum is minimised (only the seat count is kept exactly).
    """
    import highspy
    h = _highs()
    counts = np.asarray(problem.type_counts, dtype=float)
    types = len(counts)
    cats = len(problem.category_types)
    # columns: type counts, then shortfall and excess per category
    lower = np.zeros(types + 2 * cats)
    upper = np.concatenate([counts, np.full(2 * cats, float(problem.seats))])
    h.addVars(len(lower), lower, upper)
    h.changeColsIntegrality(len(lower), np.arange(len(lower), dtype=np.int32),
                            np.full(len(lower), highspy.HighsVarType.kInteger))
    h.changeColsCost(2 * cats, np.arange(types, types + 2 * cats, dtype=np.int32), np.ones(2 * cats))
    h.addRow(problem.seats, problem.seats, types, np.arange(types, dtype=np.int32), np.ones(types))
    for q, (members, lo, hi) in enumerate(zip(problem.category_types, problem.category_min, problem.category_max)):
        idx = np.asarray(sorted(members), dtype=np.int32)
        short, excess = types + q, types + cats + q
        h.addRow(float(lo), highspy.kHighsInf,
                 len(idx) + 1, np.concatenate([idx, [short]]).astype(np.int32),
                 np.concatenate([np.ones(len(idx)), [1.0]]))
        h.addRow(-highspy.kHighsInf, float(hi), len(idx) + 1, np.concatenate([idx, [excess]]).astype(np.int32),
                 np.concatenate([np.ones(len(idx)), [-1.0]]))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return []
    values = np.rint(np.asarray(h.getSolution().col_value)).astype(int)
    out = []
    for q in range(cats):
        short, excess = int(values[types + q]), int(values[types + cats + q])
        if short or excess:
            out.append((q, short, excess))
    return out
