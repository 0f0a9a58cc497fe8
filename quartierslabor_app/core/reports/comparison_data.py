"""Comparison across labs for the Lenkungskreis: labs by district and date, share of concerns
per cluster and per Handlungsfeld, change since a district's previous lab, and the status of
the recommendations. Plain dataclasses used by the PDF and Excel writers (no personal data)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import __version__
from ..attendance import lab_participants
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report
from ..recommendations.choices import STATUSES
from ..recommendations.codes import code_sort_key, handlungsfeld_title, parse_codes
from ..storage.models import Card, Cluster, Lab, Recommendation

UNCLUSTERED_KEY = ""
UNCLUSTERED_LABEL = "Ohne Thema"
NO_FIELD_KEY = ""
NO_FIELD_LABEL = "Ohne Handlungsfeld"


@dataclass
class LabOverview:
    lab_id: int
    name: str
    district: str
    date: Optional[dt.date]
    venue: str
    participants: Optional[int]            # None: attendance not recorded ("nicht erfasst")
    cards: int
    votes: int
    clusters: int
    recommendations: int
    status_counts: dict[str, int] = field(default_factory=dict)

    @property
    def date_text(self) -> str:
        return self.date.strftime("%d.%m.%Y") if self.date else "ohne Datum"

    @property
    def short_label(self) -> str:
        return f"{self.name} ({self.date_text})"


@dataclass
class ShareCell:
    cards: int = 0
    votes: int = 0
    share: float = 0.0                     # of the lab's cards, 0..1


@dataclass
class ShareRow:
    key: str
    label: str
    cells: dict[int, ShareCell] = field(default_factory=dict)   # lab_id -> cell

    def cell(self, lab_id: int) -> ShareCell:
        return self.cells.get(lab_id) or ShareCell()


@dataclass
class TopicChange:
    key: str
    label: str
    previous_cards: int
    latest_cards: int
    previous_share: float
    latest_share: float

    @property
    def delta_points(self) -> float:
        """Change of the share in percentage points."""
        return (self.latest_share - self.previous_share) * 100


@dataclass
class DistrictChange:
    district: str
    previous: LabOverview
    latest: LabOverview
    topics: list[TopicChange] = field(default_factory=list)

    @property
    def new_topics(self) -> list[TopicChange]:
        return [t for t in self.topics if t.previous_cards == 0 and t.latest_cards > 0]

    @property
    def gone_topics(self) -> list[TopicChange]:
        return [t for t in self.topics if t.previous_cards > 0 and t.latest_cards == 0]


@dataclass
class RecommendationStatus:
    lab_id: int
    lab_name: str
    district: str
    lab_date: Optional[dt.date]
    title: str
    handlungsfeld_codes: list[str]
    actor: str
    priority: str
    horizon: str
    status: str
    status_note: str
    updated_at: Optional[dt.datetime]


@dataclass
class ComparisonData:
    district: Optional[str]
    exported_at: dt.datetime
    software_version: str
    labs: list[LabOverview]
    cluster_shares: list[ShareRow]
    field_shares: list[ShareRow]
    district_changes: list[DistrictChange]
    recommendations: list[RecommendationStatus]

    @property
    def districts(self) -> list[str]:
        seen: list[str] = []
        for lab in self.labs:
            if lab.district not in seen:
                seen.append(lab.district)
        return seen

    @property
    def status_totals(self) -> dict[str, int]:
        totals = {s: 0 for s in STATUSES}
        for rec in self.recommendations:
            totals[rec.status] = totals.get(rec.status, 0) + 1
        return totals

    @property
    def scope_text(self) -> str:
        return f"Stadtbezirk {self.district}" if self.district else "alle Stadtbezirke"


def main_field(codes: list[str]) -> str:
    """The Handlungsfeld a cluster counts for in the comparison: its first code with at least
    two levels, cut to two levels (``"2;2.1"`` -> ``"2.1"``, ``"2.3.1"`` -> ``"2.3"``); else its first code."""
    for code in codes:
        parts = code.split(".")
        if len(parts) >= 2:
            return ".".join(parts[:2])
    return codes[0] if codes else NO_FIELD_KEY


def _lab_key(lab: Lab) -> tuple:
    return (lab.district, lab.date or dt.date.min, lab.name)


def build_comparison(session: Session, district: Optional[str] = None,
                     progress: Optional[ProgressCallback] = None,
                     cancel: Optional[CancelToken] = None) -> ComparisonData:
    """Collect the comparison of all labs (or those of one district)."""
    stmt = select(Lab)
    if district:
        stmt = stmt.where(Lab.district == district)
    labs = sorted(session.scalars(stmt), key=_lab_key)
    if district and not labs:
        from ..errors import UserError
        raise UserError(f"Im Stadtbezirk „{district}“ gibt es kein Quartierslabor.",
                        hint="Mit „quartierslabor lab list“ sehen Sie die vorhandenen Labore und Stadtbezirke.")
    lab_ids = [lab.id for lab in labs]
    overviews: dict[int, LabOverview] = {}
    cluster_rows: dict[str, ShareRow] = {}
    field_rows: dict[str, ShareRow] = {}
    cluster_label_date: dict[str, tuple] = {}

    clusters = session.scalars(select(Cluster).where(Cluster.lab_id.in_(lab_ids))).all() if lab_ids else []
    cluster_by_id = {c.id: c for c in clusters}
    # card counts and votes per (lab, cluster) in one query
    counts = session.execute(
        select(Card.lab_id, Card.cluster_id, func.count(Card.id), func.coalesce(func.sum(Card.votes), 0))
        .where(Card.lab_id.in_(lab_ids), Card.deleted.is_(False))
        .group_by(Card.lab_id, Card.cluster_id)).all() if lab_ids else []
    per_lab: dict[int, list[tuple[Optional[Cluster], int, int]]] = {i: [] for i in lab_ids}
    for lab_id, cluster_id, n, votes in counts:
        per_lab[lab_id].append((cluster_by_id.get(cluster_id), int(n), int(votes)))
    cluster_votes: dict[int, int] = {}
    for c in clusters:
        cluster_votes[c.lab_id] = cluster_votes.get(c.lab_id, 0) + (c.votes or 0)
    recs = session.scalars(select(Recommendation).where(Recommendation.lab_id.in_(lab_ids))
                           .order_by(Recommendation.id)).all() if lab_ids else []

    total = max(1, len(labs))
    for i, lab in enumerate(labs):
        report(progress, 0.8 * i / total, Message(QT_TRANSLATE_NOOP("Progress", "Labor „{name}“ …"), name=lab.name),
               cancel)
        entries = per_lab[lab.id]
        n_cards = sum(n for _, n, _ in entries)
        votes = sum(v for _, _, v in entries) + cluster_votes.get(lab.id, 0)
        part = lab_participants(session, lab)       # counted like the lab report
        lab_recs = [r for r in recs if r.lab_id == lab.id]
        status_counts = {s: 0 for s in STATUSES}
        for r in lab_recs:
            status_counts[r.status] = status_counts.get(r.status, 0) + 1
        overviews[lab.id] = LabOverview(
            lab_id=lab.id, name=lab.name, district=lab.district, date=lab.date, venue=lab.venue or "",
            participants=int(part) if part is not None else None, cards=n_cards, votes=votes,
            clusters=len({c.id for c, n, _ in entries if c is not None and n}), recommendations=len(lab_recs),
            status_counts=status_counts)
        for cluster, n, v in entries:
            key = cluster.key if cluster else UNCLUSTERED_KEY
            label = cluster.name if cluster else UNCLUSTERED_LABEL
            row = cluster_rows.setdefault(key, ShareRow(key, label))
            stamp = (lab.date or dt.date.min, lab.id)
            if key not in cluster_label_date or stamp > cluster_label_date[key]:
                cluster_label_date[key] = stamp
                row.label = label              # the newest lab's name for a cluster key
            cell = row.cells.setdefault(lab.id, ShareCell())
            cell.cards += n
            cell.votes += v
            fkey = main_field(parse_codes(cluster.handlungsfeld_codes)) if cluster else NO_FIELD_KEY
            flabel = f"{fkey} {handlungsfeld_title(fkey)}".strip() if fkey else NO_FIELD_LABEL
            frow = field_rows.setdefault(fkey, ShareRow(fkey, flabel))
            fcell = frow.cells.setdefault(lab.id, ShareCell())
            fcell.cards += n
            fcell.votes += v
    for rows in (cluster_rows, field_rows):
        for row in rows.values():
            for lab_id, cell in row.cells.items():
                n_cards = overviews[lab_id].cards
                cell.share = cell.cards / n_cards if n_cards else 0.0

    def total_share(row: ShareRow) -> float:
        return -sum(c.share for c in row.cells.values())

    cluster_list = sorted(cluster_rows.values(), key=lambda r: (r.key == UNCLUSTERED_KEY, total_share(r), r.label))
    field_list = sorted(field_rows.values(), key=lambda r: (r.key == NO_FIELD_KEY, code_sort_key(r.key)))

    report(progress, 0.85, Message(QT_TRANSLATE_NOOP("Progress", "Veränderungen je Stadtbezirk …")), cancel)
    changes: list[DistrictChange] = []
    ordered = [overviews[i] for i in lab_ids]
    for name in dict.fromkeys(o.district for o in ordered):
        in_district = [o for o in ordered if o.district == name and o.date is not None]
        if len(in_district) < 2:
            continue
        previous, latest = in_district[-2], in_district[-1]
        topics = []
        for row in cluster_list:
            a, b = row.cell(previous.lab_id), row.cell(latest.lab_id)
            if a.cards or b.cards:
                topics.append(TopicChange(row.key, row.label, a.cards, b.cards, a.share, b.share))
        topics.sort(key=lambda t: (-abs(t.delta_points), t.label))
        changes.append(DistrictChange(name, previous, latest, topics))

    rec_rows = []
    for r in recs:
        o = overviews[r.lab_id]
        rec_rows.append(RecommendationStatus(
            lab_id=o.lab_id, lab_name=o.name, district=o.district, lab_date=o.date, title=r.title,
            handlungsfeld_codes=parse_codes(r.handlungsfeld_codes), actor=r.actor or "", priority=r.priority or "",
            horizon=r.horizon or "", status=r.status or "", status_note=r.status_note or "",
            updated_at=r.updated_at))
    order = {lab_id: i for i, lab_id in enumerate(lab_ids)}
    status_order = {s: i for i, s in enumerate(STATUSES)}
    rec_rows.sort(key=lambda r: (order[r.lab_id], status_order.get(r.status, 9), r.title))
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Vergleich zusammengestellt.")), cancel)
    return ComparisonData(district=district or None, exported_at=dt.datetime.now().replace(microsecond=0),
                          software_version=__version__, labs=ordered, cluster_shares=cluster_list,
                          field_shares=field_list, district_changes=changes, recommendations=rec_rows)
