"""Shared state of one lab's board service: database, lab, and the lab's clusterer.

The clusterer is a cache derived from the database (the lab's taxonomy plus the learning
examples of the lab and the city). Forward operations update it incrementally; undo
operations, merges and renames of a topic known by its name mark it stale and it is rebuilt
from the database on next use, so the board learns on exactly what a restart rebuilds.
"""
from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clustering.model import ClusterDef
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..storage.cluster_rows import add_cluster_once
from ..storage.database import Database
from ..storage.models import Card, Cluster, Lab, LearningExample
from .palette import next_color
from .taxonomy_store import load_taxonomy

#: taxonomy key of the catch-all cluster
FALLBACK_KEY = "sonstiges"
#: ``Card.assigned_by`` of a card saved while the clusterer was still being built: it waits in the catch-all
#: cluster until :meth:`BoardService.place_waiting_cards` places it
WAITING = "waiting"


def slugify(name: str) -> str:
    text = name.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40] or "gruppe"


def normalise_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())



@dataclass
class BuiltClusterer:
    """A clusterer rebuilt from the database and the cards it still has to confirm: the newest card, if the app
    placed it and nothing came after it yet (the board confirms it when the next card comes)."""
    clusterer: Any
    pending: list[int] = field(default_factory=list)

class BoardContext:
    """Database access and the derived clusterer for one lab."""

    def __init__(self, database: Database, lab_id: int, *, share_with_city: bool = False) -> None:
        self.database = database
        self.lab_id = int(lab_id)
        self.share_with_city = share_with_city
        self._clusterer = None
        #: counts every change the clusterer missed while it was not built; a clusterer built off the GUI
        #: thread is only taken if this did not move during the build (see :meth:`install_clusterer`)
        self.generation = 0
        #: a clusterer is being built off the GUI thread (new cards wait for it, see ``add_card(defer=True)``)
        self.building = False
        self._corrections: Optional[dict[str, str]] = None
        #: ids of cards placed automatically since the last card was added (confirmed when the next one comes)
        self.pending: list[int] = []
        with self.session() as session:
            if session.get(Lab, self.lab_id) is None:
                raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Es gibt kein Quartierslabor mit der Nummer "
                                                                         "{lab_id}."), lab_id=lab_id))

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        with self.database.session() as session:
            yield session

    # -- taxonomy and clusterer ---------------------------------------------------------
    def lab(self, session: Session) -> Lab:
        lab = session.get(Lab, self.lab_id)
        if lab is None:
            raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Das Quartierslabor Nr. {lab_id} wurde "
                                                                     "gelöscht."), lab_id=self.lab_id))
        return lab

    def taxonomy(self, session: Session) -> list[ClusterDef]:
        return load_taxonomy(session, self.lab(session))

    def examples(self, session: Session) -> list[tuple[str, str]]:
        rows = session.execute(
            select(LearningExample.text, LearningExample.cluster_key)
            .where((LearningExample.lab_id == self.lab_id) | (LearningExample.scope == "city"))
            .order_by(LearningExample.id)).all()
        return [(text, key) for text, key in rows]

    def learning_history(self, session: Session) -> tuple[list[tuple[str, str]], list[tuple[str, str, str, Optional[str]]],
                                                          list[int]]:
        """What the lab's session taught, in the order the live board learned it, so a rebuilt clusterer (restart,
        undo) places the next card as the uninterrupted one would:

        - background: examples shared by the city and this lab's examples from before their place was stored,
          learned first as (text, cluster key);
        - events ``(kind, text, key, moved_from)``: ``"learn"`` for a correction (with the app's overruled choice,
          from which the overrule counts of cue words and topics follow) and ``"confirm"`` for a card left where
          the app put it, learned when the next card came under the topic it stood in then (``Card.confirmed_key``,
          also of cards deleted later; a card moved after that was confirmed first);
        - pending: the newest card if the app placed it and nothing came after it yet (confirmed with the next,
          unless it is deleted then).
        """
        examples = session.execute(
            select(LearningExample.id, LearningExample.text, LearningExample.cluster_key, LearningExample.moved_from,
                   LearningExample.card_id, LearningExample.after_card_id, LearningExample.lab_id)
            .where((LearningExample.lab_id == self.lab_id) | (LearningExample.scope == "city"))
            .order_by(LearningExample.id)).all()
        placed = [e for e in examples if e.lab_id == self.lab_id and e.after_card_id is not None]
        own = {(e.text, e.cluster_key) for e in placed}     # shared with the city too: learned once, in place
        background = [(text, key) for _, text, key, _, _, after, lab in examples
                      if (lab != self.lab_id or after is None) and not (lab is None and (text, key) in own)]
        newest = session.scalar(select(func.max(Card.id)).where(Card.lab_id == self.lab_id))
        cards = session.execute(      # deleted cards too: a confirmation learned live stays learned
            select(Card.id, Card.text, Card.assigned_by, Card.confirmed_key)
            .where(Card.lab_id == self.lab_id).order_by(Card.id)).all()
        timed: list[tuple[tuple[int, int, int], tuple[str, str, str, Optional[str]]]] = [
            ((e.after_card_id, 0, e.id), ("learn", e.text, e.cluster_key, e.moved_from)) for e in placed]
        pending = []
        for card_id, text, by, confirmed in cards:
            if confirmed is not None:
                timed.append(((card_id, 1, 0), ("confirm", text, confirmed, None)))
            elif by == "auto" and card_id == newest:
                pending.append(card_id)
        timed.sort(key=lambda item: item[0])
        return background, [event for _, event in timed], pending

    def clusterer(self, session: Optional[Session] = None):
        if self._clusterer is None:
            if session is None:
                with self.session() as own:
                    self._take(self._build_clusterer(own))
            else:
                self._take(self._build_clusterer(session))
        return self._clusterer

    def _take(self, built: "BuiltClusterer") -> None:
        self._clusterer = built.clusterer
        self.pending = list(built.pending)

    @property
    def clusterer_ready(self) -> bool:
        return self._clusterer is not None

    def _build_clusterer(self, session: Session) -> "BuiltClusterer":
        """A new clusterer from the database (touches no state of this context: may run on a worker thread)."""
        from ..clustering import Clusterer
        background, events, pending = self.learning_history(session)
        clusterer = Clusterer(taxonomy=self.taxonomy(session), examples=background)
        for kind, text, key, moved_from in events:
            if kind == "learn":
                clusterer.learn(text, key, moved_from)
            else:
                clusterer.confirm(text, key)
        return BuiltClusterer(clusterer, pending)

    def build_clusterer(self) -> "BuiltClusterer":
        """Build a clusterer in its own session, without installing it (safe on a worker thread)."""
        with self.session() as session:
            return self._build_clusterer(session)

    def install_clusterer(self, built: "BuiltClusterer", generation: int) -> bool:
        """Take a clusterer built by :meth:`build_clusterer` that started at ``generation``; refused (False) when
        one is already in place or something changed meanwhile that the build may have missed."""
        if self._clusterer is not None or generation != self.generation:
            return False
        self._take(built)
        return True

    def update_clusterer(self, method: str, *args) -> None:
        """Apply an incremental change to the clusterer if it is built (else it is built from the
        database, which already holds the change). On a refusal it is rebuilt from the database."""
        if self._clusterer is None:
            self.generation += 1          # a build running now may have read the database before the change
            return
        try:
            getattr(self._clusterer, method)(*args)
        except (KeyError, ValueError):
            self._clusterer = None
            self.generation += 1

    def invalidate_clusterer(self) -> None:
        self._clusterer = None
        self.generation += 1
        self._corrections = None

    def correction_for(self, session: Session, text: str) -> Optional[str]:
        """The cluster key the facilitator chose for exactly this text before (newest wins)."""
        if self._corrections is None:
            self._corrections = {normalise_text(t): k for t, k in self.examples(session)}
        return self._corrections.get(normalise_text(text))

    def remember_correction(self, text: str, key: str) -> None:
        if self._corrections is not None:
            self._corrections[normalise_text(text)] = key

    # -- cluster rows -------------------------------------------------------------------
    def cluster_by_key(self, session: Session, key: str) -> Optional[Cluster]:
        return session.scalar(select(Cluster).where(Cluster.lab_id == self.lab_id, Cluster.key == key))

    def cluster(self, session: Session, cluster_id: int) -> Cluster:
        cluster = session.get(Cluster, cluster_id)
        if cluster is None or cluster.lab_id != self.lab_id:
            raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Dieses Thema gibt es nicht mehr.")),
                            hint=Message(QT_TRANSLATE_NOOP("BoardErrors", "Aktualisieren Sie die Tafel.")))
        return cluster

    def next_position(self, session: Session) -> int:
        top = session.scalar(select(Cluster.position).where(Cluster.lab_id == self.lab_id)
                             .order_by(Cluster.position.desc()).limit(1))
        return 0 if top is None else int(top) + 1

    def used_colors(self, session: Session) -> list[str]:
        return list(session.scalars(select(Cluster.color).where(Cluster.lab_id == self.lab_id)))

    def ensure_cluster(self, session: Session, key: str, name: str = "",
                       origin: str = "taxonomy") -> Cluster:
        """The lab's Cluster row for a taxonomy key, created from the taxonomy on first use."""
        cluster = self.cluster_by_key(session, key)
        if cluster is not None:
            return cluster
        definition = next((d for d in self.taxonomy(session) if d.key == key), None)
        if definition is not None:
            color = definition.color if definition.color and definition.color != "#cccccc" \
                else next_color(self.used_colors(session))
            cluster = Cluster(lab_id=self.lab_id, key=key, name=definition.name, color=color,
                              position=self.next_position(session),
                              handlungsfeld_codes=";".join(definition.handlungsfeld_codes), origin=origin)
        else:
            cluster = Cluster(lab_id=self.lab_id, key=key, name=name or key, origin=origin,
                              color=next_color(self.used_colors(session)),
                              position=self.next_position(session))
        return add_cluster_once(session, cluster)   # another process may add the same key at this moment

    def unique_key(self, session: Session, name: str) -> str:
        base = "eigene-" + slugify(name)
        taken = set(session.scalars(select(Cluster.key).where(Cluster.lab_id == self.lab_id)))
        taken |= {d.key for d in self.taxonomy(session)}
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        return key
