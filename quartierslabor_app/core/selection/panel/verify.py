"""Re-check a panel record (``kind: "panel"``) against its respondents file: one German line as the verdict.

Checks, in order: the respondents file's SHA-256; the groups (types) and quotas; every composition
in the recorded distribution meets every quota and fills the seats; the weights form a probability
distribution; the recorded probabilities follow from it; its smallest probability equals the
maximin optimum recomputed here (within 1e-6); the seed gives the recorded digest and, drawn
from the recorded distribution, exactly the recorded panel.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from ...draw.seed import seed_digest
from ...errors import UserError
from ...hashing import file_sha256
from ...messages import QT_TRANSLATE_NOOP, Message
from .files import read_respondents
from .lottery import compute_distribution, draw_from, group_types, replacement_problem
from .quotas import Category
from ..verification import Verification, register_verifier
from .solver import PanelDistribution

#: the recomputed maximin and the recorded smallest probability may differ by this much
MAXIMIN_TOLERANCE = 1e-6


@dataclass
class PanelVerification:
    ok: bool
    message: Message

    def __str__(self) -> str:
        return str(self.message)


def _differs(template: str, **args: Any) -> PanelVerification:
    return PanelVerification(False, Message(template, **args))


def verify_panel_record(record: Mapping[str, Any], respondents_path: "str | os.PathLike[str]") -> PanelVerification:
    """Recompute the panel of ``record`` from ``respondents_path`` (see module doc)."""
    try:
        settings, seed = record["settings"], record["seed"]
        categories = [Category(str(f), str(v), int(lo), int(hi)) for f, v, lo, hi in settings["categories"]]
        seats, seed_text, recorded_digest = int(settings["seats"]), str(seed["text"]), str(seed.get("sha256", ""))
        recorded_sha = str((record.get("respondents") or {}).get("sha256") or "")
        compositions = np.asarray(record["distribution"]["compositions"], dtype=np.int64)
        weights = np.asarray(record["distribution"]["weights"], dtype=float)
        recorded_probs = {str(k): float(v) for k, v in record["probabilities"].items()}
        recorded_selected = [str(x) for x in record["selected"]]
        recorded_types = [(tuple(t["values"]), int(t["count"])) for t in record["types"]]
        replacement = record.get("replacement")
    except (KeyError, TypeError, ValueError):
        raise UserError(Message(QT_TRANSLATE_NOOP("PanelVerify", "Das Panel-Protokoll (JSON) ist unvollständig "
                                                                 "oder beschädigt."))) from None
    digest = file_sha256(respondents_path)
    if recorded_sha and digest != recorded_sha:
        return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Die Datei der Zusagen hat einen anderen "
                                                         "SHA-256 ({actual}) als protokolliert ({recorded})."),
                        actual=digest[:16] + "…", recorded=recorded_sha[:16] + "…")
    respondents = read_respondents(respondents_path, categories)
    stay: list[str] = []
    candidates, cats, free = respondents, categories, seats
    if replacement:
        candidates, cats, free, stay = replacement_problem(respondents, categories, replacement["previous_panel"],
                                                           replacement["dropouts"])
    types = group_types(candidates, cats)
    if [(k, len(m)) for k, m in zip(types.keys, types.members)] != recorded_types:
        return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Die Gruppen der Zusagen (Merkmalswerte und "
                                                         "Anzahlen) stimmen nicht mit dem Protokoll überein."))
    index = {f: i for i, f in enumerate(types.features)}
    counts = np.asarray(types.counts)
    if compositions.ndim != 2 or compositions.shape[1] != len(counts) or len(weights) != len(compositions):
        return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Die protokollierte Verteilung passt nicht zu "
                                                         "den Gruppen."))
    for number, comp in enumerate(compositions, start=1):
        if comp.sum() != free or (comp < 0).any() or (comp > counts).any():
            return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Zusammensetzung {number} hat nicht "
                                                             "{seats} Plätze aus den vorhandenen Zusagen."),
                            number=number, seats=free)
        for c in cats:
            got = sum(int(comp[t]) for t, key in enumerate(types.keys) if key[index[c.feature]] == c.value)
            if not c.min <= got <= c.max:
                return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Zusammensetzung {number} verletzt die "
                                                                 "Quote „{category}“ ({got} statt {min}–{max})."),
                                number=number, category=c.label, got=got, min=c.min, max=c.max)
    if (weights < 0).any() or abs(weights.sum() - 1.0) > 1e-9:
        return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Die Gewichte der Verteilung ergeben nicht 1."))
    distribution = PanelDistribution(compositions, weights, float(record.get("maximin", 0.0)), 0, 0)
    per_type = distribution.type_probabilities(counts)
    for t, ids in enumerate(types.members):
        for pid in ids:
            if abs(recorded_probs.get(pid, -1.0) - per_type[t]) > 1e-9:
                return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Die Wahrscheinlichkeit von „{id}“ "
                                                                 "folgt nicht aus der Verteilung."), id=pid)
    optimum = compute_distribution(candidates, cats, free, leximin=False).maximin
    smallest = float(per_type.min())
    if abs(smallest - optimum) > MAXIMIN_TOLERANCE:
        return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Die kleinste Wahrscheinlichkeit der Verteilung "
                                                         "({smallest}) ist nicht die bestmögliche ({optimum})."),
                        smallest=f"{smallest:.9f}", optimum=f"{optimum:.9f}")
    if recorded_digest and seed_digest(seed_text) != recorded_digest:
        return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Der Startwert ergibt einen anderen SHA-256 als "
                                                         "protokolliert."))
    draw = draw_from(types, distribution, seed_text)
    panel = sorted([*stay, *draw.selected])
    if panel != sorted(recorded_selected):
        missing = sorted(set(recorded_selected) - set(panel))
        extra = sorted(set(panel) - set(recorded_selected))
        return _differs(QT_TRANSLATE_NOOP("PanelVerify", "Abweichung: Die Ziehung ergibt ein anderes Panel "
                                                         "(nicht protokolliert: {extra}; protokolliert, aber nicht "
                                                         "gezogen: {missing})."),
                        extra=", ".join(extra) or "–", missing=", ".join(missing) or "–")
    return PanelVerification(True, Message(QT_TRANSLATE_NOOP(
        "PanelVerify", "Bestätigt: Alle {seats} Panel-Mitglieder, die Wahrscheinlichkeiten von {people} Zusagen "
                       "(kleinste {smallest}, bestmöglich) und der SHA-256 der Zusagen stimmen mit dem Protokoll "
                       "überein."), seats=len(panel), people=len(respondents), smallest=f"{smallest:.6f}"))


def _verify(record: dict, path: "os.PathLike[str]", _options: Any) -> Verification:
    result = verify_panel_record(record, path)
    return Verification(result.ok, str(result.message))


register_verifier("panel", _verify)
