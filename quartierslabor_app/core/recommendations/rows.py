"""Plain snapshots of a lab's recommendations, clusters and cards for the Qt views.

The Qt models never hold ORM objects across sessions: they read immutable snapshots
built here inside one ``database.session()`` and write back through the core services
(one transaction per edit).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from sqlalchemy import select

from .codes import parse_codes as split_codes  # noqa: F401 - re-exported
from ..storage.database import Database
from ..storage.models import Card, Cluster, Lab, Recommendation

#: the editable fields of a recommendation, in form order
EDITABLE_FIELDS = ("title", "text", "handlungsfeld_codes", "actor", "priority", "horizon", "place",
                   "cluster_id", "linked_card_ids", "status", "status_note")


def split_ids(text: str) -> list[int]:
    out: list[int] = []
    for part in (text or "").replace(",", ";").split(";"):
        part = part.strip()
        if part.isdigit():
            out.append(int(part))
    return out


def join_ids(ids) -> str:
    return ";".join(str(i) for i in sorted(set(ids)))


@dataclass(frozen=True)
class CardInfo:
    id: int
    text: str
    votes: int
    cluster_id: Optional[int]


@dataclass(frozen=True)
class ClusterInfo:
    id: int
    name: str
    color: str
    handlungsfeld_codes: str
    card_count: int
    card_votes: int
    cluster_votes: int

    @property
    def votes(self) -> int:
        return self.card_votes + self.cluster_votes


@dataclass(frozen=True)
class RecommendationRow:
    """One recommendation as the table and the form show it."""

    id: int
    title: str = ""
    text: str = ""
    handlungsfeld_codes: str = ""
    actor: str = ""
    priority: str = "mittel"
    horizon: str = "kurzfristig"
    place: str = ""
    cluster_id: Optional[int] = None
    linked_card_ids: str = ""
    status: str = "offen"
    status_note: str = ""

    def values(self) -> dict:
        return {name: getattr(self, name) for name in EDITABLE_FIELDS}

    def with_value(self, name: str, value) -> "RecommendationRow":
        return replace(self, **{name: value})


@dataclass
class LabSnapshot:
    lab_id: int
    lab_name: str
    district: str
    recommendations: list[RecommendationRow] = field(default_factory=list)
    clusters: list[ClusterInfo] = field(default_factory=list)
    cards: dict[int, CardInfo] = field(default_factory=dict)

    def cluster(self, cluster_id: Optional[int]) -> Optional[ClusterInfo]:
        for c in self.clusters:
            if c.id == cluster_id:
                return c
        return None

    def cards_of_cluster(self, cluster_id: Optional[int]) -> list[CardInfo]:
        cards = [c for c in self.cards.values() if c.cluster_id == cluster_id]
        return sorted(cards, key=lambda c: (-c.votes, c.id))

    def linked_votes(self, row: RecommendationRow) -> int:
        return sum(self.cards[i].votes for i in split_ids(row.linked_card_ids) if i in self.cards)


def row_from_model(rec: Recommendation) -> RecommendationRow:
    return RecommendationRow(
        id=rec.id, title=rec.title or "", text=rec.text or "",
        handlungsfeld_codes=rec.handlungsfeld_codes or "", actor=rec.actor or "",
        priority=rec.priority or "", horizon=rec.horizon or "", place=rec.place or "",
        cluster_id=rec.cluster_id, linked_card_ids=rec.linked_card_ids or "",
        status=rec.status or "", status_note=rec.status_note or "")


def load_snapshot(database: Database, lab_id: int) -> LabSnapshot:
    with database.session() as s:
        lab = s.get(Lab, lab_id)
        if lab is None:
            return LabSnapshot(lab_id=lab_id, lab_name="", district="")
        cards = s.scalars(select(Card).where(Card.lab_id == lab_id, Card.deleted.is_(False))).all()
        card_infos = {c.id: CardInfo(c.id, c.text or "", int(c.votes or 0), c.cluster_id) for c in cards}
        clusters = []
        for cl in s.scalars(select(Cluster).where(Cluster.lab_id == lab_id)
                            .order_by(Cluster.position, Cluster.id)).all():
            own = [c for c in card_infos.values() if c.cluster_id == cl.id]
            clusters.append(ClusterInfo(cl.id, cl.name, cl.color or "#cccccc", cl.handlungsfeld_codes or "",
                                        len(own), sum(c.votes for c in own), int(cl.votes or 0)))
        recs = s.scalars(select(Recommendation).where(Recommendation.lab_id == lab_id)
                         .order_by(Recommendation.id)).all()
        return LabSnapshot(lab_id=lab.id, lab_name=lab.name, district=lab.district,
                           recommendations=[row_from_model(r) for r in recs],
                           clusters=clusters, cards=card_infos)


def load_row(database: Database, rec_id: int) -> Optional[RecommendationRow]:
    with database.session() as s:
        rec = s.get(Recommendation, rec_id)
        return row_from_model(rec) if rec is not None else None
