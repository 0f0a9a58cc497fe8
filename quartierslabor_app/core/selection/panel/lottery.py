"""The fair final panel: leximin probabilities for every respondent, one panel drawn from them, replacements.

Drawing (documented in :data:`DRAW_RULE_TEXT`, reproducible from the seed text): the generator is
derived from the seed exactly like the invitation draw (``core/draw/seed.py``). First
``u = rng.random()`` picks the composition ``i``: the first one whose cumulative weight (in the
recorded order) exceeds ``u``. Then, type by type in the recorded order, the respondents of the type
(sorted by id) are shuffled with ``rng.permutation`` and the first ``c[t]`` of them join the panel.
Everybody's probability is exactly ``sum_i weight_i * c_i[t] / n[t]``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from ...draw.seed import derive_generator
from ...errors import UserError
from ...messages import QT_TRANSLATE_NOOP, Message
from ...progress import CancelToken, ProgressCallback
from .quotas import Category, Respondent, check_simple, features_of, violation_error
from .solver import (PanelDistribution, QuotaProblem, feasible_composition, leximin_distribution,
                     smallest_violation)

METHOD_TEXT = (
    "Unter allen Verteilungen über Panels, die jede Quote erfüllen, wird die gewählt, die die kleinste "
    "Auswahlwahrscheinlichkeit einer Person so groß wie möglich macht (Maximin), dann die zweitkleinste usw. "
    "(Leximin; Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 596, 2021). Personen mit denselben Merkmalswerten "
    "bilden eine Gruppe; die Verteilung wird über die Zahl der Personen je Gruppe berechnet "
    "(Spaltengenerierung mit HiGHS), innerhalb einer Gruppe ist jede Person gleich wahrscheinlich."
)
DRAW_RULE_TEXT = (
    "Ziehung: Aus dem Startwert wird der Zufallsgenerator wie bei der Einladungsziehung abgeleitet. "
    "u = rng.random() wählt die Zusammensetzung, deren kumulierte Wahrscheinlichkeit (in der protokollierten "
    "Reihenfolge) als erste größer als u ist. Danach werden Gruppe für Gruppe (protokollierte Reihenfolge) die "
    "Personen der Gruppe nach Kennung sortiert, mit rng.permutation gemischt, und die ersten so viele, wie die "
    "Zusammensetzung für die Gruppe vorsieht, kommen ins Panel."
)
REPLACEMENT_RULE_TEXT = (
    "Nachrücken: Sagen Mitglieder des Panels ab, bleiben die übrigen Mitglieder im Panel. Unter den "
    "Zusagen, die noch nicht im Panel sind, wird mit derselben Methode eine faire Verteilung für die freien "
    "Plätze berechnet – mit Quoten, die um die verbleibenden Mitglieder verringert sind – und mit einem neuen "
    "öffentlichen Startwert gezogen. So bleiben alle Quoten erfüllt."
)


@dataclass
class PanelTypes:
    """Respondents grouped by their feature values (the solver's types), in sorted order."""
    features: list[str]
    keys: list[tuple[str, ...]]              # values per feature, one per type
    members: list[list[str]]                 # respondent ids per type, sorted
    type_of: dict[str, int]                  # respondent id -> type

    @property
    def counts(self) -> list[int]:
        return [len(m) for m in self.members]


@dataclass
class PanelComputation:
    respondents: list[Respondent]
    categories: list[Category]
    seats: int
    types: PanelTypes
    distribution: PanelDistribution
    probabilities: dict[str, float] = field(default_factory=dict)   # id -> selection probability

    @property
    def maximin(self) -> float:
        return self.distribution.maximin

    @property
    def type_count(self) -> int:
        return len(self.types.keys)


@dataclass
class PanelDraw:
    seed_text: str
    seed_digest: str
    u: float
    composition_index: int
    selected: list[str]            # ids, sorted


def group_types(respondents: Sequence[Respondent], categories: Sequence[Category]) -> PanelTypes:
    features = features_of(categories)
    allowed = {f: {c.value for c in categories if c.feature == f} for f in features}
    groups: dict[tuple[str, ...], list[str]] = {}
    seen: set[str] = set()
    for r in respondents:
        if r.id in seen:
            raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "Die Kennung „{id}“ kommt mehrfach vor."), id=r.id),
                            row=r.row or None)
        seen.add(r.id)
        key = []
        for f in features:
            value = r.features.get(f, "")
            if value not in allowed[f]:
                raise UserError(Message(QT_TRANSLATE_NOOP(
                    "Panel", "„{id}“ hat bei „{feature}“ den Wert „{value}“, für den es keine Quote gibt."),
                    id=r.id, feature=f, value=value), row=r.row or None, column=f,
                    hint=Message(QT_TRANSLATE_NOOP("Panel", "Ergänzen Sie die Quoten um diesen Wert oder "
                                                            "korrigieren Sie die Angabe.")))
            key.append(value)
        groups.setdefault(tuple(key), []).append(r.id)
    keys = sorted(groups)
    members = [sorted(groups[k]) for k in keys]
    type_of = {pid: t for t, ids in enumerate(members) for pid in ids}
    return PanelTypes(features, keys, members, type_of)


def quota_problem(types: PanelTypes, categories: Sequence[Category], seats: int) -> QuotaProblem:
    index = {f: i for i, f in enumerate(types.features)}
    cat_types = [[t for t, key in enumerate(types.keys) if key[index[c.feature]] == c.value] for c in categories]
    return QuotaProblem(types.counts, cat_types, [c.min for c in categories], [c.max for c in categories], seats)


def compute_distribution(respondents: Sequence[Respondent], categories: Sequence[Category], seats: int, *,
                         leximin: bool = True, progress: Optional[ProgressCallback] = None,
                         cancel: Optional[CancelToken] = None) -> PanelComputation:
    """The leximin distribution over quota-satisfying panels and everyone's selection probability."""
    respondents, categories = list(respondents), list(categories)
    types = group_types(respondents, categories)       # unknown values first: they explain the rest
    check_simple(respondents, categories, seats)
    problem = quota_problem(types, categories, seats)
    initial = feasible_composition(problem)
    if initial is None:
        violations = smallest_violation(problem)
        if violations:
            q, short, excess = violations[0]
            raise violation_error(categories[q], short, excess)
        raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "Die Quoten lassen sich nicht gleichzeitig erfüllen.")))
    distribution = leximin_distribution(problem, initial, leximin=leximin, progress=progress, cancel=cancel)
    return PanelComputation(respondents, categories, seats, types, distribution,
                            _probabilities(types, distribution))


def _probabilities(types: PanelTypes, distribution: PanelDistribution) -> dict[str, float]:
    per_type = distribution.type_probabilities(types.counts)
    return {pid: float(per_type[t]) for t, ids in enumerate(types.members) for pid in ids}


def draw_from(types: PanelTypes, distribution: PanelDistribution, seed_text: str) -> PanelDraw:
    """One panel from the distribution (rule: :data:`DRAW_RULE_TEXT`)."""
    rng, digest = derive_generator(seed_text)
    u = float(rng.random())
    cumulative = np.cumsum(distribution.weights)
    index = int(min(np.searchsorted(cumulative, u * cumulative[-1], side="right"), len(cumulative) - 1))
    composition = distribution.compositions[index]
    chosen: list[str] = []
    for t, ids in enumerate(types.members):
        order = rng.permutation(len(ids))
        chosen.extend(ids[int(i)] for i in order[:int(composition[t])])
    return PanelDraw(seed_text, digest, u, index, sorted(chosen))


def replacement_problem(computation_respondents: Sequence[Respondent], categories: Sequence[Category],
                        panel_ids: Sequence[str], dropout_ids: Sequence[str]
                        ) -> tuple[list[Respondent], list[Category], int, list[str]]:
    """Candidates, reduced quotas, free seats and the members who stay, when ``dropout_ids`` leave the panel."""
    by_id = {r.id: r for r in computation_respondents}
    panel, dropped = list(dict.fromkeys(panel_ids)), set(dropout_ids)
    for pid in [*panel, *dropped]:
        if pid not in by_id:
            raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "Die Kennung „{id}“ gibt es in den Zusagen nicht."),
                                    id=pid))
    not_member = sorted(dropped - set(panel))
    if not_member:
        raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "„{id}“ gehört nicht zum Panel und kann nicht absagen."),
                                id=not_member[0]))
    stay = [pid for pid in panel if pid not in dropped]
    candidates = [r for r in computation_respondents if r.id not in set(panel)]
    reduced = []
    for c in categories:
        kept = sum(1 for pid in stay if by_id[pid].features.get(c.feature) == c.value)
        if kept > c.max:
            raise UserError(Message(QT_TRANSLATE_NOOP(
                "Panel", "Quote „{category}“: die verbleibenden Mitglieder überschreiten schon das Maximum {max}."),
                category=c.label, max=c.max))
        reduced.append(Category(c.feature, c.value, max(0, c.min - kept), c.max - kept))
    return candidates, reduced, len(panel) - len(stay), stay
