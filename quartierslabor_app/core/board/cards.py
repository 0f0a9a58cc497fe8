"""Card operations: add, edit, delete/restore, move (with learning), pin, and undo helpers."""
from __future__ import annotations

from typing import Iterable, Optional

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..card_reasons import CORRECTION, MANUAL, WAITING_KIND, placed_reason, stored_reason
from ..clustering.model import Reason
from ..errors import StorageFullError, UserError, storage_full_error
from ..messages import QT_TRANSLATE_NOOP, Message, label
from ..text_values import clean_chars
from ..storage.models import Card, Cluster, LearningExample
from .context import FALLBACK_KEY, WAITING, BoardContext
from .state import CardChange, CardState, MoveResult
from .table_tag import table_name

MAX_TEXT = 2000


#: what :func:`clean_text` checks, as the subject of its "too long" message
CARD_TEXT = QT_TRANSLATE_NOOP("BoardErrors", "Der Text der Karte")
CARD_PLACE = QT_TRANSLATE_NOOP("BoardErrors", "Der Ort")
CARD_TABLE = QT_TRANSLATE_NOOP("BoardErrors", "Der Tisch")
#: what a full disk did not save when a card was added
CARD_NOT_SAVED = QT_TRANSLATE_NOOP("BoardErrors", "Die Karte wurde NICHT gespeichert; sie steht noch in der "
                                                  "Eingabezeile.")


def clean_text(text: str, what: str = CARD_TEXT, max_len: int = MAX_TEXT) -> str:
    """``text`` with whitespace collapsed; ``what`` is a marked subject (e.g. :data:`CARD_PLACE`)."""
    text = " ".join(clean_chars(text or "").split())
    if len(text) > max_len:
        raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "{what} ist zu lang ({length} Zeichen, "
                                                                 "höchstens {max_len})."),
                                what=label(what),
                                length=len(text), max_len=max_len),
                        hint=Message(QT_TRANSLATE_NOOP("BoardErrors", "Kürzen Sie die Karte oder teilen Sie sie "
                                                                      "auf zwei Karten auf.")))
    return text


class CardOperations:
    """Mixin of :class:`BoardService`: everything that changes one card."""

    ctx: BoardContext

    # -- reading ------------------------------------------------------------------------
    def _card(self, session: Session, card_id: int) -> Card:
        card = session.get(Card, card_id)
        if card is None or card.lab_id != self.ctx.lab_id:
            raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Diese Karte gibt es nicht mehr.")),
                            hint=Message(QT_TRANSLATE_NOOP("BoardErrors", "Aktualisieren Sie die Tafel.")))
        return card

    def get_card(self, card_id: int) -> CardState:
        with self.ctx.session() as session:
            return CardState.of(self._card(session, card_id))

    def deleted_cards(self) -> list[CardState]:
        with self.ctx.session() as session:
            cards = session.scalars(select(Card).where(Card.lab_id == self.ctx.lab_id, Card.deleted.is_(True))
                                    .order_by(Card.updated_at.desc(), Card.id.desc()))
            return [CardState.of(c) for c in cards]

    # -- assignment ---------------------------------------------------------------------
    def _assign(self, session: Session, text: str) -> tuple[Cluster, tuple[str, str], float]:
        """(cluster, (German reason, reason as JSON), score) for a card ``text``."""
        corrected = self.ctx.correction_for(session, text)
        if corrected is not None:
            cluster = self.ctx.cluster_by_key(session, corrected)
            if cluster is not None:
                return cluster, stored_reason(Reason(CORRECTION, cluster.name)), 1.0
        assignment = self.ctx.clusterer(session).assign(text)
        key = assignment.cluster_key
        cluster = None if assignment.is_new_cluster else self.ctx.cluster_by_key(session, key)
        if cluster is None:
            if assignment.is_new_cluster or key not in {d.key for d in self.ctx.taxonomy(session)}:
                key = FALLBACK_KEY
            cluster = self.ctx.ensure_cluster(session, key, name=assignment.cluster_name)
        return cluster, placed_reason(assignment, cluster.name), float(assignment.score or 0.0)

    # -- operations ---------------------------------------------------------------------
    def add_card(self, text: str, place: str = "", table: str = "", *, defer: bool = False) -> CardState:
        """Assign and save a new card; returns it after the commit.

        ``defer``: while the clusterer is being built off the GUI thread (``ctx.building``), the card is saved at
        once in the catch-all cluster, marked waiting, and placed by :meth:`place_waiting_cards` when the
        clusterer is there (instead of building it here)."""
        text = clean_text(text)
        if not text:
            raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Die Karte ist leer.")),
                            hint=Message(QT_TRANSLATE_NOOP("BoardErrors", "Tippen Sie das Anliegen ein und "
                                                                          "drücken Sie Enter.")))
        place = clean_text(place, CARD_PLACE, 200)
        table = table_name(clean_text(table, CARD_TABLE, 80))
        waiting = defer and self.ctx.building and not self.ctx.clusterer_ready
        try:
            with self.ctx.session() as session:
                if waiting:
                    cluster = self.ctx.ensure_cluster(session, FALLBACK_KEY)
                    (reason, reason_data), score, by = stored_reason(Reason(WAITING_KIND, cluster.name)), 0.0, WAITING
                else:
                    self._confirm_pending(session)
                    cluster, (reason, reason_data), score = self._assign(session, text)
                    by = "auto"
                card = Card(lab_id=self.ctx.lab_id, cluster_id=cluster.id, text=text, place=place,
                            table_tag=table, reason=reason, reason_data=reason_data, score=score, assigned_by=by,
                            pinned=False, votes=0, deleted=False)
                session.add(card)
                session.flush()
                state = CardState.of(card)
        except StorageFullError as exc:
            raise storage_full_error(Message(CARD_NOT_SAVED)) from exc
        if not waiting:
            self.ctx.pending.append(state.id)
        return state

    def place_waiting_cards(self) -> list[CardChange]:
        """Place the cards saved while the clusterer was being built (also those a crash left waiting), in typing
        order, each learning from the ones before like typed cards do; a card pinned meanwhile keeps its place."""
        changes = []
        with self.ctx.session() as session:
            cards = session.scalars(select(Card).where(Card.lab_id == self.ctx.lab_id, Card.assigned_by == WAITING)
                                    .order_by(Card.id)).all()
            for card in cards:
                before = CardState.of(card)
                pinned_in = session.get(Cluster, card.cluster_id) if card.pinned and card.cluster_id else None
                if pinned_in is not None:      # put there by hand meanwhile: stays, like a card placed by hand
                    card.assigned_by, card.score = "user", 1.0
                    card.reason, card.reason_data = stored_reason(Reason(MANUAL, pinned_in.name))
                else:
                    self._confirm_pending(session)
                    cluster, (card.reason, card.reason_data), card.score = self._assign(session, card.text)
                    card.cluster_id, card.assigned_by = cluster.id, "auto"
                    self.ctx.pending.append(card.id)
                session.flush()
                changes.append(CardChange(before, CardState.of(card)))
        return changes

    def _confirm_pending(self, session: Session) -> None:
        """The cards placed before this one that the facilitator left where the app put them teach the clusterer
        (implicit confirmation); moved cards were learned when they were moved. A clusterer built now (after a
        restart) takes over the newest card as pending from the database, so it is confirmed here like live."""
        self.ctx.clusterer(session)
        pending, self.ctx.pending = self.ctx.pending, []
        if not pending:
            return
        rows = session.execute(                  # one query for all of them: the add path stays short
            select(Card.id, Card.text, Cluster.key).join(Cluster, Card.cluster_id == Cluster.id)
            .where(Card.id.in_(pending), Card.deleted.is_(False), Card.assigned_by == "auto")).all()
        left = {card_id: (text, key) for card_id, text, key in rows}
        if left:              # stored, so a rebuilt clusterer learns it too (also after the card is deleted)
            session.execute(update(Card), [{"id": card_id, "confirmed_key": key}
                                           for card_id, (_, key) in left.items()])
        for card_id in pending:
            if card_id in left:
                self.ctx.update_clusterer("confirm", *left[card_id])

    def edit_card(self, card_id: int, *, text: Optional[str] = None, place: Optional[str] = None,
                  table: Optional[str] = None) -> CardChange:
        """Change text/place/table; an automatically placed card is re-assigned after a text edit."""
        with self.ctx.session() as session:
            card = self._card(session, card_id)
            before = CardState.of(card)
            if text is not None:
                new_text = clean_text(text)
                if not new_text:
                    raise UserError(Message(QT_TRANSLATE_NOOP("BoardErrors", "Die Karte darf nicht leer sein.")),
                                    hint=Message(QT_TRANSLATE_NOOP("BoardErrors", "Löschen Sie die Karte, wenn "
                                                                                  "sie nicht mehr gebraucht wird.")))
                if new_text != card.text:
                    card.text = new_text
                    if card.assigned_by == "auto" and not card.pinned:
                        cluster, (card.reason, card.reason_data), card.score = self._assign(session, new_text)
                        card.cluster_id = cluster.id
            if place is not None:
                card.place = clean_text(place, CARD_PLACE, 200)
            if table is not None:
                card.table_tag = table_name(clean_text(table, CARD_TABLE, 80))
            session.flush()
            change = CardChange(before, CardState.of(card))
        return change

    def delete_card(self, card_id: int) -> CardChange:
        """Soft delete: the card leaves the board but stays restorable."""
        return self._set_deleted(card_id, True)

    def restore_card(self, card_id: int) -> CardChange:
        return self._set_deleted(card_id, False)

    def _set_deleted(self, card_id: int, deleted: bool) -> CardChange:
        with self.ctx.session() as session:
            card = self._card(session, card_id)
            before = CardState.of(card)
            card.deleted = deleted
            if not deleted and card.cluster_id is not None and session.get(Cluster, card.cluster_id) is None:
                card.cluster_id = self.ctx.ensure_cluster(session, FALLBACK_KEY).id
            if not deleted and card.cluster_id is None:
                card.cluster_id = self.ctx.ensure_cluster(session, FALLBACK_KEY).id
            session.flush()
            change = CardChange(before, CardState.of(card))
        return change

    def move_card(self, card_id: int, cluster_id: int, *, learn: bool = True,
                  position: Optional[float] = None) -> MoveResult:
        """Move a card to another cluster (the facilitator's correction).

        Records a learning example and teaches the clusterer at once, so the next similar
        card lands in the chosen cluster. ``position`` pins the card at that place.
        """
        example_id = None
        with self.ctx.session() as session:
            card = self._card(session, card_id)
            target = self.ctx.cluster(session, cluster_id)
            before = CardState.of(card)
            source = session.get(Cluster, card.cluster_id) if card.cluster_id is not None else None
            # the app's own choice was overruled (not a card the facilitator had placed by hand before)
            moved_from = source.key if source is not None and card.assigned_by == "auto" else None
            card.cluster_id = target.id
            card.assigned_by = "user"
            card.reason, card.reason_data = stored_reason(Reason(MANUAL, target.name))
            card.score = 1.0
            if position is not None:
                card.pinned, card.pos_y = True, float(position)
            if learn and before.cluster_id != target.id:
                example_id = self._record_example(session, card.text, target, card_id=card.id,
                                                  moved_from=moved_from)
            session.flush()
            after = CardState.of(card)
            key = target.key
        if learn and example_id is not None:
            self.ctx.update_clusterer("learn", after.text, key, moved_from)
            self.ctx.remember_correction(after.text, key)
        return MoveResult(CardChange(before, after), example_id)

    def _record_example(self, session: Session, text: str, cluster: Cluster, *, card_id: Optional[int] = None,
                        moved_from: Optional[str] = None) -> int:
        """Store a learning example with its place in the session (``moved_from``: the app's overruled choice),
        so a clusterer rebuilt from the database learns it as the live one did (:meth:`BoardContext.timeline`)."""
        newest = session.scalar(select(func.max(Card.id)).where(Card.lab_id == self.ctx.lab_id))
        example = LearningExample(lab_id=self.ctx.lab_id, scope="lab", text=text, cluster_key=cluster.key,
                                  cluster_name=cluster.name, moved_from=moved_from, card_id=card_id,
                                  after_card_id=newest)
        session.add(example)
        if self.ctx.share_with_city:
            session.add(LearningExample(lab_id=None, scope="city", text=text, cluster_key=cluster.key,
                                        cluster_name=cluster.name))
        session.flush()
        return example.id

    def pin_card(self, card_id: int, pos_x: Optional[float] = None, pos_y: Optional[float] = None,
                 pinned: bool = True) -> CardChange:
        """Pin a card where a person put it: re-clustering leaves it there, it keeps its place."""
        with self.ctx.session() as session:
            card = self._card(session, card_id)
            before = CardState.of(card)
            card.pinned = pinned
            if pinned:
                card.pos_x = pos_x
                card.pos_y = float(pos_y) if pos_y is not None else (card.pos_y if card.pos_y is not None
                                                                      else float(card.id))
            session.flush()
            change = CardChange(before, CardState.of(card))
        return change

    # -- undo support -------------------------------------------------------------------
    def apply_card_states(self, states: Iterable[CardState]) -> list[CardState]:
        """Write saved card states back (undo/redo); one transaction for all."""
        result = []
        with self.ctx.session() as session:
            for state in states:
                card = self._card(session, state.id)
                card.cluster_id = state.cluster_id
                card.text, card.place, card.table_tag = state.text, state.place, state.table_tag
                card.reason, card.reason_data = state.reason, state.reason_data or None
                card.score, card.assigned_by = state.score, state.assigned_by
                card.pinned, card.pos_x, card.pos_y = state.pinned, state.pos_x, state.pos_y
                card.votes, card.deleted = state.votes, state.deleted
                session.flush()
                result.append(CardState.of(card))
        return result

    def remove_examples(self, example_ids: Iterable[int]) -> None:
        """Forget learning examples (undo of a correction); the clusterer is rebuilt."""
        ids = [i for i in example_ids if i is not None]
        if not ids:
            return
        with self.ctx.session() as session:
            texts = [t for t in session.scalars(select(LearningExample.text).where(LearningExample.id.in_(ids)))]
            session.execute(delete(LearningExample).where(LearningExample.id.in_(ids)))
            if self.ctx.share_with_city and texts:
                session.execute(delete(LearningExample).where(LearningExample.scope == "city",
                                                              LearningExample.text.in_(texts)))
        self.ctx.invalidate_clusterer()
