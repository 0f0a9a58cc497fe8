"""Text and combo filters above the recommendations table."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QLineEdit, QPushButton, QSizePolicy, QStyle,
                               QStyleOptionComboBox, QWidget)

from ...core.recommendations.codes import code_sort_key, handlungsfeld_label
from .choice_labels import choice_label
from ...core.recommendations.rows import LabSnapshot, split_codes
from .table_model import NO_CLUSTER
from ..i18n import translate

#: filter key -> text of the "no filter" entry
FILTER_KEYS = (
    ("handlungsfeld", QT_TRANSLATE_NOOP("FilterBar", "Alle Handlungsfelder")),
    ("actor", QT_TRANSLATE_NOOP("FilterBar", "Alle Zuständigen")),
    ("priority", QT_TRANSLATE_NOOP("FilterBar", "Alle Prioritäten")),
    ("horizon", QT_TRANSLATE_NOOP("FilterBar", "Alle Zeithorizonte")),
    ("status", QT_TRANSLATE_NOOP("FilterBar", "Alle Status")),
    ("cluster", QT_TRANSLATE_NOOP("FilterBar", "Alle Themen")),
)


class FilterBar(QWidget):
    textChanged = Signal(str)  # noqa: N815
    filterChanged = Signal(str, object)  # key, value or None  # noqa: N815

    def __init__(self, choices: dict[str, tuple[str, ...]], parent=None) -> None:
        super().__init__(parent)
        self._choices = choices
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(translate('FilterBar', 'Suchen in Titel, Text, Ort, Zuständig, Notiz …'))
        self.text_edit.setClearButtonEnabled(True)
        self.reset_button = QPushButton(translate('FilterBar', 'Filter zurücksetzen'))
        self.combos: dict[str, QComboBox] = {}
        self._grid = layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, all_text in FILTER_KEYS:
            combo = QComboBox()
            combo.setAccessibleName(translate("FilterBar", all_text))
            # long entries (Handlungsfelder, clusters) must not widen the table; the bar makes sure
            # the "all" text is always readable (two or three combos per row, see resizeEvent)
            combo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            combo.setMinimumContentsLength(8)
            combo.addItem(translate("FilterBar", all_text), None)
            combo.currentIndexChanged.connect(lambda _i, k=key: self._emit_filter(k))
            self.combos[key] = combo
        self._columns = 0
        self._arrange(3)
        self.setMinimumWidth(self._columns_width(2))
        self.text_edit.textChanged.connect(self.textChanged)
        self.reset_button.clicked.connect(self.reset)

    # -- layout: three filters per row when they fit, else two ------------------------------
    def _combo_width(self, combo: QComboBox) -> int:
        """Width the combo needs to show its "all" entry (the longest text it starts with)."""
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        text = combo.fontMetrics().horizontalAdvance(combo.itemText(0)) + 4
        return combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                              QSize(text, combo.fontMetrics().height()), combo).width()

    def _columns_width(self, columns: int) -> int:
        widest = max(self._combo_width(combo) for combo in self.combos.values())
        return columns * widest + (columns - 1) * max(0, self._grid.horizontalSpacing())

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        layout = self._grid
        for widget in (self.text_edit, self.reset_button, *self.combos.values()):
            layout.removeWidget(widget)
        for i in range(layout.columnCount()):
            layout.setColumnStretch(i, 0)
        layout.addWidget(self.text_edit, 0, 0, 1, columns - 1)
        layout.addWidget(self.reset_button, 0, columns - 1)
        for i, combo in enumerate(self.combos.values()):
            layout.addWidget(combo, 1 + i // columns, i % columns)
        for i in range(columns):
            layout.setColumnStretch(i, 1)
        self._columns = columns

    def columns(self) -> int:
        """How many filters share a row now (2 or 3)."""
        return self._columns

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._arrange(3 if event.size().width() >= self._columns_width(3) else 2)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self.setMinimumWidth(self._columns_width(2))

    def _emit_filter(self, key: str) -> None:
        combo = self.combos[key]
        combo.setToolTip(combo.currentText() if combo.currentIndex() > 0 else "")   # long choices show in full
        self.filterChanged.emit(key, combo.currentData())

    def reset(self) -> None:
        self.text_edit.clear()
        for combo in self.combos.values():
            combo.setCurrentIndex(0)

    def set_filter(self, key: str, value) -> bool:
        """Choose ``value`` in the combo of ``key``; False if it is not offered."""
        combo = self.combos[key]
        i = combo.findData(value)
        if i < 0:
            return False
        combo.setCurrentIndex(i)
        return True

    def set_options(self, snapshot: LabSnapshot, actors: list[str]) -> None:
        """Offer what the lab's recommendations use (plus the fixed lists); keep current choices."""
        codes: set[str] = set()
        for rec in snapshot.recommendations:
            for code in split_codes(rec.handlungsfeld_codes):
                parts = code.split(".")
                codes.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
        used_actors = {r.actor for r in snapshot.recommendations if r.actor}
        options = {
            "handlungsfeld": [(handlungsfeld_label(c), c) for c in sorted(codes, key=code_sort_key)],
            "actor": [(a, a) for a in sorted(used_actors | set(actors), key=str.casefold)],
            "priority": [(choice_label(v), v) for v in self._choices["priority"]],
            "horizon": [(choice_label(v), v) for v in self._choices["horizon"]],
            "status": [(choice_label(v), v) for v in self._choices["status"]],
            "cluster": [(c.name, c.id) for c in snapshot.clusters] + [(translate('FilterBar', '(ohne Thema)'), NO_CLUSTER)],
        }
        for key, all_text in FILTER_KEYS:
            combo = self.combos[key]
            current = combo.currentData()
            combo.blockSignals(True)
            try:
                combo.clear()
                combo.addItem(translate("FilterBar", all_text), None)
                for label, value in options[key]:
                    combo.addItem(label, value)
                i = combo.findData(current) if current is not None else 0
                combo.setCurrentIndex(max(0, i))
            finally:
                combo.blockSignals(False)
            if current is not None and combo.currentData() != current:
                self._emit_filter(key)
            combo.setToolTip(combo.currentText() if combo.currentIndex() > 0 else "")
