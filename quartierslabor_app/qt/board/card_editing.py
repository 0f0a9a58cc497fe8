"""What the facilitator does to cards and topics on the board: drop, pin, delete, edit, group,
rename, recolour, split, re-cluster, accept proposals."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QColorDialog, QMessageBox

from ...core import count_texts
from .counts import cards_text, scope
from .dialogs import EditCardDialog, SplitDialog
from ..i18n import localized, translate
from ..widgets import name_dialog

if TYPE_CHECKING:                      # pragma: no cover - typing only
    from .workshop_view import WorkshopView


class CardEditing(QObject):
    """The facilitator's edits on one workshop board, each with its dialog or question. It changes the
    board only through the host's controller and speaks through the host's status line."""

    def __init__(self, host: "WorkshopView") -> None:
        super().__init__(host)
        self.host = host

    def drop_cards(self, card_ids: list[int], cluster_id: int, row: Optional[int] = None) -> int:
        """What a drop on a cluster does: move cards there; inside the same cluster, pin at the row."""
        store = self.host.controller.store
        ids = [i for i in card_ids if i in store.cards]
        if not ids or cluster_id not in store.clusters:
            return 0
        same = all(store.cards[i].cluster_id == cluster_id for i in ids)
        if same:
            if row is None:
                return 0
            position = self._pin_position(cluster_id, row)
            stack = self.host.controller.undo_stack
            stack.beginMacro(translate('WorkshopView', 'Karten anheften'))
            done = sum(bool(self.host.controller.pin_card(i, True, None, position + k * 0.001))
                       for k, i in enumerate(ids))
            stack.endMacro()
            return done
        moved = self.host.controller.move_cards(ids, cluster_id)
        self.host.focus_entry()
        return moved

    def _pin_position(self, cluster_id: int, row: int) -> float:
        cards = self.host.controller.store.cards_of(cluster_id)
        pinned = [c.pos_y for c in cards if c.pinned and c.pos_y is not None]
        if not pinned:
            return 1.0
        row = max(0, min(row, len(pinned)))
        if row == 0:
            return pinned[0] - 1.0
        if row >= len(pinned):
            return pinned[-1] + 1.0
        return (pinned[row - 1] + pinned[row]) / 2.0

    def confirm(self, question: str) -> bool:
        """Ask before an action on more than one card (tests replace this)."""
        answer = QMessageBox.question(self.host, translate('WorkshopView', 'Mehrere Karten'), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def delete_cards(self, card_ids: list[int]) -> int:
        """Delete these cards; more than one only after a question that names what goes."""
        store = self.host.controller.store
        ids = [i for i in card_ids if i in store.cards]
        if not ids:
            return 0
        what = scope(store.cards[i] for i in ids)
        if len(ids) > 1 and not self.confirm(translate('WorkshopView', '{what} löschen?').format(what=what)):
            self.host.focus_entry()
            return 0
        stack = self.host.controller.undo_stack
        if len(ids) > 1:
            stack.beginMacro(translate('WorkshopView', '{what} löschen').format(what=what))
        done = sum(bool(self.host.controller.delete_card(i)) for i in ids)
        if len(ids) > 1:
            stack.endMacro()
        self.host._show_info(translate('WorkshopView', 'Gelöscht: {what} – Strg+Z holt sie zurück, ebenso der Papierkorb.').format(
            what=cards_text(done)))
        self.host.focus_entry()
        return done

    def group_selected(self, card_ids: list[int]) -> None:
        name, ok = name_dialog.ask_name(self.host, translate('WorkshopView', 'Neues Thema'), translate('WorkshopView', 'Name des neuen Themas:'))
        if ok and name.strip():
            self.host.controller.group_cards(card_ids, name)
        self.host.focus_entry()

    def edit_card(self, card_id: int) -> None:
        card = self.host.controller.store.cards.get(card_id)
        if card is None:
            return
        dialog = EditCardDialog(card, self.host)
        if dialog.exec():
            text, place, table = dialog.values()
            self.host.controller.edit_card(card_id, text=text, place=place, table=table)
        self.host.focus_entry()

    def edit_selected(self) -> None:
        ids = self.host.board.selected_card_ids()
        if ids:
            self.edit_card(ids[0])

    def create_cluster_dialog(self) -> None:
        name, ok = name_dialog.ask_name(self.host, translate('WorkshopView', 'Neues Thema'), translate('WorkshopView', 'Name des neuen Themas:'))
        if ok and name.strip():
            self.host.controller.create_cluster(name)
        self.host.focus_entry()

    def rename_cluster_dialog(self, cluster_id: int) -> None:
        cluster = self.host.controller.store.clusters[cluster_id]
        name, ok = name_dialog.ask_name(self.host, translate('WorkshopView', 'Thema umbenennen'), translate('WorkshopView', 'Neuer Name:'), text=cluster.name)
        if ok:
            self.host.controller.rename_cluster(cluster_id, name)
        self.host.focus_entry()

    def recolor_cluster_dialog(self, cluster_id: int) -> None:
        from PySide6.QtGui import QColor
        cluster = self.host.controller.store.clusters[cluster_id]
        color = QColorDialog.getColor(QColor(cluster.color), self.host, translate('WorkshopView', 'Farbe für „{0}“').format(cluster.name))
        if color.isValid():
            self.host.controller.recolor_cluster(cluster_id, color.name())
        self.host.focus_entry()

    def split_cluster_dialog(self, cluster_id: int) -> None:
        store = self.host.controller.store
        dialog = SplitDialog(store.clusters[cluster_id].name, store.cards_of(cluster_id),
                             self.host.board.selected_card_ids(), self.host)
        if dialog.exec():
            ids, name = dialog.chosen()
            self.host.controller.split_cluster(cluster_id, ids, name)
        self.host.focus_entry()

    def recluster(self) -> None:
        result = self.host.controller.recluster_all()
        if result is not None:
            self.host._show_info(translate('WorkshopView', 'Neu gruppiert: {cards} mit neuem Thema (von Hand zugeordnete und angeheftete Karten bleiben).').format(cards=localized(count_texts.cards(len(result.card_changes)))))
        self.host.focus_entry()

    def find_proposals(self) -> None:
        try:
            proposals = self.host.service.discovery_proposals()
        except Exception as exc:  # noqa: BLE001 - a failing proposal search must not stop the workshop
            self.host._show_error(translate('WorkshopView', 'Vorschläge konnten nicht ermittelt werden: {exc}').format(exc=exc))
            return
        self.host.side.set_proposals(proposals)
        self.host.side.setCurrentIndex(self.host.side.proposals_index)

    def accept_proposal(self, proposal) -> None:
        name, ok = name_dialog.ask_name(self.host, translate('WorkshopView', 'Neues Thema übernehmen'), translate('WorkshopView', 'Name des neuen Themas:'), text=proposal.name)
        if ok and name.strip():
            if self.host.controller.accept_discovery(proposal, name) is not None:
                self.find_proposals()
        self.host.focus_entry()

    def save_city_default(self) -> None:
        count = self.host.controller._run(self.host.service.save_taxonomy_as_city_default)
        if count is not None:
            self.host._show_info(translate('WorkshopView', 'Vorgabe der Stadt für neue Labore jetzt: {topics}.').format(topics=localized(count_texts.topics(count))))
        self.host.focus_entry()
