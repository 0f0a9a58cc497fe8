"""Display names and colours of the fixed recommendation choices (priority, horizon, status).

The database keeps the German values of ``core/recommendations/choices.py`` (reports and
exports print them); the UI shows them through the translation catalogue, so filters, sorting
and storage keep working on the stored value whatever the UI language.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..i18n import translate

_LABELS = {
    "hoch": QT_TRANSLATE_NOOP("RecommendationChoice", "hoch"),
    "mittel": QT_TRANSLATE_NOOP("RecommendationChoice", "mittel"),
    "niedrig": QT_TRANSLATE_NOOP("RecommendationChoice", "niedrig"),
    "sofort": QT_TRANSLATE_NOOP("RecommendationChoice", "sofort"),
    "kurzfristig": QT_TRANSLATE_NOOP("RecommendationChoice", "kurzfristig"),
    "mittelfristig": QT_TRANSLATE_NOOP("RecommendationChoice", "mittelfristig"),
    "langfristig": QT_TRANSLATE_NOOP("RecommendationChoice", "langfristig"),
    "offen": QT_TRANSLATE_NOOP("RecommendationChoice", "offen"),
    "in Arbeit": QT_TRANSLATE_NOOP("RecommendationChoice", "in Arbeit"),
    "umgesetzt": QT_TRANSLATE_NOOP("RecommendationChoice", "umgesetzt"),
    "verworfen": QT_TRANSLATE_NOOP("RecommendationChoice", "verworfen"),
}

PRIORITY_COLORS = {"hoch": "#f8d7da", "mittel": "#fff3cd", "niedrig": "#e2e3e5"}
STATUS_COLORS = {"offen": "#e2e3e5", "in Arbeit": "#cfe2ff", "umgesetzt": "#d1e7dd", "verworfen": "#f1f1f1"}


def choice_label(value: str) -> str:
    """The stored German value as the UI shows it (unknown values as they are)."""
    source = _LABELS.get(value)
    return translate("RecommendationChoice", source) if source else value


def fill_choice_combo(combo, values) -> None:
    """Items show the translated label and carry the stored value as item data."""
    combo.clear()
    for value in values:
        combo.addItem(choice_label(value), value)


def select_choice(combo, value: str) -> None:
    index = combo.findData(value)
    if index < 0 and value:        # a value outside the fixed list (older data): show it as it is
        combo.addItem(choice_label(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
