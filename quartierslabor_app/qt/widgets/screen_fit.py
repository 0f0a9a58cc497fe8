"""Initial window sizes that fit the screen (municipal laptops often have 1280×720)."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# room left for the window frame and title bar (width) and title bar plus task bar (height)
FRAME_ROOM = QSize(40, 80)


def fitting_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` × ``height``, but no larger than the available area of the screen the widget (or its
    parent) is on, less room for the title bar and the task bar, so the buttons at the bottom show."""
    screen = (widget.parentWidget() or widget).screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    available = screen.availableGeometry()
    return QSize(min(width, available.width() - FRAME_ROOM.width()),
                 min(height, available.height() - FRAME_ROOM.height()))
