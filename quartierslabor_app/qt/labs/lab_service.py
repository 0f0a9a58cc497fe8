"""Small database reads and writes behind the lab list and lab header.

Creating, renaming and deleting go through :mod:`quartierslabor_app.core.labs`; this
module adds plain snapshots for the models and the per-step status texts (in the UI language,
through :func:`quartierslabor_app.qt.i18n.translate`; no widgets).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select

from ...core import labs as core_labs
from ...core.errors import UserError
from ...core.storage.database import Database
from ...core.storage.models import Card, Cluster, DrawRecord, Invitee, Lab, Recommendation
from ..i18n import translate


@dataclass(frozen=True)
class LabRow:
    """Snapshot of a lab for list models and headers (no ORM object leaves a session)."""

    id: int
    name: str
    district: str
    date: Optional[dt.date]
    venue: str
    capacity: int

    @classmethod
    def from_lab(cls, lab: Lab) -> "LabRow":
        return cls(lab.id, lab.name, lab.district, lab.date, lab.venue or "", int(lab.capacity or 0))

    @property
    def date_text(self) -> str:
        return format_date(self.date)


def format_date(value: Optional[dt.date]) -> str:
    return value.strftime("%d.%m.%Y") if value else translate("LabService", "ohne Datum")


@dataclass(frozen=True)
class LabValues:
    """What the lab dialog edits."""

    name: str
    district: str
    date: Optional[dt.date]
    venue: str
    capacity: int


def load_lab_rows(database: Database) -> list[LabRow]:
    with database.session() as s:
        return [LabRow.from_lab(lab) for lab in core_labs.list_labs(s)]


def load_lab_row(database: Database, lab_id: int) -> Optional[LabRow]:
    with database.session() as s:
        lab = s.get(Lab, lab_id)
        return LabRow.from_lab(lab) if lab is not None else None


def create_lab(database: Database, values: LabValues) -> LabRow:
    with database.session() as s:
        lab = core_labs.create_lab(s, values.name, values.district, values.date,
                                   venue=values.venue.strip(), capacity=values.capacity)
        return LabRow.from_lab(lab)


def update_lab(database: Database, lab_id: int, values: LabValues) -> LabRow:
    """Rename (checked by core) and change district, date, venue, capacity in one transaction."""
    if not values.district.strip():
        raise UserError("Der Stadtbezirk des Quartierslabors fehlt.")
    if values.capacity < 1:
        raise UserError("Die Zahl der Plätze muss mindestens 1 sein.")
    with database.session() as s:
        lab = core_labs.get_lab(s, lab_id)
        if values.name.strip() != lab.name:
            core_labs.rename_lab(s, lab, values.name)
        lab.district = values.district.strip()
        lab.date = values.date
        lab.venue = values.venue.strip()
        lab.capacity = values.capacity
        s.flush()
        return LabRow.from_lab(lab)


def rename_lab(database: Database, lab_id: int, new_name: str) -> LabRow:
    with database.session() as s:
        lab = core_labs.get_lab(s, lab_id)
        core_labs.rename_lab(s, lab, new_name)
        return LabRow.from_lab(lab)


def delete_lab(database: Database, lab_id: int) -> None:
    with database.session() as s:
        core_labs.delete_lab(s, core_labs.get_lab(s, lab_id))


@dataclass(frozen=True)
class LabCounts:
    draws: int
    invitees: int
    accepted: int
    replacements: int
    cards: int
    clusters: int
    recommendations: int


def lab_counts(database: Database, lab_id: int) -> LabCounts:
    with database.session() as s:
        def count(stmt) -> int:
            return int(s.scalar(stmt) or 0)
        return LabCounts(
            draws=count(select(func.count(DrawRecord.id)).where(DrawRecord.lab_id == lab_id)),
            invitees=count(select(func.count(Invitee.id)).where(Invitee.lab_id == lab_id)),
            accepted=count(select(func.count(Invitee.id)).where(Invitee.lab_id == lab_id,
                                                                 Invitee.reply == "zugesagt")),
            replacements=count(select(func.count(Invitee.id)).where(Invitee.lab_id == lab_id,
                                                                     Invitee.is_replacement.is_(True))),
            cards=count(select(func.count(Card.id)).where(Card.lab_id == lab_id, Card.deleted.is_(False))),
            clusters=count(select(func.count(Cluster.id)).where(Cluster.lab_id == lab_id)),
            recommendations=count(select(func.count(Recommendation.id))
                                  .where(Recommendation.lab_id == lab_id)),
        )


def _plural(n: int, one: str, many: str) -> str:
    """``one``: the translated text for exactly one ("1 Anliegen"); ``many``: with ``{0}`` for the number."""
    return (one if n == 1 else many).format(n)


def deletion_summary(counts: LabCounts) -> str:
    """What deleting a lab removes, in the UI language."""
    parts = []
    if counts.draws:
        parts.append(_plural(counts.draws, translate("LabService", "1 Ziehungsprotokoll"),
                             translate("LabService", "{0} Ziehungsprotokolle")))
    if counts.invitees:
        parts.append(_plural(counts.invitees,
                             translate("LabService", "1 eingeladene Person (Namen, Anschriften, Rückmeldungen)"),
                             translate("LabService", "{0} eingeladene Personen (Namen, Anschriften, Rückmeldungen)")))
    if counts.cards:
        parts.append(_plural(counts.cards, translate("LabService", "1 Anliegen"),
                             translate("LabService", "{0} Anliegen")))
    if counts.clusters:
        parts.append(_plural(counts.clusters, translate("LabService", "1 Cluster"),
                             translate("LabService", "{0} Cluster")))
    if counts.recommendations:
        parts.append(_plural(counts.recommendations, translate("LabService", "1 Handlungsempfehlung"),
                             translate("LabService", "{0} Handlungsempfehlungen")))
    if not parts:
        return translate("LabService", "Das Labor enthält noch keine Daten.")
    return translate("LabService", "Dabei werden gelöscht: {0}.").format(", ".join(parts))


def step_status_texts(counts: LabCounts, capacity: int) -> dict[str, str]:
    """Short status per lifecycle step for the step bar (keys: the German step names)."""
    if counts.invitees:
        invitation = _plural(counts.invitees - counts.replacements, translate("LabService", "1 Eingeladene"),
                             translate("LabService", "{0} Eingeladene"))
        if counts.accepted:
            invitation += " · " + translate("LabService", "{accepted}/{capacity} Zusagen").format(
                accepted=counts.accepted, capacity=capacity)
    else:
        invitation = translate("LabService", "noch keine Ziehung")
    if counts.cards:
        workshop = _plural(counts.cards, translate("LabService", "1 Anliegen"),
                           translate("LabService", "{0} Anliegen"))
    else:
        workshop = translate("LabService", "noch keine Anliegen")
    if counts.cards and counts.clusters:
        workshop += " · " + _plural(counts.clusters, translate("LabService", "1 Cluster"),
                                    translate("LabService", "{0} Cluster"))
    recommendations = (_plural(counts.recommendations, translate("LabService", "1 Empfehlung"),
                               translate("LabService", "{0} Empfehlungen"))
                       if counts.recommendations else translate("LabService", "noch keine Empfehlungen"))
    export = (translate("LabService", "bereit") if (counts.cards or counts.recommendations)
              else translate("LabService", "noch nichts zu berichten"))
    return {"Einladung": invitation, "Workshop": workshop, "Empfehlungen": recommendations,
            "Export": export}
