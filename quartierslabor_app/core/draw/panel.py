"""Final panel: when more people accept than there are seats, select fairly against population quotas.

Method (documented in :data:`PANEL_RULE_TEXT`, reproducible from a seed text):

1. The accepted people are sorted by their draw order (or the given key), so the input order
   does not matter.
2. Cells are the combinations of the chosen dimensions (e.g. age band × gender) that occur among
   the accepted. Target shares per dimension come from the population (e.g. the lab's
   ``ParticipationAggregate`` rows); the joint target of each cell is estimated by iterative
   proportional fitting (raking) starting from the accepted counts, so the cell targets match
   every dimension's population shares as closely as the accepted people allow.
3. Seats are allocated to the cells by largest remainder (same rule as the draw), never more
   than a cell has accepted people; left-over seats go to the other cells by the same rule.
4. Within a cell every accepted person is equally likely: each gets ``rng.random()`` (in sorted
   order), the smallest numbers win. The selected are listed in random order
   (``rng.permutation``), the others form the waiting list in random order (``rng.permutation``).

The generator is derived from the seed text exactly like the invitation draw (``seed.py``).
We chose this simple quota method over the GPL package ``sortition-algorithms`` because that
package pulls in cvxpy, scipy and Google-Sheets clients (about 30 packages) for an offline
desktop app, while the panels here are small (tens of seats) and need marginal quotas only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping, Optional, Sequence

import numpy as np

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..register.model import GENDER_LABELS
from .allocation import allocate
from .seed import derive_generator
from .strata import ALL_LABEL, UNKNOWN_VALUE

PANEL_RULE_TEXT = (
    "Auswahl der Teilnehmenden unter den Zusagen: Zielanteile je Merkmal (z. B. Altersgruppe, Geschlecht) "
    "aus der Bevölkerung; die Zielwerte der Kombinationen werden durch iterative proportionale Anpassung "
    "(Raking, ausgehend von den Zusagen) bestimmt; die Plätze werden nach dem Verfahren der größten Reste "
    "verteilt, höchstens so viele wie Zusagen je Kombination; innerhalb einer Kombination entscheidet das "
    "Los (Zufallszahl je Person aus dem Startwert, die kleinsten gewinnen). Die übrigen Zusagen bilden "
    "die Warteliste in ausgeloster Reihenfolge."
)
RAKING_ITERATIONS = 200


@dataclass
class PanelCell:
    label: str
    values: dict[str, str]
    accepted: int
    target: float            # raked target number of seats (exact, before rounding)
    seats: int


@dataclass
class PanelSelection:
    seed_text: str
    seed_digest: str
    seats: int
    selected: list[Any]                  # the chosen people, in random order
    waiting_list: list[Any]              # the other accepted people, in random order
    cells: list[PanelCell]
    #: dimension -> [(category, target share, selected count)]
    marginals: dict[str, list[tuple[str, float, int]]] = field(default_factory=dict)


def _value(item: Any, dim: str) -> str:
    value = item.get(dim, "") if isinstance(item, Mapping) else getattr(item, dim, "")
    text = str(value if value is not None else "").strip()
    if dim == "gender":           # Invitee.gender holds the code, aggregates the German label
        text = GENDER_LABELS.get(text, text)
    return text or UNKNOWN_VALUE


def _default_key(item: Any) -> Any:
    if isinstance(item, Mapping):
        return item.get("draw_order", item.get("id", 0))
    return getattr(item, "draw_order", getattr(item, "id", 0))


def _shares(target: Mapping[str, float]) -> dict[str, float]:
    total = float(sum(max(0.0, float(v)) for v in target.values()))
    if total <= 0:
        raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "Die Zielverteilung enthält keine positiven Werte.")))
    return {str(k).strip() or "(ohne Angabe)": max(0.0, float(v)) / total for k, v in target.items()}


def select_panel(accepted: Sequence[Any], seats: int, targets: Optional[Mapping[str, Mapping[str, float]]],
                 seed_text: str, *, dimensions: Optional[Sequence[str]] = None,
                 key: Callable[[Any], Any] = _default_key) -> PanelSelection:
    """Select ``seats`` people from ``accepted`` (see module doc).

    ``targets``: dimension -> category -> population count or share (e.g. ``{"gender":
    {"weiblich": 51, "männlich": 48, "divers": 1}}``). ``dimensions`` defaults to the
    target's dimensions; without targets the choice is proportional to the accepted.
    Items may be objects or dicts with attributes/keys named like the dimensions.
    """
    if seats < 1:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Die Zahl der Plätze muss mindestens 1 sein.")))
    rng, digest = derive_generator(seed_text)
    people = sorted(accepted, key=key)
    n = len(people)
    dims = tuple(dimensions) if dimensions is not None else tuple((targets or {}).keys())
    target_shares = {d: _shares(targets[d]) for d in dims if targets and d in targets}
    if n <= seats:
        order = rng.permutation(n)
        chosen = [people[i] for i in order]
        return PanelSelection(seed_text, digest, seats, chosen, [], [],
                              _marginals(chosen, dims, target_shares))

    values = [{d: _value(p, d) for d in dims} for p in people]
    cell_keys = [tuple(v[d] for d in dims) for v in values]
    uniq = sorted(set(cell_keys))
    index = {c: i for i, c in enumerate(uniq)}
    cell_of = np.fromiter((index[c] for c in cell_keys), dtype=np.int64, count=n)
    counts = np.bincount(cell_of, minlength=len(uniq)).astype(float)

    exact = _capped_raking(counts, uniq, dims, target_shares, seats)
    # exact fractions of the rounded float targets keep the allocation deterministic
    frac_weights = [Fraction(float(w)).limit_denominator(10**9) for w in exact]
    quotas = allocate(seats, frac_weights, [int(c) for c in counts])

    u = rng.random(n)
    order = np.lexsort((u, cell_of))
    sorted_cells = cell_of[order]
    starts = np.searchsorted(sorted_cells, np.arange(len(uniq)), side="left")
    rank = np.arange(n) - starts[sorted_cells]
    q = np.asarray(quotas, dtype=np.int64)
    chosen_idx = order[rank < q[sorted_cells]]
    rest_idx = order[rank >= q[sorted_cells]]
    chosen_idx = chosen_idx[rng.permutation(len(chosen_idx))]
    rest_idx = rest_idx[rng.permutation(len(rest_idx))]
    chosen = [people[int(i)] for i in chosen_idx]
    waiting = [people[int(i)] for i in rest_idx]
    cells = [PanelCell(label=" | ".join(c) if c else ALL_LABEL, values=dict(zip(dims, c)), accepted=int(counts[i]),
                       target=float(exact[i]), seats=int(quotas[i])) for i, c in enumerate(uniq)]
    return PanelSelection(seed_text, digest, seats, chosen, waiting, cells, _marginals(chosen, dims, target_shares))


def _rake(start: np.ndarray, cats: list[list[str]], targets: list[dict[str, float]]) -> np.ndarray:
    """Iterative proportional fitting of ``start`` to absolute marginal ``targets`` per dimension."""
    weights = start.astype(float).copy()
    masks = [{cat: np.asarray([c == cat for c in col]) for cat in set(col)} for col in cats]
    for _ in range(RAKING_ITERATIONS):
        before = weights.copy()
        for j, target in enumerate(targets):
            for cat, mask in masks[j].items():
                current = weights[mask].sum()
                if current > 0:
                    weights[mask] *= target.get(cat, 0.0) / current
        if np.allclose(weights, before, rtol=1e-12, atol=1e-12):
            break
    return weights


def _capped_raking(counts: np.ndarray, uniq: list[tuple[str, ...]], dims: Sequence[str],
                   target_shares: dict[str, dict[str, float]], seats: int) -> np.ndarray:
    """Cell targets (summing to ``seats``) that match the marginal shares, never above a cell's accepted count.

    Cells whose raked target exceeds their accepted count are fixed at that count; the others are
    raked again to the marginal targets minus what the fixed cells already contribute.
    """
    n_cells = len(uniq)
    used = [j for j, d in enumerate(dims) if d in target_shares]
    if not used:
        return counts / counts.sum() * seats
    fixed = np.zeros(n_cells, dtype=bool)
    result = np.zeros(n_cells)
    for _ in range(n_cells + 1):
        free = np.flatnonzero(~fixed)
        remaining = seats - result[fixed].sum()
        if len(free) == 0 or remaining <= 0:
            break
        cats = [[uniq[i][j] for i in free] for j in used]
        targets = []
        for j in used:
            shares = target_shares[dims[j]]
            wanted = {cat: share * seats for cat, share in shares.items()}
            for i in np.flatnonzero(fixed):
                cat = uniq[i][j]
                wanted[cat] = wanted.get(cat, 0.0) - result[i]
            present = set(uniq[i][j] for i in free)
            residual = {cat: max(0.0, v) for cat, v in wanted.items() if cat in present}
            total = sum(residual.values())
            targets.append({cat: v / total * remaining for cat, v in residual.items()} if total > 0
                           else {cat: remaining / len(present) for cat in present})
        raked = _rake(counts[free], cats, targets)
        if raked.sum() > 0:
            raked = raked / raked.sum() * remaining
        over = raked > counts[free] + 1e-9
        if not over.any():
            result[free] = raked
            break
        newly = free[over]
        fixed[newly] = True
        result[newly] = counts[newly]
    return result


def _marginals(chosen: Sequence[Any], dims: Sequence[str],
               target_shares: dict[str, dict[str, float]]) -> dict[str, list[tuple[str, float, int]]]:
    out: dict[str, list[tuple[str, float, int]]] = {}
    for d in dims:
        got: dict[str, int] = {}
        for p in chosen:
            v = _value(p, d)
            got[v] = got.get(v, 0) + 1
        shares = target_shares.get(d, {})
        cats = sorted(set(shares) | set(got))
        out[d] = [(c, shares.get(c, 0.0), got.get(c, 0)) for c in cats]
    return out


def panel_targets_from_aggregates(session: Any, lab: Any, dimensions: Sequence[str] = ("age_band", "gender")
                                  ) -> dict[str, dict[str, float]]:
    """Population counts per category from the lab's ``ParticipationAggregate`` rows."""
    from sqlalchemy import select

    from ..storage.models import ParticipationAggregate
    out: dict[str, dict[str, float]] = {d: {} for d in dimensions}
    for agg in session.scalars(select(ParticipationAggregate).where(ParticipationAggregate.lab_id == lab.id)):
        if agg.dimension in out and agg.population > 0:
            out[agg.dimension][agg.category] = float(agg.population)
    return {d: v for d, v in out.items() if v}


def apply_panel(session: Any, lab: Any, selection: PanelSelection) -> None:
    """Mark the selected invitees of ``lab`` (``Invitee.selected``); everyone else of the lab is unselected."""
    from sqlalchemy import select

    from ..storage.models import Invitee
    chosen_ids = {getattr(p, "id", None) for p in selection.selected}
    for inv in session.scalars(select(Invitee).where(Invitee.lab_id == lab.id)):
        inv.selected = inv.id in chosen_ids
    session.flush()
