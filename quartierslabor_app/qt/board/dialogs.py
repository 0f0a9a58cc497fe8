"""Small dialogs of the board: edit a card, split a cluster, vote budget."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QSpinBox, QVBoxLayout, QWidget)

from ...core.board.state import CardState, VoteBudget
from ..i18n import translate


class EditCardDialog(QDialog):
    def __init__(self, card: CardState, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate('EditCardDialog', 'Karte bearbeiten'))
        form = QFormLayout(self)
        self.text = QLineEdit(card.text, self)
        self.text.setMinimumWidth(420)
        self.place = QLineEdit(card.place, self)
        self.table = QLineEdit(card.table_tag, self)
        form.addRow(translate('EditCardDialog', 'Anliegen:'), self.text)
        form.addRow(translate('EditCardDialog', 'Ort:'), self.place)
        form.addRow(translate('EditCardDialog', 'Tisch:'), self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate('EditCardDialog', 'Abbrechen'))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str]:
        return self.text.text(), self.place.text(), self.table.text()


class SplitDialog(QDialog):
    """Choose the cards that go into a new cluster, and its name."""

    def __init__(self, cluster_name: str, cards: list[CardState], preselected: list[int],
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate('SplitDialog', 'Thema „{cluster_name}“ teilen').format(cluster_name=cluster_name))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate('SplitDialog', 'Welche Karten kommen in das neue Thema?'), self))
        self.list = QListWidget(self)
        self.list.setMinimumSize(420, 300)
        # long card texts wrap inside the list instead of running past its right edge
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for card in cards:
            item = QListWidgetItem(card.text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, card.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if card.id in preselected else Qt.CheckState.Unchecked)
        layout.addWidget(self.list)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(translate('SplitDialog', 'z. B. Spielplatz'))
        form.addRow(translate('SplitDialog', 'Name des neuen Themas:'), self.name)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate('SplitDialog', 'Abbrechen'))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[list[int], str]:
        ids = [int(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
               if self.list.item(i).checkState() == Qt.CheckState.Checked]
        return ids, self.name.text()


class BudgetDialog(QDialog):
    def __init__(self, budget: VoteBudget, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate('BudgetDialog', 'Punktebudget'))
        form = QFormLayout(self)
        self.points = QSpinBox(self)
        self.points.setRange(0, 50)
        self.points.setValue(budget.points_per_participant)
        self.points.setSpecialValueText(translate('BudgetDialog', 'kein Budget'))
        self.people = QSpinBox(self)
        self.people.setRange(0, 500)
        self.people.setValue(budget.participants)
        # Qt sizes a spin box with no room for the cursor: „kein Budget“ would touch the frame
        room = self.points.fontMetrics().horizontalAdvance("MM")
        width = max(self.points.sizeHint().width(), self.people.sizeHint().width()) + room
        for spin in (self.points, self.people):
            spin.setMinimumWidth(width)
        form.addRow(translate('BudgetDialog', 'Punkte je Person:'), self.points)
        form.addRow(translate('BudgetDialog', 'Teilnehmende:'), self.people)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate('BudgetDialog', 'Abbrechen'))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[int, int]:
        return self.points.value(), self.people.value()
