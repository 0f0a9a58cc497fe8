"""The step bar's counts ("2 Workshop – 12 Anliegen · 3 Themen") follow the open step live."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

#: changes within this time are counted once (one database count, not one per card)
REFRESH_DELAY_MS = 150
#: signals of a board store that change what the step bar counts
_BOARD_SIGNALS = ("card_changed", "card_removed", "reset", "cluster_changed")


class StepStatusFollower(QObject):
    """Calls ``refresh`` shortly after a step view reports a change (its ``changed`` signal or, for
    the workshop board, a card or topic arriving, moving or going)."""

    def __init__(self, refresh: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(refresh)

    def follow(self, view: QWidget) -> None:
        changed = getattr(view, "changed", None)
        if changed is not None and hasattr(changed, "connect"):
            changed.connect(self.schedule)
        store = getattr(getattr(view, "controller", None), "store", None)
        for name in _BOARD_SIGNALS:
            signal = getattr(store, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(self.schedule)

    def schedule(self, *_args) -> None:
        self._timer.start()

    def cancel(self) -> None:
        """No count after the window closed (its database may be gone)."""
        self._timer.stop()
