"""The lifecycle step bar: Einladung / Workshop / Empfehlungen / Export with a status each."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from ...core.labs import LIFECYCLE_STEPS
from ..i18n import translate

_STYLE = """
QToolButton { border: 1px solid palette(mid); border-radius: 6px; padding: 6px 10px;
              background: palette(base); text-align: left; }
QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);
                      border-color: palette(highlight); }
"""


def step_label(step: str) -> str:
    """The lifecycle step's name in the UI language (the German name is the key everywhere else)."""
    labels = {
        "Einladung": translate("StepBar", "Einladung"),
        "Workshop": translate("StepBar", "Workshop"),
        "Empfehlungen": translate("StepBar", "Empfehlungen"),
        "Export": translate("StepBar", "Export"),
    }
    return labels.get(step, step)


class StepBar(QWidget):
    """Exclusive buttons, one per lifecycle step; emits the chosen step's name."""

    step_selected = Signal(str)

    def __init__(self, steps: tuple[str, ...] = LIFECYCLE_STEPS, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.steps = steps
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        self._status: dict[str, str] = {}
        for number, step in enumerate(steps, start=1):
            button = QToolButton()
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setStyleSheet(_STYLE)
            keys = QKeySequence(f"Ctrl+{number}").toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(translate("StepBar", "Schritt {number}: {step} ({keys})").format(
                number=number, step=step_label(step), keys=keys))
            button.clicked.connect(lambda _checked=False, s=step: self.step_selected.emit(s))
            self._group.addButton(button)
            self.buttons[step] = button
            layout.addWidget(button)
            self._number = number
        self.set_status({})
        self.select(steps[0], emit=False)

    def set_status(self, status: dict[str, str]) -> None:
        self._status = dict(status)
        for number, step in enumerate(self.steps, start=1):
            text = status.get(step, "")
            label = f"{number}  {step_label(step)}"
            self.buttons[step].setText(f"{label}\n{text}" if text else label)

    def status_text(self, step: str) -> str:
        return self._status.get(step, "")

    def current_step(self) -> str:
        for step, button in self.buttons.items():
            if button.isChecked():
                return step
        return self.steps[0]

    def select(self, step: str, emit: bool = True) -> None:
        self.buttons[step].setChecked(True)
        if emit:
            self.step_selected.emit(step)
