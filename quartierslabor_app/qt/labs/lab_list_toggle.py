"""Showing and hiding the lab list beside the steps (Ansicht → Laborliste, or dragging the handle)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from .lab_list import LAB_LIST_MIN_WIDTH


class LabListToggle(QObject):
    """Hidden, the lab list gives the step on the right the whole width; shown again, it gets back the
    width it had. The checkable ``action`` is the one switch: the menu, the toolbar and a drag of the
    splitter handle to the left edge all go through it."""

    def __init__(self, splitter: QSplitter, panel: QWidget, action: QAction,
                 focus_steps: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.splitter = splitter
        self.panel = panel
        self.action = action
        self._focus_steps = focus_steps
        #: the width the list gets back when shown again
        self.width = 330
        action.toggled.connect(self.set_visible)
        splitter.splitterMoved.connect(self._on_splitter_moved)

    def visible(self) -> bool:
        return self.action.isChecked()

    def set_visible(self, visible: bool) -> None:
        visible = bool(visible)
        if self.action.isChecked() != visible:
            self.action.setChecked(visible)     # comes back here through toggled
            return
        if not visible:
            if self.panel.isAncestorOf(QApplication.focusWidget()):
                self._focus_steps()
            self.panel.hide()
            return
        self.panel.show()
        sizes = self.splitter.sizes()
        if sizes[0] < LAB_LIST_MIN_WIDTH:
            total = sum(sizes)
            room = total - self.splitter.widget(1).minimumSizeHint().width()
            width = max(LAB_LIST_MIN_WIDTH, min(self.width, room))
            self.splitter.setSizes([width, max(0, total - width)])

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        width = self.splitter.sizes()[0]
        if width >= LAB_LIST_MIN_WIDTH:
            self.width = width
        elif width == 0 and self.action.isChecked():
            # dragged to the left edge: hidden, like through the menu (which brings it back)
            self.action.setChecked(False)
