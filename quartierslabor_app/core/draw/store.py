"""Storing a draw: the audit record, the invitees (the only personal data) and population aggregates.

The register itself is never stored: only the drawn people (main list and Nachrücker) become
:class:`Invitee` rows; :class:`ParticipationAggregate` rows hold counts per age band, gender,
district and sub-district over all eligible residents (no personal data).
"""
from __future__ import annotations

import json
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import __version__
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..register.model import GENDER_LABELS, ValidatedRegister
from ..storage.models import DrawRecord, Invitee, Lab, ParticipationAggregate
from .model import DrawResult
from .person_fields import person_address
from .strata import UNKNOWN_VALUE

#: aggregate dimensions stored per lab (the reports read these)
AGGREGATE_DIMENSIONS = ("age_band", "gender", "district", "subdistrict")


def strata_to_json(result: DrawResult) -> str:
    return json.dumps([{"label": s.label, "population": s.population, "eligible": s.eligible, "quota": s.quota,
                        "drawn": s.drawn, "replacements": s.replacements} for s in result.strata],
                      ensure_ascii=False)


def settings_to_json(result: DrawResult) -> str:
    data = result.settings.to_dict()
    data.update({"seed_digest": result.seed_digest, "rows_excluded": result.rows_excluded,
                 "households": result.households, "candidates": result.candidates,
                 "age_bands": list(result.age_band_labels), "notes": list(result.notes)})
    return json.dumps(data, ensure_ascii=False)


def save_draw(session: Session, lab: Lab, register: ValidatedRegister, result: DrawResult, *, user: str,
              protocol_sha256: str = "", software_version: str = __version__,
              replace_open_invitees: bool = False) -> DrawRecord:
    """Store the draw for ``lab``; returns the new :class:`DrawRecord` (flushed, not committed).

    ``replace_open_invitees``: delete this lab's earlier invitees that have no reply yet
    (a repeated draw before any letter went out).
    """
    if lab is None or lab.id is None:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawOutputs", "Die Ziehung kann nur für ein gespeichertes "
                                                                 "Quartierslabor abgelegt werden.")))
    if replace_open_invitees:
        for old in session.scalars(select(Invitee).where(Invitee.lab_id == lab.id, Invitee.reply == "offen")):
            session.delete(old)
        session.flush()
    table = register.table
    record = DrawRecord(
        lab_id=lab.id, user=user or "", register_file_name=table.file_name, register_sha256=table.sha256,
        rows_read=result.rows_read, rows_valid=result.rows_valid, rows_eligible=result.rows_eligible,
        seed_text=result.seed_text, settings_json=settings_to_json(result), strata_json=strata_to_json(result),
        software_version=software_version, protocol_sha256=protocol_sha256 or "")
    if result.created_at is not None:
        record.created_at = result.created_at
    session.add(record)
    session.flush()
    headers = table.headers
    for person in result.invitees:
        row = table.rows[person.row_index]
        addr = person_address(register, person.row_index)
        vpos = person.valid_pos
        values = {h: (row[i] if i < len(row) else "") for i, h in enumerate(headers)}
        session.add(Invitee(
            lab_id=lab.id, draw_id=record.id, draw_order=person.order, is_replacement=person.is_replacement,
            stratum=person.stratum[:300], age_band=person.age_band,
            gender=str(register.gender[vpos]) if vpos >= 0 else "",
            district=str(register.district[vpos])[:120] if vpos >= 0 else "",
            subdistrict=str(register.subdistrict[vpos])[:120] if vpos >= 0 else "",
            family_name=addr.family_name[:200], given_names=addr.given_names[:200],
            street=addr.street_line[:300], postcode=addr.postcode[:20], city=addr.city[:120],
            person_key=str(register.person_key[vpos]) if vpos >= 0 else "",
            register_values_json=json.dumps(values, ensure_ascii=False)))
    _store_aggregates(session, lab, result)
    session.flush()
    return record


def _store_aggregates(session: Session, lab: Lab, result: DrawResult) -> None:
    """Population per category from this draw; invited/accepted/participants recounted from invitees."""
    existing = {(a.dimension, a.category): a for a in
                session.scalars(select(ParticipationAggregate).where(ParticipationAggregate.lab_id == lab.id))}
    for dim in AGGREGATE_DIMENSIONS:
        for category, population, _invited in result.aggregates.get(dim, []):
            agg: Optional[ParticipationAggregate] = existing.get((dim, category))
            if agg is None:
                agg = ParticipationAggregate(lab_id=lab.id, dimension=dim, category=category[:120],
                                             population=0, invited=0, accepted=0, participants=0)
                session.add(agg)
                existing[(dim, category)] = agg
            agg.population = population
    session.flush()
    refresh_participation(session, lab)


def _categories(inv: Invitee) -> dict[str, str]:
    return {"age_band": inv.age_band or UNKNOWN_VALUE, "gender": gender_label(inv.gender or "x"),
            "district": (inv.district or "").strip() or UNKNOWN_VALUE,
            "subdistrict": (inv.subdistrict or "").strip() or UNKNOWN_VALUE}


def refresh_participation(session: Session, lab: Lab) -> None:
    """Recount invited / accepted / participants per category from the lab's invitees.

    Invited = main list plus Nachrücker who were contacted (reply not „offen“); accepted =
    reply „zugesagt“; participants = marked as attended. Population stays as stored by the draw.
    """
    aggs = {(a.dimension, a.category): a for a in
            session.scalars(select(ParticipationAggregate).where(ParticipationAggregate.lab_id == lab.id))}
    for agg in aggs.values():
        agg.invited = agg.accepted = agg.participants = 0
    for inv in session.scalars(select(Invitee).where(Invitee.lab_id == lab.id)):
        invited = (not inv.is_replacement) or (inv.reply or "offen") != "offen"
        for dim, category in _categories(inv).items():
            agg = aggs.get((dim, category))
            if agg is None:
                if dim == "subdistrict" and category == UNKNOWN_VALUE:
                    continue
                agg = ParticipationAggregate(lab_id=lab.id, dimension=dim, category=category[:120],
                                             population=0, invited=0, accepted=0, participants=0)
                session.add(agg)
                aggs[(dim, category)] = agg
            agg.invited += int(invited)
            agg.accepted += int(inv.reply == "zugesagt")
            agg.participants += int(bool(inv.attended))
    session.flush()


def gender_label(code: str) -> str:
    """German label of a stored gender code (``Invitee.gender`` holds m/w/d/x)."""
    return GENDER_LABELS.get(code, code)
