"""Cluster operations: create, delete (empty), rename, recolour, reorder; taxonomy kept in sync."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clustering.model import ClusterDef
from ..errors import UserError
from .. import count_texts
from ..messages import QT_TRANSLATE_NOOP, Message
from ..storage.models import Card, Cluster
from ..text_values import clean_chars
from .context import BoardContext
from .palette import is_color, next_color
from .state import ClusterChange, ClusterState, RegroupResult
from .taxonomy_store import save_taxonomy


def clean_name(name: str) -> str:
    name = " ".join(clean_chars(name or "").split())
    if not name:
        raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Der Name des Themas ist leer.")),
                        hint=Message(QT_TRANSLATE_NOOP("BoardErrors", "Geben Sie einen kurzen Namen ein, "
                                                                      "z. B. „Spielplatz“.")))
    if len(name) > 120:
        raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Der Name des Themas ist zu lang ({length} Zeichen, "
                                                                 "höchstens 120)."), length=len(name)))
    return name


def same_name(name: str) -> str:
    """A cluster name as compared: case-insensitive, whitespace normalised."""
    return " ".join((name or "").split()).casefold()


def _not_a_color(color: str) -> Message:
    return Message(QT_TRANSLATE_NOOP("BoardErrors", "„{color}“ ist keine Farbe."), color=color)


def _color_hint() -> Message:
    return Message(QT_TRANSLATE_NOOP("BoardErrors", "Farben werden als #rrggbb angegeben."))


class ClusterOperations:
    """Mixin of :class:`BoardService`: everything that changes one cluster."""

    ctx: BoardContext

    def _check_name_free(self, session: Session, name: str, except_id: Optional[int] = None) -> None:
        clash = session.scalar(select(Cluster.id).where(Cluster.lab_id == self.ctx.lab_id,
                                                        func.lower(Cluster.name) == name.lower()))
        if clash is not None and clash != except_id:
            raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Ein Thema „{name}“ gibt es schon."),
                                    name=name),
                            hint=Message(QT_TRANSLATE_NOOP("BoardErrors", "Wählen Sie einen anderen Namen oder "
                                                                          "führen Sie die Themen zusammen.")))

    def _new_cluster(self, session: Session, name: str, color: Optional[str], origin: str,
                     cluster_id: Optional[int] = None) -> Cluster:
        name = clean_name(name)
        self._check_name_free(session, name)
        if color is not None and not is_color(color):
            raise UserError(_not_a_color(color), hint=_color_hint())
        if cluster_id is not None and session.get(Cluster, cluster_id) is not None:
            cluster_id = None     # the old id was taken meanwhile: use a fresh one
        cluster = Cluster(id=cluster_id, lab_id=self.ctx.lab_id, key=self.ctx.unique_key(session, name), name=name,
                          color=color or next_color(self.ctx.used_colors(session)),
                          position=self.ctx.next_position(session), origin=origin, votes=0)
        session.add(cluster)
        session.flush()
        lab = self.ctx.lab(session)
        taxonomy = self.ctx.taxonomy(session)
        taxonomy.append(ClusterDef(key=cluster.key, name=cluster.name, color=cluster.color))
        save_taxonomy(lab, taxonomy)
        return cluster

    def _existing_cluster(self, session: Session, name: str) -> tuple[Optional[Cluster], bool]:
        """The board's cluster that ``name`` means (its name or key, case and spacing ignored), else the taxonomy
        cluster of that name or key (its column is created); (cluster, column created now)."""
        wanted = same_name(name)
        for cluster in session.scalars(select(Cluster).where(Cluster.lab_id == self.ctx.lab_id)):
            if wanted in (same_name(cluster.name), same_name(cluster.key)):
                return cluster, False
        for definition in self.ctx.taxonomy(session):
            if wanted in (same_name(definition.name), same_name(definition.key)):
                return self.ctx.ensure_cluster(session, definition.key), True
        return None, False

    def move_targets(self) -> list[tuple[str, str, Optional[int]]]:
        """(key, name, cluster id or None) of every cluster a card can be moved to: the board's columns, then the
        taxonomy's clusters that have no column yet ("Verschieben nach")."""
        with self.ctx.session() as session:
            rows = list(session.scalars(select(Cluster).where(Cluster.lab_id == self.ctx.lab_id)
                                        .order_by(Cluster.position, Cluster.id)))
            keys = {c.key for c in rows}
            out = [(c.key, c.name, c.id) for c in rows]
            out += [(d.key, d.name, None) for d in self.ctx.taxonomy(session) if d.key not in keys]
        return out

    def create_cluster(self, name: str, color: Optional[str] = None,
                       cluster_id: Optional[int] = None) -> RegroupResult:
        """A new, empty cluster of the facilitator's own (added to the lab's taxonomy).

        A name the board or the taxonomy already has (case and spacing ignored, also a built-in key) joins that
        cluster instead of making a second column of the same name: ``target`` is it, ``created`` holds its column
        only if it was created now. ``cluster_id`` re-creates a cluster under its old id (redo after undo).
        """
        with self.ctx.session() as session:
            before = self.ctx.lab(session).taxonomy_json or ""
            existing, made = self._existing_cluster(session, clean_name(name))
            if existing is not None:
                state = ClusterState.of(existing)
                return RegroupResult(created=(state,) if made else (), taxonomy_before=before, target=state)
            cluster = self._new_cluster(session, name, color, "user", cluster_id)
            state = ClusterState.of(cluster)
        self.ctx.update_clusterer("add_cluster", ClusterDef(key=state.key, name=state.name, color=state.color), ())
        return RegroupResult(created=(state,), taxonomy_before=before, target=state)

    def delete_cluster(self, cluster_id: int) -> RegroupResult:
        """Remove an empty cluster from the board (its cards must be moved first)."""
        with self.ctx.session() as session:
            cluster = self.ctx.cluster(session, cluster_id)
            count = session.scalar(select(func.count(Card.id)).where(Card.cluster_id == cluster.id,
                                                                     Card.deleted.is_(False)))
            if count:
                raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Das Thema „{name}“ enthält noch "
                                                                         "{cards}."),
                                        name=cluster.name, cards=count_texts.cards(count)),
                                hint=Message(QT_TRANSLATE_NOOP("BoardErrors", "Verschieben Sie die Karten oder "
                                                                              "führen Sie das Thema mit einem "
                                                                              "anderen zusammen.")))
            lab = self.ctx.lab(session)
            before = lab.taxonomy_json or ""
            state = ClusterState.of(cluster)
            if cluster.origin != "taxonomy":
                save_taxonomy(lab, [d for d in self.ctx.taxonomy(session) if d.key != cluster.key])
            session.delete(cluster)
        if state.origin != "taxonomy":
            self.ctx.invalidate_clusterer()
        return RegroupResult(removed=(state,), taxonomy_before=before)

    def rename_cluster(self, cluster_id: int, name: str) -> ClusterChange:
        with self.ctx.session() as session:
            cluster = self.ctx.cluster(session, cluster_id)
            name = clean_name(name)
            self._check_name_free(session, name, except_id=cluster.id)
            before = ClusterState.of(cluster)
            cluster.name = name
            taxonomy = self.ctx.taxonomy(session)
            by_name = False
            for definition in taxonomy:
                if definition.key == cluster.key:
                    definition.name = name
                    by_name = not definition.all_cues()
            save_taxonomy(self.ctx.lab(session), taxonomy)
            session.flush()
            change = ClusterChange(before, ClusterState.of(cluster))
        if by_name:     # recognised by its name's words: rebuilt on the new name, as a restart does
            self.ctx.invalidate_clusterer()
        else:
            self.ctx.update_clusterer("rename_cluster", change.after.key, name)
        return change

    def recolor_cluster(self, cluster_id: int, color: str) -> ClusterChange:
        if not is_color(color):
            raise UserError(_not_a_color(color), hint=_color_hint())
        with self.ctx.session() as session:
            cluster = self.ctx.cluster(session, cluster_id)
            before = ClusterState.of(cluster)
            cluster.color = color
            taxonomy = self.ctx.taxonomy(session)
            for definition in taxonomy:
                if definition.key == cluster.key:
                    definition.color = color
            save_taxonomy(self.ctx.lab(session), taxonomy)
            session.flush()
            change = ClusterChange(before, ClusterState.of(cluster))
        return change

    def move_cluster(self, cluster_id: int, new_index: int) -> list[ClusterState]:
        """Reorder the columns; returns all clusters in their new order."""
        with self.ctx.session() as session:
            clusters = list(session.scalars(select(Cluster).where(Cluster.lab_id == self.ctx.lab_id)
                                            .order_by(Cluster.position, Cluster.id)))
            moving = next((c for c in clusters if c.id == cluster_id), None)
            if moving is None:
                raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Dieses Thema gibt es nicht mehr.")))
            clusters.remove(moving)
            clusters.insert(max(0, min(new_index, len(clusters))), moving)
            for position, cluster in enumerate(clusters):
                cluster.position = position
            session.flush()
            states = [ClusterState.of(c) for c in clusters]
        return states
