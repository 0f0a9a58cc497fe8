"""Dot voting (Punktabfrage): points on cards and clusters, budget, ranked results."""
from __future__ import annotations

import json

from sqlalchemy import func, select, update

from .. import count_texts
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..storage.models import Card, Cluster, Setting
from .context import BoardContext
from .state import (BudgetStatus, CardChange, CardState, ClusterChange, ClusterState, RankedItem, VoteBudget,
                    VoteSnapshot)

MAX_VOTES = 999


def _check_votes(votes: int) -> int:
    votes = int(votes)
    if votes < 0:
        raise UserError(Message(QT_TRANSLATE_NOOP("Voting", "Punkte können nicht negativ sein.")))
    if votes > MAX_VOTES:
        raise UserError(Message(QT_TRANSLATE_NOOP("Voting", "{votes} Punkte sind zu viele (höchstens {max_votes} je "
                                                            "Karte oder Thema)."), votes=votes, max_votes=MAX_VOTES))
    return votes


def competition_ranks(values: list[int]) -> list[int]:
    """1-2-2-4 ranking of values sorted descending."""
    ranks, previous, rank = [], None, 0
    for index, value in enumerate(values, start=1):
        if value != previous:
            rank, previous = index, value
        ranks.append(rank)
    return ranks


def _status(used: int, budget: VoteBudget, message: Message, **kwargs) -> BudgetStatus:
    return BudgetStatus(used, budget, str(message), message_obj=message, **kwargs)


class VotingOperations:
    """Mixin of :class:`BoardService`: the Punktabfrage."""

    ctx: BoardContext

    def _budget_key(self) -> str:
        return f"board.vote_budget.{self.ctx.lab_id}"

    def set_card_votes(self, card_id: int, votes: int) -> CardChange:
        votes = _check_votes(votes)
        with self.ctx.session() as session:
            card = self._card(session, card_id)
            before = CardState.of(card)
            card.votes = votes
            session.flush()
            change = CardChange(before, CardState.of(card))
        return change

    def add_card_vote(self, card_id: int, delta: int = 1) -> CardChange:
        with self.ctx.session() as session:
            card = self._card(session, card_id)
            before = CardState.of(card)
            card.votes = _check_votes(max(0, int(card.votes or 0) + int(delta)))
            session.flush()
            change = CardChange(before, CardState.of(card))
        return change

    def set_cluster_votes(self, cluster_id: int, votes: int) -> ClusterChange:
        votes = _check_votes(votes)
        with self.ctx.session() as session:
            cluster = self.ctx.cluster(session, cluster_id)
            before = ClusterState.of(cluster)
            cluster.votes = votes
            session.flush()
            change = ClusterChange(before, ClusterState.of(cluster))
        return change

    def add_cluster_vote(self, cluster_id: int, delta: int = 1) -> ClusterChange:
        with self.ctx.session() as session:
            current = int(self.ctx.cluster(session, cluster_id).votes or 0)
        return self.set_cluster_votes(cluster_id, max(0, current + int(delta)))

    def vote_snapshot(self) -> VoteSnapshot:
        with self.ctx.session() as session:
            cards = session.execute(select(Card.id, Card.votes).where(Card.lab_id == self.ctx.lab_id,
                                                                     Card.votes > 0)).all()
            clusters = session.execute(select(Cluster.id, Cluster.votes).where(Cluster.lab_id == self.ctx.lab_id,
                                                                              Cluster.votes > 0)).all()
        return VoteSnapshot(tuple((i, v) for i, v in cards), tuple((i, v) for i, v in clusters))

    def reset_votes(self) -> VoteSnapshot:
        """Set every point to zero; returns the points before (for undo)."""
        snapshot = self.vote_snapshot()
        with self.ctx.session() as session:
            session.execute(update(Card).where(Card.lab_id == self.ctx.lab_id).values(votes=0))
            session.execute(update(Cluster).where(Cluster.lab_id == self.ctx.lab_id).values(votes=0))
        return snapshot

    def restore_votes(self, snapshot: VoteSnapshot) -> None:
        with self.ctx.session() as session:
            session.execute(update(Card).where(Card.lab_id == self.ctx.lab_id).values(votes=0))
            session.execute(update(Cluster).where(Cluster.lab_id == self.ctx.lab_id).values(votes=0))
            for card_id, votes in snapshot.card_votes:
                session.execute(update(Card).where(Card.id == card_id).values(votes=votes))
            for cluster_id, votes in snapshot.cluster_votes:
                session.execute(update(Cluster).where(Cluster.id == cluster_id).values(votes=votes))

    # -- results ------------------------------------------------------------------------
    def card_results(self) -> list[RankedItem]:
        """Cards with points, most points first (ties share a rank)."""
        with self.ctx.session() as session:
            rows = session.execute(
                select(Card.id, Card.text, Card.votes, Cluster.name, Cluster.color)
                .join(Cluster, Card.cluster_id == Cluster.id, isouter=True)
                .where(Card.lab_id == self.ctx.lab_id, Card.deleted.is_(False), Card.votes > 0)
                .order_by(Card.votes.desc(), Card.id)).all()
        ranks = competition_ranks([r.votes for r in rows])
        return [RankedItem("card", r.id, r.text, int(r.votes), rank, r.name or "", r.color or "#cccccc")
                for r, rank in zip(rows, ranks)]

    def cluster_results(self) -> list[RankedItem]:
        """Clusters by their points: dots on the cluster plus dots on its cards."""
        with self.ctx.session() as session:
            card_sums = dict(session.execute(
                select(Card.cluster_id, func.coalesce(func.sum(Card.votes), 0))
                .where(Card.lab_id == self.ctx.lab_id, Card.deleted.is_(False)).group_by(Card.cluster_id)).all())
            clusters = session.execute(select(Cluster.id, Cluster.name, Cluster.votes, Cluster.color)
                                       .where(Cluster.lab_id == self.ctx.lab_id)).all()
        totals = [(int(c.votes or 0) + int(card_sums.get(c.id, 0)), c) for c in clusters]
        totals = sorted([t for t in totals if t[0] > 0], key=lambda t: (-t[0], t[1].name))
        ranks = competition_ranks([t for t, _ in totals])
        return [RankedItem("cluster", c.id, c.name, total, rank, c.name, c.color or "#cccccc")
                for (total, c), rank in zip(totals, ranks)]

    def votes_used(self) -> int:
        with self.ctx.session() as session:
            cards = session.scalar(select(func.coalesce(func.sum(Card.votes), 0))
                                   .where(Card.lab_id == self.ctx.lab_id, Card.deleted.is_(False)))
            clusters = session.scalar(select(func.coalesce(func.sum(Cluster.votes), 0))
                                      .where(Cluster.lab_id == self.ctx.lab_id))
        return int(cards or 0) + int(clusters or 0)

    # -- budget -------------------------------------------------------------------------
    def vote_budget(self) -> VoteBudget:
        with self.ctx.session() as session:
            setting = session.get(Setting, self._budget_key())
            if setting is not None and setting.value:
                data = json.loads(setting.value)
                return VoteBudget(int(data.get("points_per_participant", 0)), int(data.get("participants", 0)))
            participants = self.ctx.lab(session).participants_count or 0
        return VoteBudget(0, int(participants))

    def set_vote_budget(self, points_per_participant: int, participants: int) -> VoteBudget:
        if points_per_participant < 0 or participants < 0:
            raise UserError(Message(QT_TRANSLATE_NOOP("Voting", "Punkte je Person und Zahl der Teilnehmenden dürfen "
                                                                "nicht negativ sein.")))
        if points_per_participant > 50:
            raise UserError(Message(QT_TRANSLATE_NOOP("Voting", "{points} Punkte je Person sind ungewöhnlich viele "
                                                                "(höchstens 50)."), points=points_per_participant))
        budget = VoteBudget(int(points_per_participant), int(participants))
        with self.ctx.session() as session:
            setting = session.get(Setting, self._budget_key())
            if setting is None:
                setting = Setting(key=self._budget_key())
                session.add(setting)
            setting.value = json.dumps({"points_per_participant": budget.points_per_participant,
                                        "participants": budget.participants})
        return budget

    def budget_status(self) -> BudgetStatus:
        """How many points are given, against the budget; a German warning when over."""
        used, budget = self.votes_used(), self.vote_budget()
        if not budget.active:
            return _status(used, budget, Message.plural(
                used, QT_TRANSLATE_NOOP("Voting", "{n} Punkt vergeben (ohne Punktebudget)."),
                QT_TRANSLATE_NOOP("Voting", "{n} Punkte vergeben (ohne Punktebudget).")))
        detail = Message(QT_TRANSLATE_NOOP("Voting", "{people} × {dots}"),
                         people=count_texts.people(budget.participants),
                         dots=count_texts.points(budget.points_per_participant))
        if used > budget.total:
            # two numbers, each with its own singular: "{n} Punkt(e) vergeben", "möglich ist/sind nur {n}"
            given = Message.plural(used, QT_TRANSLATE_NOOP("Voting", "{n} Punkt vergeben"),
                                   QT_TRANSLATE_NOOP("Voting", "{n} Punkte vergeben"))
            possible = Message.plural(budget.total, QT_TRANSLATE_NOOP("Voting", "möglich ist nur {n}"),
                                      QT_TRANSLATE_NOOP("Voting", "möglich sind nur {n}"))
            return _status(used, budget, Message(
                QT_TRANSLATE_NOOP("Voting", "Achtung: {given}, {possible} ({detail}). Bitte die Eingabe prüfen."),
                given=given, possible=possible, detail=detail), over=True, remaining=0)
        return _status(used, budget, Message.plural(
            budget.total, QT_TRANSLATE_NOOP("Voting", "{used} von {n} Punkt vergeben ({detail}), {left} übrig."),
            QT_TRANSLATE_NOOP("Voting", "{used} von {n} Punkten vergeben ({detail}), {left} übrig."),
            used=used, detail=detail, left=budget.total - used), remaining=budget.total - used)
