"""The view's controller: writes each change in its own transaction and tells the models.

It is the only object in the Qt layer that calls the core recommendation services.
Failures never raise into Qt's undo machinery; they are emitted as German messages.
"""
from __future__ import annotations

import logging
from typing import Optional

from PySide6.QtCore import QObject, Signal

from ...core.errors import UserError
from ...core.storage.database import Database
from ...core.recommendations import editing as persistence
from ...core.recommendations.rows import RecommendationRow
from .undo_commands import RecordRef
from ..i18n import localized, translate

log = logging.getLogger(__name__)


class RecommendationEditor(QObject):
    rowChanged = Signal(object)   # RecommendationRow (created or updated)  # noqa: N815
    rowRemoved = Signal(int)      # recommendation id  # noqa: N815
    failed = Signal(str)          # German message

    def __init__(self, database: Database, lab_id: int, parent=None) -> None:
        super().__init__(parent)
        self._database = database
        self._lab_id = lab_id
        self._refs: dict[int, RecordRef] = {}

    # -- record handles -------------------------------------------------------------
    def ref_for(self, rec_id: int) -> RecordRef:
        ref = self._refs.get(rec_id)
        if ref is None:
            ref = self._refs[rec_id] = RecordRef(rec_id)
        return ref

    def rebind(self, ref: RecordRef, new_id: int) -> None:
        if self._refs.get(ref.id) is ref:
            del self._refs[ref.id]
        ref.id = new_id
        self._refs[new_id] = ref

    # -- writes (one transaction each) ----------------------------------------------
    def _report(self, exc: Exception, what: str) -> None:
        if isinstance(exc, UserError):
            message = localized(exc)
        else:
            log.exception("recommendation %s failed", what)
            message = (translate('RecommendationEditor', 'Die Empfehlung konnte nicht {what} werden ({0}: {exc}).\nBereits gespeicherte Angaben bleiben erhalten.').format(type(exc).__name__, what=what, exc=exc))
        self.failed.emit(message)

    def create(self, values: dict, preferred_id: Optional[int] = None) -> Optional[int]:
        try:
            row = persistence.create(self._database, self._lab_id, values, preferred_id=preferred_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self._report(exc, translate('RecommendationEditor', 'angelegt'))
            return None
        self.rowChanged.emit(row)
        return row.id

    def update(self, rec_id: int, field: str, value) -> bool:
        try:
            row = persistence.update(self._database, rec_id, field, value)
        except Exception as exc:  # noqa: BLE001
            self._report(exc, translate('RecommendationEditor', 'gespeichert'))
            return False
        if row is None:
            self.failed.emit(translate('RecommendationEditor', 'Diese Empfehlung gibt es nicht mehr (sie wurde anderswo gelöscht).'))
            self.rowRemoved.emit(rec_id)
            return False
        self.rowChanged.emit(row)
        return True

    def delete(self, rec_id: int) -> Optional[RecommendationRow]:
        try:
            row = persistence.delete(self._database, rec_id)
        except Exception as exc:  # noqa: BLE001
            self._report(exc, translate('RecommendationEditor', 'gelöscht'))
            return None
        self.rowRemoved.emit(rec_id)
        return row
