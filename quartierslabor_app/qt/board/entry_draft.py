"""Keeps the half-typed card of the entry line as a draft of its lab (``core/board/drafts.py``):
written a moment after each keystroke, at once when the view closes, restored when it opens."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject, QTimer

from ...core.board.drafts import DraftStore, EntryDraft
from .entry_bar import EntryBar

#: how long typing may pause before the draft is written (a crash loses at most this much typing)
SAVE_DELAY_MS = 300


class DraftKeeper(QObject):
    def __init__(self, entry: EntryBar, database_url: str, lab_id: int, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.store = DraftStore(database_url, lab_id)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.restore()
        for field in (entry.line, entry.place, entry.table):
            field.textChanged.connect(self._changed)

    def restore(self) -> None:
        draft = self.store.load()
        if not draft.empty:
            self.entry.line.setText(draft.text)
            self.entry.place.setText(draft.place)
            self.entry.table.setText(draft.table)

    def current(self) -> EntryDraft:
        return EntryDraft(self.entry.line.text(), self.entry.place.text(), self.entry.table.text())

    def _changed(self, *_args) -> None:
        self._timer.start()

    def flush(self) -> None:
        """Write the draft now (an empty entry line and fields remove it)."""
        self._timer.stop()
        self.store.save(self.current())
