"""Replaying a labelled session through the board (``quartierslabor cluster CARDS.csv --replay``).

The cards are typed in file order on a fresh board of a throw-away lab; whenever the app's choice differs from
the cluster the facilitator wants (names compared case-insensitively, whitespace normalised), the card is moved
there as a facilitator would move it, the cluster is created the first time, and the app learns exactly as on
the board: the same :class:`BoardService` operations (``add_card``, ``create_cluster``, ``move_card``).
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Optional, Sequence

from ..clustering.model import ClusterDef
from ..labs import create_lab
from .. import count_texts
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report
from ..storage.database import open_database
from .clusters import same_name
from .service import BoardService
from .taxonomy_store import save_taxonomy


@dataclass(frozen=True)
class ReplayRow:
    text: str
    proposed: str        # the app's choice before any correction (cluster name)
    cluster: str         # where the card ended up (the facilitator's cluster)
    corrected: bool
    #: cards the facilitator moved back after accepting the discovery proposals reviewed after this card
    #: (``replay_session(discovery_every=N)``; 0 without discovery)
    discovery_moves: int = 0


def replay_session(cards: Sequence[tuple[str, str]], taxonomy: Optional[list[ClusterDef]] = None, *,
                   progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                   restart_before: Collection[int] = (), discovery_every: int = 0) -> list[ReplayRow]:
    """``cards``: (text, wanted cluster name) in typing order. ``restart_before``: card numbers (0-based) before
    which the board is opened afresh on the same database, as after an app restart (the clusterer is rebuilt from
    what the database holds). ``discovery_every``: after every N cards the facilitator accepts every discovery
    proposal of the board (new topics and splits, under the proposed name) and moves each of its cards whose
    topic is another one there (``ReplayRow.discovery_moves``): what discovery costs or saves in a session."""
    with tempfile.TemporaryDirectory(prefix="ql-replay-") as folder:
        database = open_database(Path(folder) / "replay.sqlite", backup_before_migrate=False)
        try:
            with database.session() as session:
                lab = create_lab(session, "Replay", "Replay")
                if taxonomy is not None:
                    save_taxonomy(lab, taxonomy)
                session.flush()
                lab_id = lab.id
            return _replay(lambda: BoardService(database, lab_id, share_with_city=False), cards, progress, cancel,
                           set(restart_before), discovery_every)
        finally:
            database.dispose()


def _replay(open_board: Callable[[], BoardService], cards: Sequence[tuple[str, str]], progress, cancel,
            restart_before: set[int], discovery_every: int = 0) -> list[ReplayRow]:
    service = open_board()
    service.warm_up()
    names = {c.id: c.name for c in service.clusters()}
    rows: list[ReplayRow] = []
    wanted_by_card: dict[int, str] = {}
    report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Sitzung wird nachgespielt …")), cancel)
    for i, (text, wanted) in enumerate(cards):
        if i in restart_before:
            service = open_board()
        card = service.add_card(text)
        if card.cluster_id not in names:
            names = {c.id: c.name for c in service.clusters()}
        proposed = names[card.cluster_id]
        final = proposed
        corrected = same_name(proposed) != same_name(wanted)
        if corrected:
            target = service.create_cluster(wanted).target    # joins the cluster of that name if there is one
            if target.id == card.cluster_id:
                corrected = False       # the wanted name is the key of the proposed cluster ("laerm" = "Lärm")
            else:
                service.move_card(card.id, target.id)
                names[target.id] = target.name
                final = target.name
        wanted_by_card[card.id] = wanted
        moves = _accept_proposals(service, wanted_by_card) if discovery_every and (i + 1) % discovery_every == 0 else 0
        if moves:
            names = {c.id: c.name for c in service.clusters()}
        rows.append(ReplayRow(card.text, proposed, final, corrected, moves))
        if i % 25 == 24:
            report(progress, (i + 1) / len(cards),
                   Message(QT_TRANSLATE_NOOP("Progress", "{done} nachgespielt …"),
                           done=count_texts.of_total(i + 1, count_texts.cards(len(cards)))), cancel)
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Fertig.")), cancel)
    return rows


def _accept_proposals(service: BoardService, wanted_by_card: dict[int, str]) -> int:
    """Accept every discovery proposal; move each of its cards that belongs elsewhere there. Returns the moves."""
    moves = 0
    for proposal in service.discovery_proposals():
        result = service.accept_discovery(proposal)
        if result.target is not None:
            topic = result.target
        elif result.created:
            topic = result.created[0]
        else:
            continue
        for card_id in proposal.card_ids:
            wanted = wanted_by_card.get(card_id)
            if wanted is None or same_name(wanted) == same_name(topic.name):
                continue
            target = service.create_cluster(wanted).target
            if target.id != topic.id:
                service.move_card(card_id, target.id)
                moves += 1
    return moves
