"""Keyboard shortcuts as the user reads them, and the Hilfe → Tastenkürzel list."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ..i18n import translate


def key_sequences(key, fallback: Optional[str] = None) -> list[QKeySequence]:
    """The platform's bindings of a standard key (or one plain key); ``fallback`` where it has none."""
    if isinstance(key, QKeySequence.StandardKey):
        sequences = list(QKeySequence.keyBindings(key))
    else:
        sequences = [QKeySequence(key)]
    # without the dedicated "New"/"Find" keys of multimedia keyboards: menus would show those
    sequences = [seq for seq in sequences if not seq.isEmpty() and not is_special_key(seq)]
    if not sequences and fallback:
        sequences = [QKeySequence(fallback)]
    return sequences


def shortcut_text(key, fallback: Optional[str] = None) -> str:
    """The key as the user reads it, in the UI language ("Strg+N" / "Ctrl+N")."""
    sequences = key_sequences(key, fallback)
    return sequences[0].toString(QKeySequence.SequenceFormat.NativeText) if sequences else ""


def plain_action_text(action: QAction) -> str:
    """A menu text without mnemonic and trailing ellipsis, for lists."""
    text = action.text().replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    return text.removesuffix("…").strip()


def is_special_key(seq: QKeySequence) -> bool:
    """A dedicated key of multimedia keyboards (the "New" or "Find" key) that standard bindings add."""
    if seq.count() != 1:
        return False
    combination = seq[0]
    return combination.keyboardModifiers() == Qt.KeyboardModifier.NoModifier and \
        combination.key().value >= Qt.Key.Key_Back.value


def keys_text(shortcuts: list[QKeySequence]) -> str:
    """Keys for the shortcut list ("Strg+Y oder Strg+Umschalt+Z")."""
    sequences = [seq for seq in shortcuts if not is_special_key(seq)] or shortcuts
    return translate("MainWindow", " oder ").join(
        seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in sequences)


class ShortcutsDialog(QDialog):
    """Help → Tastenkürzel: the keyboard shortcuts of the window (and of the open step), grouped."""

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ShortcutsDialog", "Tastenkürzel"))
        self.resize(520, 560)
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([translate("ShortcutsDialog", "Aktion"), translate("ShortcutsDialog", "Tasten")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for title, rows in sections:
            group = QTreeWidgetItem([title, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(group)
            for action_text, keys in rows:
                group.addChild(QTreeWidgetItem([action_text, keys]))
        self.tree.expandAll()
        self.tree.header().setStretchLastSection(True)
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 24)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out += [(group.child(j).text(0), group.child(j).text(1)) for j in range(group.childCount())]
        return out
