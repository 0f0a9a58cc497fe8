"""The board service: Qt-free operations on one lab's workshop board.

Every operation runs in its own database transaction and returns the saved state only
after the commit (SQLite WAL, synchronous=FULL), so a card the UI shows is on disk. The
returned values carry what an undo command needs to invert the operation.
"""
from __future__ import annotations

from sqlalchemy import select

from ..storage.database import Database
from ..storage.models import Card, Cluster
from .cards import CardOperations
from .clusters import ClusterOperations
from .context import BoardContext
from .regroup import RegroupOperations
from .state import BoardSnapshot, CardState, ClusterState
from .taxonomy_store import learn_for_city, save_city_default, set_learn_for_city
from .voting import VotingOperations


class BoardService(CardOperations, ClusterOperations, RegroupOperations, VotingOperations):
    """Board operations for one lab (see the mixins for the operations themselves)."""

    def __init__(self, database: Database, lab_id: int, *, share_with_city: "bool | None" = None) -> None:
        """``share_with_city``: corrections also teach the city default; None = the stored setting."""
        self.ctx = BoardContext(database, lab_id, share_with_city=bool(share_with_city))
        if share_with_city is None:
            with self.ctx.session() as session:
                self.ctx.share_with_city = learn_for_city(session)

    @property
    def database(self) -> Database:
        return self.ctx.database

    @property
    def lab_id(self) -> int:
        return self.ctx.lab_id

    def warm_up(self) -> None:
        """Build the clusterer now (so the first card is as fast as the others)."""
        self.ctx.clusterer()

    # -- building the clusterer off the GUI thread: begin_build (GUI), build_clusterer (worker), finish_build (GUI)
    def begin_build(self) -> int:
        """Cards added with ``defer=True`` wait from now on until :meth:`finish_build` says the clusterer is ready;
        returns the token to pass to it."""
        self.ctx.building = True
        return self.ctx.generation

    def build_clusterer(self):
        """The expensive part, on a worker thread: a clusterer from the database (not installed yet)."""
        return self.ctx.build_clusterer()

    def finish_build(self, built, token: int) -> bool:
        """Install the built clusterer (unless one is in place already). False when the board changed during the
        build in a way the build may have missed: build again. Once True, place the waiting cards."""
        if not self.ctx.install_clusterer(built, token) and not self.ctx.clusterer_ready:
            return False
        self.ctx.building = False
        return True

    def abandon_build(self) -> None:
        """The background build failed: new cards are placed at once again (building the clusterer there)."""
        self.ctx.building = False

    def set_share_with_city(self, on: bool) -> None:
        """Whether later corrections also teach the city's default (stored for all labs)."""
        with self.ctx.session() as session:
            set_learn_for_city(session, on)
        self.ctx.share_with_city = on

    def save_taxonomy_as_city_default(self) -> int:
        """This lab's clusters become the default for new labs of the city; returns their number."""
        with self.ctx.session() as session:
            return save_city_default(session, self.ctx.lab(session))

    def load_board(self) -> BoardSnapshot:
        with self.ctx.session() as session:
            cluster_states = tuple(self._cluster_states(session))
            cards = session.scalars(select(Card).where(Card.lab_id == self.lab_id).order_by(Card.id))
            card_states = tuple(CardState.of(c) for c in cards)
        return BoardSnapshot(cluster_states, card_states)

    def _cluster_states(self, session) -> list[ClusterState]:
        clusters = session.scalars(select(Cluster).where(Cluster.lab_id == self.lab_id)
                                   .order_by(Cluster.position, Cluster.id))
        return [ClusterState.of(c) for c in clusters]

    def clusters(self) -> list[ClusterState]:
        """The lab's clusters in board order (without reading the cards)."""
        with self.ctx.session() as session:
            return self._cluster_states(session)
