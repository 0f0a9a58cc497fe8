"""Small database reads and writes behind the lab list and lab header (GUI and CLI).

Creating, renaming and deleting go through :mod:`quartierslabor_app.core.labs`; this
module adds plain snapshots (no ORM object leaves a session) and the counts behind the
per-step status texts (worded in ``qt/labs/lab_texts.py``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select

from . import labs as core_labs
from .errors import UserError
from .messages import QT_TRANSLATE_NOOP, Message
from .storage.database import Database
from .storage.models import Card, Cluster, DrawRecord, Invitee, Lab, Recommendation


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


def lab_title(database: Database, lab_id: int) -> Optional[str]:
    """„Name – Stadtbezirk“ of the lab (headings of the board and the presentation), ``None`` if it is gone."""
    with database.session() as s:
        lab = s.get(Lab, lab_id)
        return f"{lab.name} – {lab.district}" if lab is not None else None


def set_participants_count(database: Database, lab_id: int, value: Optional[int]) -> None:
    """The participant count entered by hand (``None``/0: count the attendance marks)."""
    with database.session() as s:
        lab = s.get(Lab, lab_id)
        if lab is not None:
            lab.participants_count = value or None


def create_lab(database: Database, values: LabValues) -> LabRow:
    with database.session() as s:
        lab = core_labs.create_lab(s, values.name, values.district, values.date,
                                   venue=values.venue.strip(), capacity=values.capacity)
        return LabRow.from_lab(lab)


def update_lab(database: Database, lab_id: int, values: LabValues) -> LabRow:
    """Rename (checked by core) and change district, date, venue, capacity in one transaction."""
    if not values.district.strip():
        raise UserError(Message(QT_TRANSLATE_NOOP("LabService", "Der Stadtbezirk des Quartierslabors fehlt.")))
    if values.capacity < 1:
        raise UserError(Message(QT_TRANSLATE_NOOP("LabService", "Die Zahl der Plätze muss mindestens 1 sein.")))
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
    #: topics holding at least one card (what the step bar and the board's status line count)
    topics_in_use: int = 0


def lab_counts(database: Database, lab_id: int) -> LabCounts:
    """Every count of the lab in one query (the step bar asks at each start and step change)."""
    def count(column, *conditions):
        return select(func.count(column)).where(*conditions).scalar_subquery()

    live_card = (Card.lab_id == lab_id, Card.deleted.is_(False))
    stmt = select(
        count(DrawRecord.id, DrawRecord.lab_id == lab_id),
        count(Invitee.id, Invitee.lab_id == lab_id),
        count(Invitee.id, Invitee.lab_id == lab_id, Invitee.reply == "zugesagt"),
        count(Invitee.id, Invitee.lab_id == lab_id, Invitee.is_replacement.is_(True)),
        count(Card.id, *live_card),
        count(Cluster.id, Cluster.lab_id == lab_id),
        count(Recommendation.id, Recommendation.lab_id == lab_id),
        count(func.distinct(Card.cluster_id), *live_card, Card.cluster_id.is_not(None)),
    )
    with database.session() as s:
        row = s.execute(stmt).one()
    return LabCounts(*(int(value or 0) for value in row))
