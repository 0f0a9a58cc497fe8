"""Text and combo filters above the recommendations table."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from ...core.recommendations.codes import code_sort_key, handlungsfeld_label
from .choice_labels import choice_label
from .store import LabSnapshot, split_codes
from .table_model import NO_CLUSTER
from ..i18n import translate

#: filter key -> text of the "no filter" entry
FILTER_KEYS = (
    ("handlungsfeld", QT_TRANSLATE_NOOP("FilterBar", "Alle Handlungsfelder")),
    ("actor", QT_TRANSLATE_NOOP("FilterBar", "Alle Zuständigen")),
    ("priority", QT_TRANSLATE_NOOP("FilterBar", "Alle Prioritäten")),
    ("horizon", QT_TRANSLATE_NOOP("FilterBar", "Alle Zeithorizonte")),
    ("status", QT_TRANSLATE_NOOP("FilterBar", "Alle Status")),
    ("cluster", QT_TRANSLATE_NOOP("FilterBar", "Alle Cluster")),
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
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text_edit, 0, 0, 1, 2)
        layout.addWidget(self.reset_button, 0, 2)
        for i, (key, all_text) in enumerate(FILTER_KEYS):
            combo = QComboBox()
            combo.setAccessibleName(translate("FilterBar", all_text))
            combo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            combo.setMinimumContentsLength(8)
            combo.addItem(translate("FilterBar", all_text), None)
            combo.currentIndexChanged.connect(lambda _i, k=key: self._emit_filter(k))
            self.combos[key] = combo
            layout.addWidget(combo, 1 + i // 3, i % 3)
        self.text_edit.textChanged.connect(self.textChanged)
        self.reset_button.clicked.connect(self.reset)

    def _emit_filter(self, key: str) -> None:
        self.filterChanged.emit(key, self.combos[key].currentData())

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
            "cluster": [(c.name, c.id) for c in snapshot.clusters] + [(translate('FilterBar', '(ohne Cluster)'), NO_CLUSTER)],
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
