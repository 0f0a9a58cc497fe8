"""Plain, session-free snapshots of board rows.

Every board operation returns these after its transaction committed, so the caller (the
Qt view, an undo command, the crash driver) holds exactly what is on disk.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from ..messages import Message
from ..storage.models import Card, Cluster


@dataclass(frozen=True)
class CardState:
    id: int
    cluster_id: Optional[int]
    text: str
    place: str = ""
    table_tag: str = ""
    reason: str = ""                 # German text (cards.reason)
    reason_data: str = ""            # the same reason as JSON ("" on cards saved before; core.card_reasons)
    score: float = 0.0
    assigned_by: str = "auto"
    pinned: bool = False
    pos_x: Optional[float] = None
    pos_y: Optional[float] = None
    votes: int = 0
    deleted: bool = False

    @classmethod
    def of(cls, card: Card) -> "CardState":
        return cls(id=card.id, cluster_id=card.cluster_id, text=card.text, place=card.place or "",
                   table_tag=card.table_tag or "", reason=card.reason or "",
                   reason_data=card.reason_data or "", score=float(card.score or 0.0),
                   assigned_by=card.assigned_by or "auto", pinned=bool(card.pinned), pos_x=card.pos_x,
                   pos_y=card.pos_y, votes=int(card.votes or 0), deleted=bool(card.deleted))

    def with_(self, **changes) -> "CardState":
        return replace(self, **changes)


@dataclass(frozen=True)
class ClusterState:
    id: int
    key: str
    name: str
    color: str = "#cccccc"
    position: int = 0
    handlungsfeld_codes: str = ""
    origin: str = "taxonomy"
    votes: int = 0

    @classmethod
    def of(cls, cluster: Cluster) -> "ClusterState":
        return cls(id=cluster.id, key=cluster.key, name=cluster.name, color=cluster.color or "#cccccc",
                   position=int(cluster.position or 0), handlungsfeld_codes=cluster.handlungsfeld_codes or "",
                   origin=cluster.origin or "taxonomy", votes=int(cluster.votes or 0))


@dataclass(frozen=True)
class BoardSnapshot:
    """Everything the board shows: clusters in order, and all cards (deleted ones flagged)."""

    clusters: tuple[ClusterState, ...]
    cards: tuple[CardState, ...]

    def live_cards(self) -> list[CardState]:
        return [c for c in self.cards if not c.deleted]


@dataclass(frozen=True)
class CardChange:
    """A card before and after an operation (edit, move, pin, votes, restore ...)."""

    before: CardState
    after: CardState


@dataclass(frozen=True)
class ClusterChange:
    before: ClusterState
    after: ClusterState


@dataclass(frozen=True)
class MoveResult:
    """A card moved to another cluster; ``example_id`` is the learning example recorded."""

    change: CardChange
    example_id: Optional[int] = None


@dataclass(frozen=True)
class RegroupResult:
    """Merge, split, discovery or re-clustering: what changed, enough to invert it.

    ``card_changes`` hold every card that moved (before/after), ``created`` the clusters this
    operation created, ``removed`` the clusters it deleted (full state, restorable with the
    same id), ``example_ids`` learning examples it recorded, ``taxonomy_before`` the lab's
    taxonomy JSON before the operation, and ``relabelled_examples`` (example id, old key).
    """

    card_changes: tuple[CardChange, ...] = ()
    created: tuple[ClusterState, ...] = ()
    removed: tuple[ClusterState, ...] = ()
    example_ids: tuple[int, ...] = ()
    taxonomy_before: Optional[str] = None       # None: the operation left the taxonomy alone
    relabelled_examples: tuple[tuple[int, str], ...] = ()
    #: (card id, old key) of the confirmations a merge moved to the target topic (``Card.confirmed_key``)
    relabelled_confirmations: tuple[tuple[int, str], ...] = ()
    target: Optional[ClusterState] = None


@dataclass(frozen=True)
class VoteSnapshot:
    """Votes of all cards and clusters (to undo a reset)."""

    card_votes: tuple[tuple[int, int], ...] = ()
    cluster_votes: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class RankedItem:
    kind: str          # "card" or "cluster"
    id: int
    label: str
    votes: int
    rank: int
    cluster_name: str = ""
    color: str = "#cccccc"


@dataclass(frozen=True)
class VoteBudget:
    """Punktabfrage budget: points each participant may give, times participants."""

    points_per_participant: int = 0
    participants: int = 0

    @property
    def total(self) -> int:
        return max(0, self.points_per_participant) * max(0, self.participants)

    @property
    def active(self) -> bool:
        return self.total > 0


@dataclass(frozen=True)
class BudgetStatus:
    used: int
    budget: VoteBudget
    message: str
    over: bool = False
    remaining: Optional[int] = None
    #: ``message`` as a translatable Message (the GUI shows it in the UI language)
    message_obj: Optional[Message] = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class DiscoveryProposal:
    """A proposed new cluster for cards that fit nothing well, or (``split_from`` set) a sub-theme of an
    overfull cluster whose cards would move into a cluster of their own."""

    name: str
    card_ids: tuple[int, ...]
    texts: tuple[str, ...] = field(default_factory=tuple)
    reason: str = ""                           # German text
    reason_data: str = ""                      # the same as JSON (core.card_reasons)
    split_from: str = ""                       # name of the cluster the cards leave ("" = loose cards)
