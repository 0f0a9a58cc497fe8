"""Window shortcuts give way to the open step view's own shortcuts on the same key.

Two shortcuts on one key cancel each other out in Qt ("ambiguous"): while the focus is inside
a step view, a window action drops the keys that one of the view's enabled actions uses.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


class WindowKeys(QObject):
    """Follows the focus; gives a window action's keys back when the focus leaves the step view."""

    def __init__(self, actions: Iterable[QAction], views: Callable[[], list[QWidget]], parent: QObject) -> None:
        super().__init__(parent)
        #: each window action's own keys
        self.keys: dict[QAction, list[QKeySequence]] = {action: list(action.shortcuts()) for action in actions}
        self._views = views
        QApplication.instance().focusChanged.connect(self.follow_focus)

    def own_keys(self, action: QAction) -> list[QKeySequence]:
        """The keys an action has when no step view takes them (for the shortcut list)."""
        return self.keys.get(action, action.shortcuts())

    def follow_focus(self, _old: Optional[QWidget] = None, now: Optional[QWidget] = None) -> None:
        taken: set[str] = set()
        for view in self._views():
            if now is not None and view.isAncestorOf(now):
                for action in view.findChildren(QAction):
                    if action.isEnabled():
                        taken.update(seq.toString() for seq in action.shortcuts())
        for action, keys in self.keys.items():
            wanted = [seq for seq in keys if seq.toString() not in taken]
            if [seq.toString() for seq in action.shortcuts()] != [seq.toString() for seq in wanted]:
                action.setShortcuts(wanted)
