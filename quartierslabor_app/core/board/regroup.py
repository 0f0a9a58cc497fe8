"""Operations on many cards at once: merge, split, accept a discovery, re-cluster; and their undo."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from sqlalchemy import select, update

from ..card_reasons import MANUAL, MERGED, placed_reason, stored_reason
from ..clustering.model import ClusterDef, Reason
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report
from ..storage.models import Card, Cluster, LearningExample
from .context import FALLBACK_KEY, BoardContext
from .clusters import clean_name
from .state import CardChange, CardState, ClusterState, DiscoveryProposal, RegroupResult
from .taxonomy_store import save_taxonomy


class RegroupOperations:
    """Mixin of :class:`BoardService`: operations that regroup many cards."""

    ctx: BoardContext

    # -- merge --------------------------------------------------------------------------
    def merge_clusters(self, source_id: int, target_id: int) -> RegroupResult:
        """Put all cards of ``source`` into ``target`` and remove ``source``."""
        if source_id == target_id:
            raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Ein Thema kann nicht mit sich selbst "
                                                                 "zusammengeführt werden.")))
        with self.ctx.session() as session:
            source = self.ctx.cluster(session, source_id)
            target = self.ctx.cluster(session, target_id)
            lab = self.ctx.lab(session)
            taxonomy_before = lab.taxonomy_json or ""
            source_state, target_state = ClusterState.of(source), ClusterState.of(target)
            changes, example_ids = [], []
            for card in session.scalars(select(Card).where(Card.cluster_id == source.id).order_by(Card.id)):
                before = CardState.of(card)
                card.cluster_id = target.id
                if card.assigned_by == "auto":
                    card.reason, card.reason_data = stored_reason(Reason(MERGED, target.name, source=source.name))
                if not card.deleted:
                    example_ids.append(self._record_example(session, card.text, target, card_id=card.id))
                session.flush()
                changes.append(CardChange(before, CardState.of(card)))
            relabelled = [(eid, source.key) for eid in session.scalars(
                select(LearningExample.id).where(LearningExample.lab_id == self.ctx.lab_id,
                                                 LearningExample.cluster_key == source.key))]
            session.execute(update(LearningExample)
                            .where(LearningExample.lab_id == self.ctx.lab_id,
                                   LearningExample.cluster_key == source.key)
                            .values(cluster_key=target.key, cluster_name=target.name))
            confirmed = [(cid, source.key) for cid in session.scalars(
                select(Card.id).where(Card.lab_id == self.ctx.lab_id, Card.confirmed_key == source.key))]
            session.execute(update(Card).where(Card.lab_id == self.ctx.lab_id, Card.confirmed_key == source.key)
                            .values(confirmed_key=target.key))
            target.votes = int(target.votes or 0) + int(source.votes or 0)
            save_taxonomy(lab, merged_taxonomy(self.ctx.taxonomy(session), source.key, target.key))
            session.delete(source)
            session.flush()
            target_after = ClusterState.of(target)
        # rebuilt from the database (the merged topic's knowledge and the relabelled timeline), so the board learns
        # on exactly what a restart rebuilds
        self.ctx.invalidate_clusterer()
        return RegroupResult(card_changes=tuple(changes), removed=(source_state,), example_ids=tuple(example_ids),
                             taxonomy_before=taxonomy_before, relabelled_examples=tuple(relabelled),
                             relabelled_confirmations=tuple(confirmed),
                             target=target_state if target_after != target_state else None)

    # -- split / discovery --------------------------------------------------------------
    def split_cluster(self, cluster_id: int, card_ids: Sequence[int], new_name: str,
                      new_cluster_id: Optional[int] = None) -> RegroupResult:
        """Move the chosen cards of one cluster into a new cluster ``new_name``."""
        with self.ctx.session() as session:
            cluster = self.ctx.cluster(session, cluster_id)
            foreign = [cid for cid in card_ids
                       if session.scalar(select(Card.cluster_id).where(Card.id == cid)) != cluster.id]
            if foreign:
                raise UserError(Message.plural(
                    len(foreign),
                    QT_TRANSLATE_NOOP("BoardErrors", "{n} der gewählten Karten gehört nicht zum Thema „{name}“."),
                    QT_TRANSLATE_NOOP("BoardErrors", "{n} der gewählten Karten gehören nicht zum Thema „{name}“."),
                    name=cluster.name))
        return self.group_cards(card_ids, new_name, origin="user", cluster_id=new_cluster_id)

    def group_cards(self, card_ids: Sequence[int], name: str, *, origin: str = "user",
                    color: Optional[str] = None, cluster_id: Optional[int] = None) -> RegroupResult:
        """A new cluster ``name`` holding the given cards; the clusterer learns it at once."""
        card_ids = list(dict.fromkeys(card_ids))
        if not card_ids:
            raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Es sind keine Karten ausgewählt.")),
                            hint=Message(QT_TRANSLATE_NOOP("BoardErrors", "Wählen Sie die Karten für das neue "
                                                                          "Thema aus.")))
        with self.ctx.session() as session:
            taxonomy_before = self.ctx.lab(session).taxonomy_json or ""
            # a name the board or the taxonomy has joins that cluster instead of making a second column
            cluster, made = self._existing_cluster(session, clean_name(name))
            joined = cluster is not None
            if cluster is None:
                cluster, made = self._new_cluster(session, name, color, origin, cluster_id), True
            changes, example_ids, texts = [], [], []
            for card_id in card_ids:
                card = self._card(session, card_id)
                before = CardState.of(card)
                card.cluster_id, card.assigned_by, card.score = cluster.id, "user", 1.0
                card.reason, card.reason_data = stored_reason(Reason(MANUAL, cluster.name))
                example_ids.append(self._record_example(session, card.text, cluster, card_id=card.id))
                texts.append(card.text)
                session.flush()
                changes.append(CardChange(before, CardState.of(card)))
            state = ClusterState.of(cluster)
        if joined:
            for text in texts:
                self.ctx.update_clusterer("learn", text, state.key)
        else:
            self.ctx.update_clusterer("add_cluster", ClusterDef(key=state.key, name=state.name, color=state.color),
                                      texts)
        for text in texts:
            self.ctx.remember_correction(text, state.key)
        return RegroupResult(card_changes=tuple(changes), created=(state,) if made else (),
                             example_ids=tuple(example_ids), taxonomy_before=taxonomy_before, target=state)

    def accept_discovery(self, proposal: DiscoveryProposal, name: Optional[str] = None,
                         cluster_id: Optional[int] = None) -> RegroupResult:
        """Accept a proposed new cluster (optionally under another name)."""
        return self.group_cards(proposal.card_ids, name or proposal.name, origin="discovered",
                                cluster_id=cluster_id)

    def discovery_proposals(self, min_cards: int = 2) -> list[DiscoveryProposal]:
        """New clusters proposed for loosely placed cards the taxonomy has no place for (the clusterer's
        :meth:`~..clustering.Clusterer.discovered_groups`), then one sub-theme for each cluster that holds an
        outsized share of the cards (``split_from`` set)."""
        with self.ctx.session() as session:
            rows = session.execute(
                select(Card.id, Card.text, Card.score, Cluster.key, Cluster.name)
                .join(Cluster, Card.cluster_id == Cluster.id)
                .where(Card.lab_id == self.ctx.lab_id, Card.deleted.is_(False), Card.assigned_by == "auto",
                       Card.pinned.is_(False))
                .order_by(Card.id)).all()      # typing order: the same proposals on SQLite and PostgreSQL
        texts = [text for _, text, _, _, _ in rows]
        proposals = []
        for group in self.ctx.clusterer().discovered_groups(texts) if len(rows) >= min_cards else ():
            if len(group.indices) >= min_cards:
                reason = Reason("new_cluster", group.name, words=tuple(group.words), note=group.note)
                text, data = stored_reason(reason)
                proposals.append(DiscoveryProposal(name=group.name, card_ids=tuple(rows[i][0] for i in group.indices),
                                                   texts=tuple(texts[i] for i in group.indices), reason=text,
                                                   reason_data=data))
        split_proposals = _split_proposals(self.ctx.clusterer(), rows, {cid for p in proposals for cid in p.card_ids},
                                           min_cards)
        return proposals + split_proposals

    # -- re-clustering ------------------------------------------------------------------
    def recluster_all(self, progress: Optional[ProgressCallback] = None,
                      cancel: Optional[CancelToken] = None) -> RegroupResult:
        """Assign all automatically placed cards afresh (pinned and hand-placed cards stay)."""
        report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Karten werden neu gruppiert …")), cancel)
        with self.ctx.session() as session:
            cards = [CardState.of(c) for c in session.scalars(
                select(Card).where(Card.lab_id == self.ctx.lab_id, Card.deleted.is_(False),
                                   Card.assigned_by == "auto", Card.pinned.is_(False)).order_by(Card.id))]
            clusterer = self.ctx.clusterer(session)
            texts = [c.text for c in cards]
            try:   # discovery is a separate step on the board (discovery_proposals)
                assignments = clusterer.recluster(texts, progress=progress, cancel=cancel, discovery=False)
            except TypeError:
                assignments = clusterer.recluster(texts, progress=progress, cancel=cancel)
            report(progress, 0.9, Message(QT_TRANSLATE_NOOP("Progress", "Zuordnung wird gespeichert …")), cancel)
            by_key = {c.key: c for c in session.scalars(select(Cluster).where(Cluster.lab_id == self.ctx.lab_id))}
            known = {d.key for d in self.ctx.taxonomy(session)} | set(by_key)
            created, changes, rows = [], [], []
            for card, assignment in zip(cards, assignments):
                key = assignment.cluster_key
                if assignment.is_new_cluster or key not in known:
                    key = FALLBACK_KEY
                cluster = by_key.get(key)
                if cluster is None:
                    cluster = self.ctx.ensure_cluster(session, key, name=assignment.cluster_name)
                    by_key[key] = cluster
                    created.append(ClusterState.of(cluster))
                reason, data = placed_reason(assignment, cluster.name)
                score = float(assignment.score or 0.0)
                if (cluster.id, reason, data, score) == (card.cluster_id, card.reason, card.reason_data, card.score):
                    continue
                after = card.with_(cluster_id=cluster.id, reason=reason, reason_data=data, score=score)
                changes.append(CardChange(card, after))
                rows.append({"id": card.id, "cluster_id": cluster.id, "reason": reason, "reason_data": data or None,
                             "score": score})
            if rows:      # one executemany by primary key
                session.execute(update(Card), rows)
        report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Neu gruppiert.")))
        return RegroupResult(card_changes=tuple(changes), created=tuple(created))

    # -- undo ---------------------------------------------------------------------------
    def undo_regroup(self, result: RegroupResult) -> None:
        """Invert a merge, split, discovery, cluster creation/deletion or re-clustering."""
        with self.ctx.session() as session:
            for state in result.removed:
                if session.get(Cluster, state.id) is None:
                    session.add(Cluster(id=state.id, lab_id=self.ctx.lab_id, key=state.key, name=state.name,
                                        color=state.color, position=state.position,
                                        handlungsfeld_codes=state.handlungsfeld_codes, origin=state.origin,
                                        votes=state.votes))
            session.flush()
            for change in result.card_changes:
                card = self._card(session, change.before.id)
                before = change.before
                card.cluster_id, card.reason, card.score = before.cluster_id, before.reason, before.score
                card.reason_data = before.reason_data or None
                card.assigned_by, card.pinned, card.pos_y = before.assigned_by, before.pinned, before.pos_y
            if result.target is not None and not any(c.id == result.target.id for c in result.created):
                target = self.ctx.cluster(session, result.target.id)
                target.votes = result.target.votes
            session.flush()
            ids = list(result.example_ids)
            if ids:
                session.query(LearningExample).filter(LearningExample.id.in_(ids)).delete(synchronize_session=False)
            for example_id, old_key in result.relabelled_examples:
                example = session.get(LearningExample, example_id)
                if example is not None:
                    example.cluster_key = old_key
            for card_id, old_key in result.relabelled_confirmations:
                card = session.get(Card, card_id)
                if card is not None:
                    card.confirmed_key = old_key
            for state in result.created:
                cluster = session.get(Cluster, state.id)
                if cluster is not None:
                    session.delete(cluster)
            if result.taxonomy_before is not None:
                self.ctx.lab(session).taxonomy_json = result.taxonomy_before
        self.ctx.invalidate_clusterer()


def merged_taxonomy(taxonomy: list[ClusterDef], source_key: str, target_key: str) -> list[ClusterDef]:
    """The taxonomy after merging ``source_key`` into ``target_key``: the target keeps the source's knowledge (cue
    words, example cards, per language), so cards of the merged topic keep finding the target."""
    source = next((d for d in taxonomy if d.key == source_key), None)
    out = []
    for definition in taxonomy:
        if definition.key == source_key:
            continue
        if definition.key == target_key and source is not None:
            languages = {code: dict(parts) for code, parts in definition.languages.items()}
            for code, parts in source.languages.items():
                mine = languages.setdefault(code, {})
                for part, values in parts.items():
                    mine[part] = _union(mine.get(part, ()), values)
            definition = replace(definition, cues=_union(definition.cues, source.cues),
                                 examples=_union(definition.examples, source.examples), languages=languages)
        out.append(definition)
    return out


def _union(first, second) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tuple(first) + tuple(second)))


def _split_proposals(clusterer, rows, loose_ids: set[int], min_cards: int) -> list[DiscoveryProposal]:
    """One sub-theme proposal per overfull built-in cluster (rows: id, text, score, key, name of the automatic
    cards; the clusterer's :meth:`~..clustering.Clusterer.overfull_splits`)."""
    texts = [text for _, text, _, _, _ in rows]
    keys = ["" if cid in loose_ids else key for cid, _, _, key, _ in rows]
    names = {key: name for _, _, _, key, name in rows}
    proposals = []
    for key, group in clusterer.overfull_splits(texts, keys, min_size=max(min_cards, 3)):
        text, data = stored_reason(Reason("split", group.name, words=tuple(group.words), source=names[key]))
        proposals.append(DiscoveryProposal(
            name=group.name, card_ids=tuple(rows[i][0] for i in group.indices),
            texts=tuple(texts[i] for i in group.indices), reason=text, reason_data=data, split_from=names[key]))
    return proposals
