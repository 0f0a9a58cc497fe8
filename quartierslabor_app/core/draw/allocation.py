"""Proportional allocation of invitations to strata: largest-remainder (Hamilton) method.

Rule (documented in the protocol, see :data:`ALLOCATION_RULE_TEXT`):

* Every stratum *s* has a weight ``w_s`` = number of eligible residents in it (population),
  multiplied by its oversampling factor (1 when none is set).
* The exact share of ``n`` invitations is ``n * w_s / sum(w)``. Each stratum first gets the
  integer part; the seats left over go one each to the strata with the largest fractional
  remainder. Ties are broken by the larger weight, then by the stratum's position in the
  sorted stratum list (so the rule never needs chance and can be recomputed by hand).
* A stratum never gets more than it has candidates (people who can still be invited after
  exclusions and the household rule). If the rule would give it more, it keeps its
  maximum, and the remaining seats are allocated again with the same rule among the
  other strata.

Arithmetic is exact (``fractions.Fraction``), so results do not depend on floating point.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Sequence

ALLOCATION_RULE_TEXT = (
    "Aufteilung auf die Schichten nach dem Verfahren der größten Reste (Hamilton/Hare-Niemeyer): "
    "Gewicht einer Schicht = Zahl der teilnahmeberechtigten Einwohnerinnen und Einwohner in der Schicht, "
    "multipliziert mit ihrem Übergewichtungsfaktor (sonst 1). Exakter Anteil = Zahl der Einladungen × "
    "Gewicht / Summe der Gewichte. Jede Schicht erhält zunächst den ganzzahligen Teil; die übrigen Plätze "
    "gehen einzeln an die Schichten mit den größten Nachkommaresten. Bei gleichem Rest entscheidet das "
    "größere Gewicht, danach die Reihenfolge der Schichten in der Tabelle. Keine Schicht erhält mehr "
    "Plätze als sie ziehbare Personen hat; überzählige Plätze werden nach derselben Regel unter den "
    "übrigen Schichten verteilt. Gerechnet wird mit exakten Brüchen."
)


def largest_remainder(total: int, weights: Sequence[Fraction | int | float]) -> list[int]:
    """Split ``total`` seats proportionally to ``weights`` (Hamilton; documented tie-break)."""
    if total < 0:
        raise ValueError("total must be >= 0")
    w = [Fraction(x) for x in weights]
    if any(x < 0 for x in w):
        raise ValueError("weights must be >= 0")
    s = sum(w, Fraction(0))
    if total == 0 or s == 0:
        return [0] * len(w)
    exact = [total * x / s for x in w]
    seats = [int(q) for q in exact]  # floor for non-negative fractions
    left = total - sum(seats)
    order = sorted(range(len(w)), key=lambda i: (-(exact[i] - seats[i]), -w[i], i))
    for i in order[:left]:
        seats[i] += 1
    return seats


def allocate(total: int, weights: Sequence[Fraction | int | float], caps: Sequence[int]) -> list[int]:
    """Largest remainder with per-stratum maxima (caps); re-allocates what a capped stratum cannot take.

    Requires ``total <= sum(caps)`` (checked by the caller with a German message).
    """
    n = len(weights)
    if len(caps) != n:
        raise ValueError("weights and caps differ in length")
    if total > sum(caps):
        raise ValueError("total exceeds the sum of caps")
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(n) if i not in fixed]
        remaining = total - sum(fixed.values())
        free_weights = [weights[i] for i in free]
        if free and sum(Fraction(x) for x in free_weights) == 0:
            # only zero-weight strata are left: share evenly (by position) up to their caps
            free_weights = [1 if caps[i] > 0 else 0 for i in free]
        part = largest_remainder(remaining, free_weights) if free else []
        over = [i for i, a in zip(free, part) if a > caps[i]]
        if not over:
            result = [0] * n
            for i, a in fixed.items():
                result[i] = a
            for i, a in zip(free, part):
                result[i] = a
            return result
        for i in over:
            fixed[i] = caps[i]
