"""The main window with the example lab at 1280x720, shared by the layout and visual tests."""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QApplication


def settle() -> None:
    """Let queued layout and paint events run."""
    for _ in range(5):
        QApplication.processEvents()


def open_main_window(qtbot, db, lab_id, step: Optional[str] = None):
    """The main window at 1280x720 with ``lab_id`` selected (and ``step`` shown)."""
    from quartierslabor_app.qt.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    win.reload_labs(select_id=lab_id)
    if step is not None:
        win.select_step(step)
    settle()
    return win
