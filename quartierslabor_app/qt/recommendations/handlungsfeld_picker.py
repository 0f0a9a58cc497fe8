"""Multi-select of Masterplan 2.0 Handlungsfelder (code + title) as a checkable tree."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...core.recommendations.codes import code_sort_key, handlungsfeld_label
from ..i18n import translate


class HandlungsfeldPicker(QWidget):
    """Emits ``codesChanged(list[str])`` when the user ticks or unticks a field."""

    codesChanged = Signal(list)  # noqa: N815

    def __init__(self, catalogue: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._codes: list[str] = []
        self._updating = False

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate('HandlungsfeldPicker', 'Handlungsfeld suchen (Nummer oder Stichwort) …'))
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName(translate('HandlungsfeldPicker', 'Handlungsfelder'))

        for code, title in sorted(catalogue, key=lambda ct: code_sort_key(ct[0])):
            parent_code = code.rpartition(".")[0]
            parent_item = self._items.get(parent_code)
            item = QTreeWidgetItem([f"{code}  {title}"])
            item.setData(0, Qt.ItemDataRole.UserRole, code)
            item.setToolTip(0, f"{code} {title}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            if parent_item is None:
                self.tree.addTopLevelItem(item)
            else:
                parent_item.addChild(item)
            self._items[code] = item

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.search.textChanged.connect(self._apply_search)
        self._update_summary()

    def codes(self) -> list[str]:
        return list(self._codes)

    def set_codes(self, codes: list[str]) -> None:
        self._updating = True
        try:
            self._codes = list(codes)
            for code, item in self._items.items():
                item.setCheckState(0, Qt.CheckState.Checked if code in codes else Qt.CheckState.Unchecked)
            self.tree.collapseAll()
            for code in codes:
                item = self._items.get(code)
                parent = item.parent() if item else None
                while parent is not None:
                    parent.setExpanded(True)
                    parent = parent.parent()
        finally:
            self._updating = False
        self._update_summary()

    def set_code_checked(self, code: str, checked: bool) -> None:
        """Tick or untick one field as if the user clicked it."""
        item = self._items[code]
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _on_item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._updating:
            return
        code = item.data(0, Qt.ItemDataRole.UserRole)
        checked = item.checkState(0) == Qt.CheckState.Checked
        codes = [c for c in self._codes if c != code]
        if checked:
            codes.append(code)
        if codes == self._codes:
            return
        self._codes = codes
        self._update_summary()
        self.codesChanged.emit(list(codes))

    def _update_summary(self) -> None:
        if self._codes:
            self.summary.setText(translate('HandlungsfeldPicker', 'Gewählt: ') + "; ".join(handlungsfeld_label(c) for c in self._codes))
        else:
            self.summary.setText(translate('HandlungsfeldPicker', 'Noch kein Handlungsfeld gewählt.'))

    def _apply_search(self, text: str) -> None:
        needle = text.strip().casefold()
        for code, item in self._items.items():
            label = item.text(0).casefold()
            match = not needle or needle in label or code.startswith(needle)
            item.setHidden(False if match else True)
        if needle:
            # keep the parents of matches visible and expanded
            for code, item in self._items.items():
                if not item.isHidden():
                    parent = item.parent()
                    while parent is not None:
                        parent.setHidden(False)
                        parent.setExpanded(True)
                        parent = parent.parent()
