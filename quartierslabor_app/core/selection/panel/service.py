"""The final-panel use case, shared by the CLI and the GUI: compute, draw, replace drop-outs, describe."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np

from .... import __version__
from ...draw.seed import normalise_seed_text
from ...errors import UserError
from ...messages import QT_TRANSLATE_NOOP, Message
from ...progress import CancelToken, ProgressCallback
from ..record import FORMAT, FORMAT_VERSION
from .lottery import PanelComputation, PanelDraw, compute_distribution, draw_from, replacement_problem
from .quotas import Category, Respondent, features_of

RECORD_KIND = "panel"


@dataclass
class PanelRequest:
    respondents: list[Respondent]
    categories: list[Category]
    seats: int
    seed_text: str
    #: replacing drop-outs: the panel so far and who of it dropped out (empty for a first selection)
    previous_panel: list[str] = field(default_factory=list)
    dropouts: list[str] = field(default_factory=list)
    #: a note on the quotas for protocol and message (e.g. a replacement whose selection's quotas are unknown)
    quota_note: Optional[Message] = None


@dataclass
class PanelOutcome:
    request: PanelRequest
    computation: PanelComputation          # over the candidates (all respondents, or those not yet in the panel)
    draw: PanelDraw
    stay: list[str]                        # members kept from the previous panel (replacement only)
    created_at: dt.datetime

    @property
    def selected(self) -> list[str]:
        """The whole panel, sorted by id."""
        return sorted([*self.stay, *self.draw.selected])

    @property
    def probabilities(self) -> dict[str, float]:
        """Selection probability of this draw for every candidate (kept members: 1, drop-outs: 0)."""
        out = dict(self.computation.probabilities)
        out.update({pid: 1.0 for pid in self.stay})
        out.update({pid: 0.0 for pid in self.request.dropouts})
        return out

    @property
    def features(self) -> list[str]:
        return features_of(self.request.categories)

    @property
    def is_replacement(self) -> bool:
        return bool(self.request.dropouts)


def select_panel(request: PanelRequest, *, progress: Optional[ProgressCallback] = None,
                 cancel: Optional[CancelToken] = None) -> PanelOutcome:
    """Compute the fair distribution, draw one panel with the seed (or replace the drop-outs)."""
    stay: list[str] = []
    candidates, categories, seats = request.respondents, request.categories, request.seats
    if request.dropouts:
        candidates, categories, seats, stay = replacement_problem(request.respondents, request.categories,
                                                                  request.previous_panel, request.dropouts)
    try:
        computation = compute_distribution(candidates, categories, seats, progress=progress, cancel=cancel)
    except UserError as exc:
        if not request.dropouts:
            raise
        raise UserError(Message(QT_TRANSLATE_NOOP(
            "Panel", "Für {dropouts} lässt sich unter den übrigen Zusagen niemand nachlosen, ohne eine Quote zu "
                     "verletzen (Quoten hier schon um die verbleibenden Mitglieder verringert): {reason}"),
            dropouts=", ".join(sorted(request.dropouts)), reason=exc.message_obj),
            hint=Message(QT_TRANSLATE_NOOP("Panel", "Lassen Sie den Platz frei, oder losen Sie das ganze Panel mit "
                                                    "mehr Spielraum der Quoten neu aus."))) from None
    draw = draw_from(computation.types, computation.distribution, request.seed_text)
    return PanelOutcome(request, computation, draw, stay, dt.datetime.now().replace(microsecond=0))


def panel_record(outcome: PanelOutcome, *, respondents_file: str = "", respondents_sha256: str = "",
                 output_files: Optional[dict[str, str]] = None, lab_name: Optional[str] = None) -> dict[str, Any]:
    """The machine-readable record (``kind: "panel"``) that ``quartierslabor verify`` recomputes."""
    comp, req = outcome.computation, outcome.request
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "kind": RECORD_KIND,
        "software": {"name": "Quartierslabor", "version": __version__},
        "created_at": outcome.created_at.isoformat(),
        "lab": lab_name,
        "respondents": {"file_name": respondents_file, "sha256": respondents_sha256, "count": len(req.respondents)},
        "settings": {"seats": req.seats, "method": "leximin",
                     "categories": [[c.feature, c.value, c.min, c.max] for c in req.categories]},
        "seed": {"text": req.seed_text, "normalised": normalise_seed_text(req.seed_text),
                 "sha256": outcome.draw.seed_digest},
        "replacement": ({"previous_panel": sorted(req.previous_panel), "dropouts": sorted(req.dropouts),
                         "stay": sorted(outcome.stay)} if outcome.is_replacement else None),
        "features": comp.types.features,
        "types": [{"values": list(key), "count": len(ids)} for key, ids in zip(comp.types.keys, comp.types.members)],
        "distribution": {"compositions": comp.distribution.compositions.tolist(),
                         "weights": [float(w) for w in comp.distribution.weights]},
        "maximin": comp.maximin,
        "draw": {"u": outcome.draw.u, "composition": outcome.draw.composition_index},
        "selected": outcome.selected,
        "probabilities": {pid: p for pid, p in sorted(outcome.probabilities.items())},
        "outputs": [{"file_name": n, "sha256": h} for n, h in (output_files or {}).items()],
    }


def summary_by_category(outcome: PanelOutcome) -> list[tuple[Category, int, int]]:
    """Per quota: the category, respondents with it, panel members with it."""
    by_id = {r.id: r for r in outcome.request.respondents}
    chosen = outcome.selected
    out = []
    for c in outcome.request.categories:
        have = sum(1 for r in outcome.request.respondents if r.features.get(c.feature) == c.value)
        got = sum(1 for pid in chosen if by_id[pid].features.get(c.feature) == c.value)
        out.append((c, have, got))
    return out


def probability_range(outcome: PanelOutcome) -> tuple[float, float]:
    values = np.asarray(list(outcome.computation.probabilities.values()))
    return float(values.min()), float(values.max())



def natural_key(pid: str) -> tuple:
    """Sort key for ids: numbers by value, so 2 comes before 10 (``7-12`` as 7, 12)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", pid) if part)
