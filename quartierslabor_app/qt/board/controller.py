"""Board controller: runs core operations, mirrors confirmed results into the store, records undo."""
from __future__ import annotations

from typing import Optional, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ...core.board.entry_syntax import parse_entry
from ...core.board.service import BoardService
from ...core.board.state import CardState, DiscoveryProposal, RegroupResult
from ...core.errors import StorageFullError, UserError
from .board_store import BoardStore
from .commands import (AddCardCommand, CardStateCommand, ClusterAttributeCommand, DeleteCardCommand,
                       MoveCardCommand, RegroupCommand, ResetVotesCommand)
from ...core import count_texts
from ..i18n import localized, translate


class BoardController(QObject):
    error = Signal(str)
    #: the disk is full; the text says what was not saved
    storage_full = Signal(str)
    activity = Signal()              # something was saved (drives rolling backups)
    card_added = Signal(int)         # a new card id (to scroll to and highlight)

    def __init__(self, service: BoardService, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.service = service
        self.store = BoardStore(self)
        self.undo_stack = QUndoStack(self)
        self.last_error = ""

    # -- helpers ------------------------------------------------------------------------
    def report_error(self, message: str) -> None:
        self.last_error = message
        self.error.emit(message)

    def _run(self, fn, *args, **kwargs):
        try:
            result = fn(*args, **kwargs)
        except StorageFullError as exc:   # a full disk: said in a dialog, not only in the status line
            self.report_error(localized(exc))
            self.storage_full.emit(localized(exc))
            return None
        except UserError as exc:
            self.report_error(localized(exc))
            return None
        if not (isinstance(result, list) and not result):     # an empty list of changes: nothing was saved
            self.activity.emit()
        return result

    def reload(self) -> None:
        self.store.load(self.service.load_board())

    def refresh_cluster_of(self, card: CardState) -> None:
        """Cluster headers show card sums; nothing to reload for now (kept for symmetry)."""

    def apply_regroup(self, result: RegroupResult) -> None:
        for cluster in result.removed:
            self.store.drop_cluster(cluster.id)
        for cluster in result.created:
            self.store.put_cluster(cluster)
        if result.target is not None and result.target.id in self.store.clusters:
            # the target's votes may have changed (merge adds the source's points)
            self.store.put_cluster(next((c for c in self.service.clusters() if c.id == result.target.id),
                                        result.target))
        self.store.put_cards(change.after for change in result.card_changes)

    # -- cards --------------------------------------------------------------------------
    def add_card_from_line(self, line: str, place: str = "", table: str = "") -> Optional[CardState]:
        entry = parse_entry(line)
        return self.add_card(entry.text, entry.place or place, entry.table or table)

    def add_card(self, text: str, place: str = "", table: str = "") -> Optional[CardState]:
        card = self._run(self.service.add_card, text, place, table, defer=True)
        if card is None:
            return None
        self._ensure_cluster_shown(card.cluster_id)
        self.store.put_card(card)
        self.undo_stack.push(AddCardCommand(self, card))
        self.card_added.emit(card.id)
        return card

    def place_waiting(self) -> None:
        """Place the cards typed while the clusterer was being built (they move out of the catch-all topic)."""
        changes = self._run(self.service.place_waiting_cards)
        for change in changes or ():
            self._ensure_cluster_shown(change.after.cluster_id)
        self.store.put_cards(change.after for change in changes or ())

    def edit_card(self, card_id: int, *, text=None, place=None, table=None) -> Optional[CardState]:
        change = self._run(self.service.edit_card, card_id, text=text, place=place, table=table)
        if change is None or change.before == change.after:
            return change.after if change else None
        self._ensure_cluster_shown(change.after.cluster_id)
        self.store.put_card(change.after)
        self.undo_stack.push(CardStateCommand(self, change, translate('BoardController', 'Karte „{0}“ bearbeiten').format(change.before.text[:30])))
        return change.after

    def delete_card(self, card_id: int) -> bool:
        change = self._run(self.service.delete_card, card_id)
        if change is None:
            return False
        self.store.put_card(change.after)
        self.undo_stack.push(DeleteCardCommand(self, change))
        return True

    def restore_card(self, card_id: int) -> bool:
        change = self._run(self.service.restore_card, card_id)
        if change is None:
            return False
        self._ensure_cluster_shown(change.after.cluster_id)
        self.store.put_card(change.after)
        self.undo_stack.push(DeleteCardCommand(self, change, restore=True))
        return True

    def move_card(self, card_id: int, cluster_id: int, position: Optional[float] = None) -> bool:
        current = self.store.cards.get(card_id)
        if current is not None and current.cluster_id == cluster_id and position is None:
            return False
        if current is not None and current.cluster_id == cluster_id:
            return self.pin_card(card_id, pos_y=position)
        result = self._run(self.service.move_card, card_id, cluster_id, position=position)
        if result is None:
            return False
        self.store.put_card(result.change.after)
        name = self.store.clusters[cluster_id].name if cluster_id in self.store.clusters else ""
        self.undo_stack.push(MoveCardCommand(self, result, name))
        return True

    def move_cards(self, card_ids: Sequence[int], cluster_id: int, position: Optional[float] = None) -> int:
        """Drop handler: move several cards (one undo step)."""
        ids = [i for i in card_ids if i in self.store.cards]
        if len(ids) <= 1:
            return int(bool(ids) and self.move_card(ids[0], cluster_id, position))
        self.undo_stack.beginMacro(translate('BoardController', '{cards} verschieben').format(cards=localized(count_texts.cards(len(ids)))))
        moved = sum(bool(self.move_card(i, cluster_id, position)) for i in ids)
        self.undo_stack.endMacro()
        return moved

    def move_cards_to_new_column(self, card_ids: Sequence[int], name: str) -> int:
        """Move cards to a taxonomy topic that has no column yet: its column is opened first (the topic's
        name joins it, see ``BoardService.create_cluster``)."""
        result = self.create_cluster(name)
        if result is None or result.target is None:
            return 0
        return self.move_cards(card_ids, result.target.id)

    def pin_card(self, card_id: int, pinned: bool = True, pos_x=None, pos_y=None) -> bool:
        change = self._run(self.service.pin_card, card_id, pos_x, pos_y, pinned)
        if change is None:
            return False
        self.store.put_card(change.after)
        self.undo_stack.push(CardStateCommand(self, change, translate('BoardController', 'Karte anheften') if pinned else translate('BoardController', 'Karte lösen')))
        return True

    # -- votes --------------------------------------------------------------------------
    def add_card_vote(self, card_id: int, delta: int = 1) -> Optional[CardState]:
        change = self._run(self.service.add_card_vote, card_id, delta)
        if change is None or change.before == change.after:
            return None
        self.store.put_card(change.after)
        self.undo_stack.push(CardStateCommand(self, change, translate('BoardController', 'Punkte für „{0}“').format(change.after.text[:30])))
        return change.after

    def set_card_votes(self, card_id: int, votes: int) -> Optional[CardState]:
        change = self._run(self.service.set_card_votes, card_id, votes)
        if change is None or change.before == change.after:
            return None
        self.store.put_card(change.after)
        self.undo_stack.push(CardStateCommand(self, change, translate('BoardController', 'Punkte für „{0}“').format(change.after.text[:30])))
        return change.after

    def _cluster_votes(self, change) -> None:
        self.store.put_cluster(change.after)
        self.undo_stack.push(ClusterAttributeCommand(
            self, change, translate('BoardController', 'Punkte für Thema „{0}“').format(change.after.name),
            lambda s: self.service.set_cluster_votes(s.id, s.votes)))

    def add_cluster_vote(self, cluster_id: int, delta: int = 1) -> None:
        change = self._run(self.service.add_cluster_vote, cluster_id, delta)
        if change is not None and change.before != change.after:
            self._cluster_votes(change)

    def set_cluster_votes(self, cluster_id: int, votes: int) -> None:
        change = self._run(self.service.set_cluster_votes, cluster_id, votes)
        if change is not None and change.before != change.after:
            self._cluster_votes(change)

    def reset_votes(self) -> None:
        snapshot = self._run(self.service.reset_votes)
        if snapshot is not None:
            self.reload()
            self.undo_stack.push(ResetVotesCommand(self, snapshot))

    # -- clusters -----------------------------------------------------------------------
    def _ensure_cluster_shown(self, cluster_id) -> None:
        if cluster_id is not None and cluster_id not in self.store.clusters:
            for cluster in self.service.clusters():
                if cluster.id == cluster_id:
                    self.store.put_cluster(cluster)

    def _regroup(self, text: str, fn, *args, same_id: bool = False) -> Optional[RegroupResult]:
        """Run a regrouping op; its redo re-creates new clusters under the same ids."""
        result = self._run(fn, *args)
        if result is None:
            return None
        self.apply_regroup(result)
        created_id = result.created[0].id if same_id and result.created else None
        again = (lambda: fn(*args, created_id)) if same_id else (lambda: fn(*args))
        self.undo_stack.push(RegroupCommand(self, result, text, again))
        return result

    def create_cluster(self, name: str, color: Optional[str] = None) -> Optional[RegroupResult]:
        return self._regroup(translate('BoardController', 'Thema „{name}“ anlegen').format(name=name), self.service.create_cluster, name, color, same_id=True)

    def delete_cluster(self, cluster_id: int) -> Optional[RegroupResult]:
        name = self.store.clusters[cluster_id].name if cluster_id in self.store.clusters else ""
        return self._regroup(translate('BoardController', 'Thema „{name}“ entfernen').format(name=name), self.service.delete_cluster, cluster_id)

    def merge_clusters(self, source_id: int, target_id: int) -> Optional[RegroupResult]:
        names = [self.store.clusters[i].name for i in (source_id, target_id) if i in self.store.clusters]
        return self._regroup(translate('BoardController', 'Themen zusammenführen: ') + " → ".join(names),
                             self.service.merge_clusters, source_id, target_id)

    def split_cluster(self, cluster_id: int, card_ids: Sequence[int], new_name: str) -> Optional[RegroupResult]:
        return self._regroup(translate('BoardController', 'Thema teilen: „{new_name}“').format(new_name=new_name), self.service.split_cluster, cluster_id,
                             list(card_ids), new_name, same_id=True)

    def group_cards(self, card_ids: Sequence[int], name: str) -> Optional[RegroupResult]:
        return self._regroup(translate('BoardController', 'Neues Thema „{name}“ aus Karten').format(name=name), self._group_cards, list(card_ids), name,
                             same_id=True)

    def _group_cards(self, card_ids, name, cluster_id=None):
        return self.service.group_cards(card_ids, name, cluster_id=cluster_id)

    def accept_discovery(self, proposal: DiscoveryProposal, name: Optional[str] = None) -> Optional[RegroupResult]:
        return self._regroup(translate('BoardController', 'Vorschlag „{0}“ übernehmen').format(name or proposal.name), self.service.accept_discovery,
                             proposal, name, same_id=True)

    def recluster_all(self) -> Optional[RegroupResult]:
        return self._regroup(translate('BoardController', 'Alle Karten neu gruppieren'), self.service.recluster_all)

    def rename_cluster(self, cluster_id: int, name: str) -> bool:
        change = self._run(self.service.rename_cluster, cluster_id, name)
        if change is None or change.before == change.after:
            return False
        self.store.put_cluster(change.after)
        self.undo_stack.push(ClusterAttributeCommand(
            self, change, translate('BoardController', 'Thema „{0}“ umbenennen').format(change.before.name),
            lambda s: self.service.rename_cluster(s.id, s.name)))
        return True

    def recolor_cluster(self, cluster_id: int, color: str) -> bool:
        change = self._run(self.service.recolor_cluster, cluster_id, color)
        if change is None or change.before == change.after:
            return False
        self.store.put_cluster(change.after)
        self.undo_stack.push(ClusterAttributeCommand(
            self, change, translate('BoardController', 'Farbe von „{0}“ ändern').format(change.after.name),
            lambda s: self.service.recolor_cluster(s.id, s.color)))
        return True
