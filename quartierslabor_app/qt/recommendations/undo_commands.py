"""Undo/redo commands for creating, editing and deleting recommendations.

Every ``redo``/``undo`` is one database transaction done by the :class:`RecommendationEditor`.
Commands refer to a record through a :class:`RecordRef` whose id is re-bound when an undone
delete brings the record back under a new id, so later commands on the stack still find it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from PySide6.QtGui import QUndoCommand
from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..i18n import translate

if TYPE_CHECKING:  # pragma: no cover
    from .editor import RecommendationEditor
    from ...core.recommendations.rows import RecommendationRow

EDIT_COMMAND_ID = 4711

FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Titel"), "text": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Text"), "handlungsfeld_codes": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Handlungsfeld"), "actor": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Zuständig"),
    "priority": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Priorität"), "horizon": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Zeithorizont"), "place": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Ort"), "cluster_id": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Thema"),
    "linked_card_ids": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Verknüpfte Karten"), "status": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Status"), "status_note": QT_TRANSLATE_NOOP("EditRecommendationCommand", "Status-Notiz"),
}


class RecordRef:
    """A stable handle on a recommendation whose database id may change on undo of a delete."""

    def __init__(self, rec_id: int) -> None:
        self.id = rec_id

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"RecordRef({self.id})"


class CreateRecommendationCommand(QUndoCommand):
    def __init__(self, editor: "RecommendationEditor", values: dict) -> None:
        super().__init__(translate('CreateRecommendationCommand', 'Empfehlung „{0}“ anlegen').format(values.get('title', '')))
        self._editor = editor
        self._values = dict(values)
        self.ref: Optional[RecordRef] = None

    def redo(self) -> None:
        preferred = self.ref.id if self.ref is not None else None
        rec_id = self._editor.create(self._values, preferred_id=preferred)
        if rec_id is None:
            self.setObsolete(True)
            return
        if self.ref is None:
            self.ref = self._editor.ref_for(rec_id)
        else:
            self._editor.rebind(self.ref, rec_id)

    def undo(self) -> None:
        if self.ref is not None:
            self._editor.delete(self.ref.id)


class EditRecommendationCommand(QUndoCommand):
    """Change one field. Consecutive edits of the same field in one typing session merge."""

    def __init__(self, editor: "RecommendationEditor", ref: RecordRef, field: str, old, new,
                 merge_key: Optional[object] = None) -> None:
        super().__init__(translate('EditRecommendationCommand', '{0} ändern').format(translate('EditRecommendationCommand', FIELD_LABELS[field]) if field in FIELD_LABELS else field))
        self._editor = editor
        self.ref = ref
        self.field = field
        self.old = old
        self.new = new
        self.merge_key = merge_key

    def id(self) -> int:
        return EDIT_COMMAND_ID

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt name
        if (not isinstance(other, EditRecommendationCommand) or self.merge_key is None
                or other.merge_key != self.merge_key or other.ref is not self.ref
                or other.field != self.field):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if not self._editor.update(self.ref.id, self.field, self.new):
            self.setObsolete(True)

    def undo(self) -> None:
        self._editor.update(self.ref.id, self.field, self.old)


class DeleteRecommendationCommand(QUndoCommand):
    def __init__(self, editor: "RecommendationEditor", ref: RecordRef, title: str) -> None:
        super().__init__(translate('DeleteRecommendationCommand', 'Empfehlung „{title}“ löschen').format(title=title))
        self._editor = editor
        self.ref = ref
        self._row: Optional["RecommendationRow"] = None

    def redo(self) -> None:
        row = self._editor.delete(self.ref.id)
        if row is None:
            self.setObsolete(True)
            return
        self._row = row

    def undo(self) -> None:
        if self._row is None:
            return
        rec_id = self._editor.create(self._row.values(), preferred_id=self._row.id)
        if rec_id is not None:
            self._editor.rebind(self.ref, rec_id)
