"""SQLAlchemy 2 models: everything the app stores.

Personal data lives only in :class:`Invitee` (and nowhere else); reports and
Lenkungskreis exports read aggregates (:class:`ParticipationAggregate`) instead.
The schema is created and changed only by the Alembic migrations in ``db/``.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import (Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text,
                        UniqueConstraint, func)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Lab(Base):
    """A Quartierslabor: one workshop in one Stadtbezirk on one date."""

    __tablename__ = "labs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    district: Mapped[str] = mapped_column(String(120))
    date: Mapped[Optional[dt.date]] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=30)
    notes: Mapped[str] = mapped_column(Text, default="")
    # JSON text: the lab's own copy of the concern taxonomy (issue 3); empty = city default
    taxonomy_json: Mapped[str] = mapped_column(Text, default="")
    # number of people who actually took part (for the report summary)
    participants_count: Mapped[Optional[int]] = mapped_column(Integer)
    # people who came without an invitation (counted on the workshop day); None: attendance not recorded
    walk_ins: Mapped[Optional[int]] = mapped_column(Integer)
    # invitee personal data is deleted after this date (DSGVO retention)
    retention_until: Mapped[Optional[dt.date]] = mapped_column(Date)
    personal_data_deleted_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    draws: Mapped[list["DrawRecord"]] = relationship(back_populates="lab", cascade="all, delete-orphan")
    invitees: Mapped[list["Invitee"]] = relationship(back_populates="lab", cascade="all, delete-orphan")
    clusters: Mapped[list["Cluster"]] = relationship(back_populates="lab", cascade="all, delete-orphan",
                                                     order_by="Cluster.position")
    cards: Mapped[list["Card"]] = relationship(back_populates="lab", cascade="all, delete-orphan",
                                               order_by="Card.id")
    recommendations: Mapped[list["Recommendation"]] = relationship(
        back_populates="lab", cascade="all, delete-orphan", order_by="Recommendation.id")
    participation: Mapped[list["ParticipationAggregate"]] = relationship(
        back_populates="lab", cascade="all, delete-orphan")


class DrawRecord(Base):
    """The audit record of one invitation draw (no personal data)."""

    __tablename__ = "draws"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    user: Mapped[str] = mapped_column(String(120), default="")
    register_file_name: Mapped[str] = mapped_column(String(500))
    register_sha256: Mapped[str] = mapped_column(String(64))
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_valid: Mapped[int] = mapped_column(Integer)
    rows_eligible: Mapped[int] = mapped_column(Integer)
    seed_text: Mapped[str] = mapped_column(Text)
    settings_json: Mapped[str] = mapped_column(Text)       # DrawSettings as JSON
    strata_json: Mapped[str] = mapped_column(Text)         # per stratum: population, quota, drawn
    software_version: Mapped[str] = mapped_column(String(40))
    protocol_sha256: Mapped[str] = mapped_column(String(64), default="")

    lab: Mapped[Lab] = relationship(back_populates="draws")
    invitees: Mapped[list["Invitee"]] = relationship(back_populates="draw")


class Invitee(Base):
    """A person drawn from the register. The only personal data the app stores."""

    __tablename__ = "invitees"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    draw_id: Mapped[Optional[int]] = mapped_column(ForeignKey("draws.id", ondelete="SET NULL"))
    draw_order: Mapped[int] = mapped_column(Integer)
    is_replacement: Mapped[bool] = mapped_column(Boolean, default=False)  # Nachrücker
    stratum: Mapped[str] = mapped_column(String(300), default="")
    # aggregate-able attributes (kept after personal data is deleted)
    age_band: Mapped[str] = mapped_column(String(40), default="")
    gender: Mapped[str] = mapped_column(String(10), default="")
    district: Mapped[str] = mapped_column(String(120), default="")
    subdistrict: Mapped[str] = mapped_column(String(120), default="")
    # personal data (deleted after retention period)
    family_name: Mapped[str] = mapped_column(String(200), default="")
    given_names: Mapped[str] = mapped_column(String(200), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    person_key: Mapped[str] = mapped_column(String(64), default="", index=True)  # hash to exclude re-invites
    register_values_json: Mapped[str] = mapped_column(Text, default="")  # original columns as read
    # replies
    reply: Mapped[str] = mapped_column(String(20), default="offen")  # offen/zugesagt/abgesagt/unzustellbar
    selected: Mapped[bool] = mapped_column(Boolean, default=False)   # in the final panel
    attended: Mapped[bool] = mapped_column(Boolean, default=False)

    lab: Mapped[Lab] = relationship(back_populates="invitees")
    draw: Mapped[Optional[DrawRecord]] = relationship(back_populates="invitees")


class Cluster(Base):
    """A group of concern cards on the workshop board."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))          # taxonomy key or generated
    name: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(20), default="#cccccc")
    position: Mapped[int] = mapped_column(Integer, default=0)
    handlungsfeld_codes: Mapped[str] = mapped_column(String(200), default="")  # "2.3;1.2.3"
    origin: Mapped[str] = mapped_column(String(20), default="taxonomy")      # taxonomy/user/discovered
    votes: Mapped[int] = mapped_column(Integer, default=0)                  # dots on the cluster itself
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    __table_args__ = (UniqueConstraint("lab_id", "key", name="uq_cluster_lab_key"),)

    lab: Mapped[Lab] = relationship(back_populates="clusters")
    cards: Mapped[list["Card"]] = relationship(back_populates="cluster")


class Card(Base):
    """An Anliegen: one concern as typed by the facilitator."""

    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    cluster_id: Mapped[Optional[int]] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"),
                                                      index=True)
    text: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(String(200), default="")
    table_tag: Mapped[str] = mapped_column(String(80), default="")
    reason: Mapped[str] = mapped_column(Text, default="")                # German text (older cards: only this)
    reason_data: Mapped[Optional[str]] = mapped_column(Text)              # the reason as JSON (core.card_reasons)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    assigned_by: Mapped[str] = mapped_column(String(20), default="auto")  # auto/user/import
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    pos_x: Mapped[Optional[float]] = mapped_column(Float)
    pos_y: Mapped[Optional[float]] = mapped_column(Float)
    votes: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the topic key the card was confirmed in (left where the app put it when the next card came); NULL: not
    #: confirmed. A rebuilt clusterer learns it from here, also after the card was deleted (migration 0005)
    confirmed_key: Mapped[Optional[str]] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    lab: Mapped[Lab] = relationship(back_populates="cards")
    cluster: Mapped[Optional[Cluster]] = relationship(back_populates="cards")


class LearningExample(Base):
    """A facilitator's correction (card text -> cluster), used to improve suggestions."""

    __tablename__ = "learning_examples"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[Optional[int]] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(10), default="lab")  # lab / city
    text: Mapped[str] = mapped_column(Text)
    cluster_key: Mapped[str] = mapped_column(String(80))
    cluster_name: Mapped[str] = mapped_column(String(200), default="")
    #: the topic the app had chosen when the facilitator moved the card (None: not a correction of the app's choice)
    moved_from: Mapped[Optional[str]] = mapped_column(String(80))
    #: the card moved, and the lab's newest card at that moment (the example's place in the session)
    card_id: Mapped[Optional[int]] = mapped_column(Integer)
    after_card_id: Mapped[Optional[int]] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Recommendation(Base):
    """A Handlungsempfehlung for the Lenkungskreis."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    cluster_id: Mapped[Optional[int]] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    handlungsfeld_codes: Mapped[str] = mapped_column(String(200), default="")  # "2.3;2.9.1"
    actor: Mapped[str] = mapped_column(String(200), default="")
    priority: Mapped[str] = mapped_column(String(20), default="mittel")      # hoch/mittel/niedrig
    horizon: Mapped[str] = mapped_column(String(20), default="kurzfristig")  # sofort/kurz-/mittel-/langfristig
    place: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="offen")         # offen/in Arbeit/umgesetzt/verworfen
    status_note: Mapped[str] = mapped_column(Text, default="")
    linked_card_ids: Mapped[str] = mapped_column(Text, default="")            # "12;15;19"
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    lab: Mapped[Lab] = relationship(back_populates="recommendations")
    cluster: Mapped[Optional[Cluster]] = relationship()


class ParticipationAggregate(Base):
    """Aggregated participant statistics vs. population (no personal data)."""

    __tablename__ = "participation_aggregates"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    dimension: Mapped[str] = mapped_column(String(30))   # age_band / gender / subdistrict
    category: Mapped[str] = mapped_column(String(120))
    population: Mapped[int] = mapped_column(Integer, default=0)
    invited: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    participants: Mapped[int] = mapped_column(Integer, default=0)

    lab: Mapped[Lab] = relationship(back_populates="participation")


class Setting(Base):
    """Key/value settings shared by all users of one database (city defaults)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now,
                                                    server_default=func.current_timestamp())
