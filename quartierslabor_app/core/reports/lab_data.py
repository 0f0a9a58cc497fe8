"""The data of one lab's report, built once from the database and used by the PDF and Excel writers.

Plain dataclasses only (no ORM objects), so writers can run outside a session and the GUI
can show the same figures. Personal data of invitees is never read here: participant
figures come from :class:`ParticipationAggregate` only.

One set of figures for the whole report: the number of participants is the attendance recorded
on the workshop day (invitees marked present plus walk-ins, :mod:`..attendance`); every
participation table sums to it (walk-ins have a row of their own, their characteristics are not
known). Where something was not recorded the value is ``None`` and the writers print
:data:`NOT_RECORDED`, never 0 or 0 %.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import __version__
from ..attendance import load_attendance
from ..board.table_tag import table_name
from ..card_reasons import card_reason_message
from ..recommendations.codes import code_sort_key, handlungsfeld_title, parse_codes
from ..recommendations.service import parse_card_ids
from ..storage.models import Card, Cluster, Lab, ParticipationAggregate, Recommendation

UNCLUSTERED_NAME = "Ohne Thema"
#: what the report says where a figure was not recorded
NOT_RECORDED = "nicht erfasst"
#: participation table row of the people who came without an invitation
WALK_INS_LABEL = "ohne Einladung gekommen"
NO_FIELD_LABEL = "Ohne Handlungsfeld"
TOP_CONCERNS = 5

#: German headings of the participation dimensions, in report order
DIMENSION_LABELS = {
    "age_band": "Altersgruppe",
    "gender": "Geschlecht",
    "district": "Stadtbezirk",
    "subdistrict": "Stadtteil",
}
GENDER_LABELS = {"m": "männlich", "w": "weiblich", "f": "weiblich", "d": "divers", "x": "ohne Angabe"}


@dataclass
class CardRow:
    id: int
    text: str
    votes: int
    place: str
    table_tag: str
    cluster_name: str
    cluster_key: str = ""
    reason: str = ""                 # why the card sits in its topic (German, core.card_reasons)


@dataclass
class ClusterSection:
    key: str
    name: str
    color: str
    handlungsfeld_codes: list[str]
    origin: str
    cluster_votes: int                        # dots on the cluster itself
    cards: list[CardRow] = field(default_factory=list)

    @property
    def card_count(self) -> int:
        return len(self.cards)

    @property
    def card_votes(self) -> int:
        return sum(c.votes for c in self.cards)

    @property
    def total_votes(self) -> int:
        return self.cluster_votes + self.card_votes

    @property
    def handlungsfeld_text(self) -> str:
        return "; ".join(f"{c} {handlungsfeld_title(c)}".strip() for c in self.handlungsfeld_codes)


@dataclass
class RecommendationRow:
    id: int
    title: str
    text: str
    handlungsfeld_codes: list[str]
    actor: str
    priority: str
    horizon: str
    place: str
    status: str
    status_note: str
    cluster_name: str
    linked_cards: list[CardRow] = field(default_factory=list)
    updated_at: Optional[dt.datetime] = None

    @property
    def linked_votes(self) -> int:
        return sum(c.votes for c in self.linked_cards)

    @property
    def codes_text(self) -> str:
        return "; ".join(self.handlungsfeld_codes)


@dataclass
class HandlungsfeldGroup:
    code: str                                  # "" = without Handlungsfeld
    title: str
    recommendations: list[RecommendationRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}".strip() if self.code else NO_FIELD_LABEL


@dataclass
class ParticipationRow:
    category: str
    population: Optional[int]                 # None: not known (walk-ins)
    invited: int
    accepted: int
    participants: Optional[int]               # None: attendance not recorded
    population_share: Optional[float] = 0.0   # 0..1 within the dimension
    participant_share: Optional[float] = 0.0


@dataclass
class ParticipationTable:
    dimension: str
    label: str
    rows: list[ParticipationRow] = field(default_factory=list)

    @property
    def total_population(self) -> int:
        return sum(r.population or 0 for r in self.rows)

    @property
    def total_invited(self) -> int:
        return sum(r.invited for r in self.rows)

    @property
    def total_accepted(self) -> int:
        return sum(r.accepted for r in self.rows)

    @property
    def total_participants(self) -> Optional[int]:
        """None while attendance is not recorded."""
        if any(r.participants is None for r in self.rows):
            return None
        return sum(r.participants or 0 for r in self.rows)


@dataclass
class TopConcern:
    name: str
    votes: int
    cards: int


@dataclass
class LabSummary:
    participants: Optional[int]               # None: not recorded
    invited: int
    accepted: int
    walk_ins: Optional[int]                   # came without an invitation; None: not recorded
    cards: int
    clusters: int
    votes: int
    recommendations: int
    top_clusters: list[TopConcern] = field(default_factory=list)
    top_cards: list[CardRow] = field(default_factory=list)
    #: attendance was taken on the workshop day (participants come from it, not from a typed count)
    attendance_recorded: bool = False


@dataclass
class LabReportData:
    lab_id: int
    lab_name: str
    district: str
    date: Optional[dt.date]
    venue: str
    notes: str
    exported_at: dt.datetime
    software_version: str
    summary: LabSummary
    participation: list[ParticipationTable]
    clusters: list[ClusterSection]             # non-empty clusters plus "Ohne Thema" if needed
    recommendations: list[RecommendationRow]
    recommendation_groups: list[HandlungsfeldGroup]

    @property
    def cards(self) -> list[CardRow]:
        return [c for section in self.clusters for c in section.cards]

    @property
    def date_text(self) -> str:
        return self.date.strftime("%d.%m.%Y") if self.date else "ohne Datum"


def _participation(session: Session, lab: Lab, recorded: bool, walk_ins: int) -> list[ParticipationTable]:
    """Participation tables; ``recorded``: attendance was taken (else participants are None);
    ``walk_ins``: a row of their own in every table, so each table sums to all participants."""
    rows = session.scalars(select(ParticipationAggregate)
                           .where(ParticipationAggregate.lab_id == lab.id)
                           .order_by(ParticipationAggregate.id)).all()
    tables: dict[str, ParticipationTable] = {}
    for agg in rows:
        table = tables.get(agg.dimension)
        if table is None:
            label = DIMENSION_LABELS.get(agg.dimension, agg.dimension)
            table = tables[agg.dimension] = ParticipationTable(agg.dimension, label)
        category = agg.category
        if agg.dimension == "gender":
            category = GENDER_LABELS.get(category.strip().lower(), category)
        table.rows.append(ParticipationRow(category, agg.population or 0, agg.invited or 0,
                                           agg.accepted or 0, (agg.participants or 0) if recorded else None))
    for table in tables.values():
        if recorded and walk_ins:
            table.rows.append(ParticipationRow(WALK_INS_LABEL, None, 0, 0, walk_ins, None))
        pop = table.total_population
        part = table.total_participants
        for r in table.rows:
            if r.population is not None:
                r.population_share = r.population / pop if pop else None
            r.participant_share = (r.participants / part if part else None) if part is not None else None
    order = list(DIMENSION_LABELS)
    return sorted(tables.values(), key=lambda t: (order.index(t.dimension) if t.dimension in order
                                                 else len(order), t.dimension))


def _card_row(card: Card, cluster: Optional[Cluster]) -> CardRow:
    return CardRow(id=card.id, text=card.text or "", votes=card.votes or 0, place=card.place or "",
                   table_tag=table_name(card.table_tag or ""), cluster_name=cluster.name if cluster else UNCLUSTERED_NAME,
                   cluster_key=cluster.key if cluster else "",
                   reason=str(card_reason_message(card.reason, card.reason_data)))


def build_lab_report(session: Session, lab: Lab, *, top: int = TOP_CONCERNS) -> LabReportData:
    """Collect everything the lab report shows (no personal data)."""
    clusters = list(session.scalars(select(Cluster).where(Cluster.lab_id == lab.id)
                                    .order_by(Cluster.position, Cluster.id)))
    by_id = {c.id: c for c in clusters}
    sections: dict[Optional[int], ClusterSection] = {
        c.id: ClusterSection(key=c.key, name=c.name, color=c.color or "#cccccc",
                             handlungsfeld_codes=parse_codes(c.handlungsfeld_codes), origin=c.origin or "",
                             cluster_votes=c.votes or 0)
        for c in clusters}
    cards = list(session.scalars(select(Card).where(Card.lab_id == lab.id, Card.deleted.is_(False))
                                 .order_by(Card.id)))
    card_rows: dict[int, CardRow] = {}
    for card in cards:
        cluster = by_id.get(card.cluster_id) if card.cluster_id is not None else None
        row = _card_row(card, cluster)
        card_rows[card.id] = row
        key = cluster.id if cluster else None
        if key not in sections:
            sections[None] = ClusterSection(key="", name=UNCLUSTERED_NAME, color="#999999",
                                            handlungsfeld_codes=[], origin="", cluster_votes=0)
        sections[key].cards.append(row)
    for section in sections.values():
        section.cards.sort(key=lambda c: (-c.votes, c.id))
    shown = [s for s in sections.values() if s.cards or s.cluster_votes]

    recs = list(session.scalars(select(Recommendation).where(Recommendation.lab_id == lab.id)
                                .order_by(Recommendation.id)))
    rec_rows: list[RecommendationRow] = []
    for rec in recs:
        linked = [card_rows[i] for i in parse_card_ids(rec.linked_card_ids) if i in card_rows]
        cluster = by_id.get(rec.cluster_id) if rec.cluster_id is not None else None
        rec_rows.append(RecommendationRow(
            id=rec.id, title=rec.title, text=rec.text or "", handlungsfeld_codes=parse_codes(rec.handlungsfeld_codes),
            actor=rec.actor or "", priority=rec.priority or "", horizon=rec.horizon or "", place=rec.place or "",
            status=rec.status or "", status_note=rec.status_note or "",
            cluster_name=cluster.name if cluster else "", linked_cards=linked, updated_at=rec.updated_at))
    groups = group_by_handlungsfeld(rec_rows)

    attendance = load_attendance(session, lab.id)
    participation = _participation(session, lab, attendance.recorded, attendance.walk_ins or 0)
    by_dimension = {t.dimension: t for t in participation}
    reference = by_dimension.get("gender") or by_dimension.get("age_band") or (participation[0] if participation
                                                                              else None)
    # attendance taken on the workshop day decides; without it a count entered by hand (no tables)
    participants = attendance.participants(lab.participants_count)
    invited = reference.total_invited if reference else 0
    accepted = reference.total_accepted if reference else 0

    ranked = sorted(shown, key=lambda s: (-s.total_votes, -s.card_count, s.name))
    summary = LabSummary(
        participants=participants, invited=invited, accepted=accepted,
        walk_ins=attendance.walk_ins if attendance.recorded else None, cards=len(cards),
        attendance_recorded=attendance.recorded,
        clusters=len([s for s in shown if s.key and s.cards]), votes=sum(s.total_votes for s in shown),
        recommendations=len(rec_rows),
        top_clusters=[TopConcern(s.name, s.total_votes, s.card_count) for s in ranked[:top]],
        top_cards=sorted(card_rows.values(), key=lambda c: (-c.votes, c.id))[:top])
    return LabReportData(
        lab_id=lab.id, lab_name=lab.name, district=lab.district, date=lab.date, venue=lab.venue or "",
        notes=lab.notes or "", exported_at=dt.datetime.now().replace(microsecond=0),
        software_version=__version__, summary=summary, participation=participation, clusters=shown,
        recommendations=rec_rows, recommendation_groups=groups)


def group_by_handlungsfeld(rows: list[RecommendationRow]) -> list[HandlungsfeldGroup]:
    """Group recommendations by their first (main) Handlungsfeld code, in Masterplan order."""
    groups: dict[str, HandlungsfeldGroup] = {}
    for row in rows:
        code = row.handlungsfeld_codes[0] if row.handlungsfeld_codes else ""
        group = groups.get(code)
        if group is None:
            group = groups[code] = HandlungsfeldGroup(code, handlungsfeld_title(code) if code else "")
        group.recommendations.append(row)
    priority_order = {"hoch": 0, "mittel": 1, "niedrig": 2}
    for group in groups.values():
        group.recommendations.sort(key=lambda r: (priority_order.get(r.priority, 3), r.id))
    return sorted(groups.values(), key=lambda g: (g.code == "", code_sort_key(g.code)))
