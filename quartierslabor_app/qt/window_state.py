"""What the main window remembers between runs: geometry, the lab list, and the lab and step last used."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

from .widgets.gui_settings import gui_settings

if TYPE_CHECKING:                      # pragma: no cover - typing only
    from .main_window import MainWindow

LAST_LAB_KEY = "main_window/last_lab"
LAST_STEP_KEY = "main_window/last_step"


def first_size(window: QWidget) -> QSize:
    """The first start: 1280×820, but never larger than the screen (laptops with 1366×768)."""
    width, height = 1280, 820
    screen = window.screen() or QApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        # leave room for the window frame and title bar
        width = max(800, min(width, available.width() - 16))
        height = max(560, min(height, available.height() - 40))
    return QSize(width, height)


def restore_layout(window: "MainWindow", min_list_width: int) -> None:
    settings = gui_settings()
    geometry = settings.value("main_window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    splitter = settings.value("main_window/splitter")
    if splitter is not None:
        window.splitter.restoreState(splitter)
    width = settings.value("main_window/lab_list_width", 0, type=int)
    if width >= min_list_width:
        window.lab_list_toggle.width = width
    visible = settings.value("main_window/lab_list_visible", True, type=bool)
    window.lab_list_action.setChecked(visible)
    window.set_lab_list_visible(visible)


def save_layout(window: "MainWindow") -> None:
    settings = gui_settings()
    settings.setValue("main_window/geometry", window.saveGeometry())
    settings.setValue("main_window/splitter", window.splitter.saveState())
    settings.setValue("main_window/lab_list_visible", window.lab_list_action.isChecked())
    settings.setValue("main_window/lab_list_width", window.lab_list_toggle.width)
    settings.sync()


def remember_place(lab_id: Optional[int], step: Optional[str]) -> None:
    """The lab and step in use, so the next start opens them again."""
    settings = gui_settings()
    if lab_id is not None:
        settings.setValue(LAST_LAB_KEY, int(lab_id))
    if step:
        settings.setValue(LAST_STEP_KEY, step)


def last_place() -> tuple[Optional[int], Optional[str]]:
    settings = gui_settings()
    lab_id = settings.value(LAST_LAB_KEY, 0, type=int)
    step = settings.value(LAST_STEP_KEY, "", type=str)
    return (lab_id or None), (step or None)
