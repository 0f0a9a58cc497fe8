"""The final panel of a stored lab: its accepted invitees as respondents, default quotas from the lab's
population aggregates, and storing the result (``Invitee.selected`` plus an audit line in the lab's notes)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Callable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...draw.model import DIMENSION_LABELS
from ...draw.store import gender_label, refresh_participation
from ...draw.strata import UNKNOWN_VALUE
from ...errors import UserError
from ...messages import QT_TRANSLATE_NOOP, Message, german_text
from ...progress import CancelToken, ProgressCallback
from ...storage.models import Invitee, Lab, ParticipationAggregate
from .quotas import Category, Respondent, default_quotas
from .service import PanelOutcome, PanelRequest, natural_key, select_panel

#: invitee attribute -> aggregate dimension and the feature name used in quotas (German, as in the draw)
LAB_FEATURES = (("age_band", "age_band", DIMENSION_LABELS["age"]),
                ("gender", "gender", DIMENSION_LABELS["gender"]),
                ("district", "district", DIMENSION_LABELS["district"]),
                ("subdistrict", "subdistrict", DIMENSION_LABELS["subdistrict"]))


@dataclass
class LabPanelInput:
    lab_name: str
    respondents: list[Respondent]
    categories: list[Category]
    seats: int
    previous_panel: list[str]
    dropouts: list[str]
    invitee_ids: dict[str, int]           # respondent id -> Invitee.id
    #: where the quotas come from (recorded in the audit line): "selection" (the panel selection, or a
    #: replacement under its recorded quotas), "file" or "defaults" (a replacement of an older lab)
    quota_source: str = "selection"
    #: German note for protocol and message when the selection's quotas were not recorded
    quota_note: Optional[Message] = None


def _value(inv: Invitee, attribute: str) -> str:
    if attribute == "gender":
        return gender_label(inv.gender or "x")
    return (getattr(inv, attribute) or "").strip() or UNKNOWN_VALUE


def _key(inv: Invitee, several_draws: bool) -> str:
    return f"{inv.draw_id}-{inv.draw_order}" if several_draws else str(inv.draw_order)


def population(session: Session, lab: Lab) -> dict[str, dict[str, float]]:
    """Population per quota feature and value from the lab's aggregates (features with one value left out)."""
    out: dict[str, dict[str, float]] = {}
    aggs = list(session.scalars(select(ParticipationAggregate).where(ParticipationAggregate.lab_id == lab.id)))
    for _attr, dimension, feature in LAB_FEATURES:
        values = {a.category: float(a.population) for a in aggs if a.dimension == dimension and a.population > 0}
        if len(values) > 1:
            out[feature] = values
    return out


def lab_panel_input(session: Session, lab: Lab, *, seats: Optional[int] = None, slack: int = 0,
                    categories: Optional[list[Category]] = None, replace_dropouts: bool = False) -> LabPanelInput:
    """Respondents (accepted invitees; with ``replace_dropouts`` also panel members who declined since) and quotas."""
    invitees = list(session.scalars(select(Invitee).where(Invitee.lab_id == lab.id).order_by(Invitee.id)))
    several = len({i.draw_id for i in invitees}) > 1
    pool = [i for i in invitees if i.reply == "zugesagt" or (replace_dropouts and i.selected)]
    seats = int(seats if seats is not None else lab.capacity)
    source, note = "selection", None
    if replace_dropouts:   # drop-outs are replaced under exactly the quotas recorded with the selection
        categories, source, note = _replacement_quotas(lab, categories, slack)
    if categories is None:
        shares = population(session, lab)
        if not shares:
            raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "Für das Labor „{lab}“ sind keine Bevölkerungszahlen "
                                                               "gespeichert, aus denen sich Quoten ableiten lassen."),
                                    lab=lab.name),
                            hint=Message(QT_TRANSLATE_NOOP("Panel", "Geben Sie eine Quotendatei an (--categories).")))
        categories = default_quotas(shares, seats, slack)
    used = {c.feature for c in categories}
    respondents = [Respondent(_key(i, several), {feature: _value(i, attr) for attr, _d, feature in LAB_FEATURES
                                                 if feature in used}) for i in pool]
    previous = [_key(i, several) for i in invitees if i.selected] if replace_dropouts else []
    dropouts = [_key(i, several) for i in invitees if i.selected and i.reply != "zugesagt"] if replace_dropouts \
        else []
    if replace_dropouts and not dropouts:
        raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "Niemand aus dem Panel hat abgesagt; es gibt nichts "
                                                           "nachzulosen.")))
    return LabPanelInput(lab.name, respondents, categories, seats, previous, dropouts,
                         {_key(i, several): i.id for i in pool}, source, note)


def _replacement_quotas(lab: Lab, given: Optional[list[Category]],
                        slack: int) -> tuple[Optional[list[Category]], str, Optional[Message]]:
    """Quotas for replacing drop-outs (``None``: defaults), their source and the note when they are not the
    selection's recorded quotas."""
    audit = latest_audit(lab)
    recorded = _quotas_of(audit)
    source = _quotas_source(audit)
    if recorded is not None and source == "selection":
        if given is not None and {_quota_key(c) for c in given} != {_quota_key(c) for c in recorded}:
            raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "Nachrücker werden unter den Quoten gelost, die bei "
                                                               "der Panel-Auswahl des Labors „{lab}“ gespeichert "
                                                               "wurden; die angegebenen Quoten weichen davon ab."),
                                    lab=lab.name),
                            hint=Message(QT_TRANSLATE_NOOP("Panel", "Lassen Sie die Quotendatei weg, oder losen Sie "
                                                                    "das ganze Panel neu aus.")))
        return recorded, "selection", None
    if recorded is not None:      # an older lab replaced before: the same quotas as that replacement
        used, source = recorded, source if source in ("file", "defaults") else "defaults"
        how = Message(QT_TRANSLATE_NOOP("Panel", "Nachgelost wird wie beim letzten Nachrücken unter dessen Quoten."))
    elif given is not None:
        used, source = given, "file"
        how = Message(QT_TRANSLATE_NOOP("Panel", "Nachgelost wird unter den angegebenen Quoten; dass sie denen der "
                                                 "Auswahl entsprechen, ist nicht belegt."))
    else:
        used, source = None, "defaults"
        how = Message(QT_TRANSLATE_NOOP("Panel", "Nachgelost wird unter Standardquoten aus den Bevölkerungszahlen des "
                                                 "Labors (Spielraum {slack}); sie können von den Quoten der Auswahl "
                                                 "abweichen."), slack=slack)
    note = Message(QT_TRANSLATE_NOOP("Panel", "Die Quoten der Panel-Auswahl sind für das Labor „{lab}“ nicht "
                                              "gespeichert (Auswahl mit einer älteren Version). {how}"),
                   lab=lab.name, how=how)
    return used, source, note


def _quota_key(category: Category) -> tuple[str, str, int, int]:
    return category.feature, category.value, category.min, category.max


AUDIT_PREFIXES = ("Panel-Auswahl: ", "Panel-Nachrücken: ")


def latest_audit(lab: Lab) -> Optional[dict[str, Any]]:
    """The audit record of the lab's latest panel selection or replacement (its line in the notes), if any."""
    for line in reversed((lab.notes or "").splitlines()):
        for prefix in AUDIT_PREFIXES:
            if line.startswith(prefix):
                try:
                    audit = json.loads(line[len(prefix):])
                except ValueError:
                    return {}
                return audit if isinstance(audit, dict) else {}
    return None


def selection_quotas_recorded(database: Any, lab_id: "int | str") -> bool:
    """Whether replacing drop-outs of the lab uses quotas recorded with its panel (else defaults, whose slack
    the organiser chooses)."""
    from ...labs import get_lab
    with database.session() as s:
        audit = latest_audit(get_lab(s, lab_id))
    return _quotas_of(audit) is not None


def replacement_keeps_selection_quotas(database: Any, lab_id: "int | str") -> bool:
    """Whether replacements are drawn under the quotas recorded with the panel selection itself (not under
    defaults, a quota file or an earlier replacement's quotas, which may differ from the selection's)."""
    from ...labs import get_lab
    with database.session() as s:
        audit = latest_audit(get_lab(s, lab_id))
    return _quotas_of(audit) is not None and _quotas_source(audit) == "selection"


def _quotas_source(audit: Optional[dict[str, Any]]) -> str:
    return str((audit or {}).get("quotas_source", "selection"))


def _quotas_of(audit: Optional[dict[str, Any]]) -> Optional[list[Category]]:
    try:
        quotas = (audit or {}).get("quotas")
        return [Category(str(f), str(v), int(lo), int(hi)) for f, v, lo, hi in quotas] if quotas else None
    except (ValueError, TypeError):
        return None


def request_for(data: LabPanelInput, seed_text: str) -> PanelRequest:
    return PanelRequest(data.respondents, data.categories, data.seats, seed_text, data.previous_panel, data.dropouts,
                        quota_note=data.quota_note)


def apply_to_lab(session: Session, lab: Lab, data: LabPanelInput, outcome: PanelOutcome,
                 stamp: str) -> dict[str, Any]:
    """Mark the panel (everyone else unselected), append the audit line to the lab's notes; returns the audit."""
    chosen = {data.invitee_ids[pid] for pid in outcome.selected}
    for inv in session.scalars(select(Invitee).where(Invitee.lab_id == lab.id)):
        inv.selected = inv.id in chosen
    comp = outcome.computation
    audit = {"panel": stamp, "seed": outcome.request.seed_text.strip(), "digest": outcome.draw.seed_digest,
             "seats": outcome.request.seats, "selected": len(outcome.selected), "method": "leximin",
             "maximin": round(comp.maximin, 9), "respondents": len(outcome.request.respondents),
             "quotas": [[c.feature, c.value, c.min, c.max] for c in outcome.request.categories],
             "quotas_source": data.quota_source if outcome.is_replacement else "selection"}
    if data.quota_note is not None:
        audit["quotas_note"] = german_text(data.quota_note)
    if outcome.is_replacement:
        audit["dropouts"] = sorted(outcome.request.dropouts)
        audit["replacements"] = outcome.draw.selected
    label = "Panel-Nachrücken" if outcome.is_replacement else "Panel-Auswahl"
    lab.notes = ((lab.notes or "") + "\n" if lab.notes else "") + f"{label}: {json.dumps(audit, ensure_ascii=False)}"
    refresh_participation(session, lab)
    session.flush()
    return audit


@dataclass
class LabPanelResult:
    lab_name: str
    outcome: PanelOutcome
    audit: dict[str, Any]

    def probability_rows(self) -> list[tuple[Any, ...]]:
        """Per respondent (in list order): id, feature values, probability (float), in the panel (bool)."""
        chosen = set(self.outcome.selected)
        probs = self.outcome.probabilities
        return [(r.id, *(r.features.get(f, "") for f in self.outcome.features), probs[r.id], r.id in chosen)
                for r in sorted(self.outcome.request.respondents, key=lambda r: natural_key(r.id))]


def run_lab_panel(database: Any, lab_id: "int | str", seed_text: str, *, seats: Optional[int] = None,
                  slack: int = 0, categories: Optional[list[Category]] = None, replace_dropouts: bool = False,
                  before_commit: Optional[Callable[[PanelOutcome, str], None]] = None,
                  progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None) -> LabPanelResult:
    """The whole use case on a stored lab, in one transaction: select (or replace drop-outs), let
    ``before_commit`` write files, then mark the panel. Nothing is stored if anything fails."""
    from ...labs import get_lab
    with database.session() as s:
        lab = get_lab(s, lab_id)
        data = lab_panel_input(s, lab, seats=seats, slack=slack, categories=categories,
                               replace_dropouts=replace_dropouts)
        try:
            outcome = select_panel(request_for(data, seed_text), progress=progress, cancel=cancel)
        except UserError as exc:
            if data.quota_note is None:
                raise
            hint = Message(QT_TRANSLATE_NOOP("Panel", "Geben Sie die Quoten der ursprünglichen Auswahl als "
                                                      "Quotendatei an (Kommandozeile: --categories) oder einen "
                                                      "größeren Spielraum der Quoten."))
            raise UserError(Message("{note} {reason}", note=data.quota_note, reason=exc.message_obj),
                            hint=hint) from None
        if before_commit is not None:
            before_commit(outcome, lab.name)
        audit = apply_to_lab(s, lab, data, outcome, dt.datetime.now().strftime("%d.%m.%Y %H:%M"))
        return LabPanelResult(lab.name, outcome, audit)
