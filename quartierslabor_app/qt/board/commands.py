"""Undo/redo commands for every board action.

The action itself runs (and commits) before the command is pushed, so ``redo`` skips its
first call; later ``redo``/``undo`` calls run the inverse core operations. Errors are
reported through the controller instead of escaping into Qt.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

from ...core.board.state import CardChange, ClusterChange, MoveResult, RegroupResult, VoteSnapshot
from ...core.errors import UserError
from ..i18n import localized, translate


class BoardCommand(QUndoCommand):
    def __init__(self, controller, text: str) -> None:
        super().__init__(text)
        self.controller = controller
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._guard(self.do)

    def undo(self) -> None:
        self._guard(self.revert)

    def _guard(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except UserError as exc:
            self.controller.report_error(localized(exc))
            self.controller.reload()
        self.controller.activity.emit()

    @property
    def service(self):
        return self.controller.service

    @property
    def store(self):
        return self.controller.store

    def do(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class AddCardCommand(BoardCommand):
    def __init__(self, controller, card) -> None:
        super().__init__(controller, translate('AddCardCommand', 'Karte „{0}“ hinzufügen').format(_short(card.text)))
        self.card_id = card.id

    def do(self) -> None:
        self.store.put_card(self.service.restore_card(self.card_id).after)

    def revert(self) -> None:
        self.store.put_card(self.service.delete_card(self.card_id).after)


class DeleteCardCommand(BoardCommand):
    def __init__(self, controller, change: CardChange, restore: bool = False) -> None:
        verb = translate('DeleteCardCommand', 'wiederherstellen') if restore else translate('DeleteCardCommand', 'löschen')
        super().__init__(controller, translate('DeleteCardCommand', 'Karte „{0}“ {verb}').format(_short(change.before.text), verb=verb))
        self.card_id, self.restore = change.before.id, restore

    def do(self) -> None:
        op = self.service.restore_card if self.restore else self.service.delete_card
        self.store.put_card(op(self.card_id).after)

    def revert(self) -> None:
        op = self.service.delete_card if self.restore else self.service.restore_card
        self.store.put_card(op(self.card_id).after)


class CardStateCommand(BoardCommand):
    """Edit, pin or points on a card: write the before/after state."""

    def __init__(self, controller, change: CardChange, text: str) -> None:
        super().__init__(controller, text)
        self.change = change

    def do(self) -> None:
        self.store.put_cards(self.service.apply_card_states([self.change.after]))
        self.controller.refresh_cluster_of(self.change.after)

    def revert(self) -> None:
        self.store.put_cards(self.service.apply_card_states([self.change.before]))
        self.controller.refresh_cluster_of(self.change.before)


class MoveCardCommand(BoardCommand):
    def __init__(self, controller, result: MoveResult, target_name: str) -> None:
        super().__init__(controller, translate('MoveCardCommand', 'Karte „{0}“ nach „{target_name}“ verschieben').format(_short(result.change.before.text), target_name=target_name))
        self.result = result

    def do(self) -> None:
        after = self.result.change.after
        self.result = self.service.move_card(after.id, after.cluster_id, position=after.pos_y if after.pinned
                                             and not self.result.change.before.pinned else None)
        self.store.put_card(self.result.change.after)

    def revert(self) -> None:
        self.service.remove_examples([self.result.example_id])
        self.store.put_cards(self.service.apply_card_states([self.result.change.before]))


class ClusterAttributeCommand(BoardCommand):
    """Rename, recolour or points on a cluster."""

    def __init__(self, controller, change: ClusterChange, text: str, apply: Callable[[object], ClusterChange]) -> None:
        super().__init__(controller, text)
        self.change, self.apply = change, apply

    def do(self) -> None:
        self.store.put_cluster(self.apply(self.change.after).after)

    def revert(self) -> None:
        self.store.put_cluster(self.apply(self.change.before).after)


class RegroupCommand(BoardCommand):
    """Create/delete cluster, merge, split, accept discovery, re-cluster."""

    def __init__(self, controller, result: RegroupResult, text: str, again: Callable[[], RegroupResult]) -> None:
        super().__init__(controller, text)
        self.result, self.again = result, again

    def do(self) -> None:
        self.result = self.again()
        self.controller.apply_regroup(self.result)

    def revert(self) -> None:
        self.service.undo_regroup(self.result)
        self.controller.reload()


class ResetVotesCommand(BoardCommand):
    def __init__(self, controller, snapshot: VoteSnapshot) -> None:
        super().__init__(controller, translate('ResetVotesCommand', 'Alle Punkte zurücksetzen'))
        self.snapshot = snapshot

    def do(self) -> None:
        self.snapshot = self.service.reset_votes()
        self.controller.reload()

    def revert(self) -> None:
        self.service.restore_votes(self.snapshot)
        self.controller.reload()


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
