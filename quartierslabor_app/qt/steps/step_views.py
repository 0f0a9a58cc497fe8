"""Registry of the views for the lab lifecycle steps, imported lazily.

Each step view is a ``QWidget`` subclass ``View(database, lab_id, parent=None)`` with a
``refresh()`` method. Views live in their own packages and are only imported when shown,
so the main window starts fast and one step's import cost never delays another.
"""
from __future__ import annotations

import importlib
from typing import Optional

from PySide6.QtWidgets import QWidget

from ...core.storage.database import Database
from ..i18n import translate
from .step_bar import step_label
from ..widgets.placeholder import PlaceholderView

#: lifecycle step -> (module, class)
STEP_VIEWS: dict[str, tuple[str, str]] = {
    "Einladung": ("quartierslabor_app.qt.draw.invitation_view", "InvitationView"),
    "Workshop": ("quartierslabor_app.qt.board.workshop_view", "WorkshopView"),
    "Empfehlungen": ("quartierslabor_app.qt.recommendations.recommendations_view", "RecommendationsView"),
    "Export": ("quartierslabor_app.qt.reports.export_view", "ExportView"),
}

COMPARISON_VIEW = ("quartierslabor_app.qt.reports.comparison_view", "ComparisonView")


def _load_class(module_name: str, class_name: str) -> Optional[type]:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:  # a dependency inside an existing view is missing: a real bug
            raise
        return None
    return getattr(module, class_name, None)


def create_step_view(step: str, database: Database, lab_id: int,
                     parent: Optional[QWidget] = None) -> QWidget:
    module_name, class_name = STEP_VIEWS[step]
    cls = _load_class(module_name, class_name)
    if cls is None:
        return PlaceholderView(translate("StepViews", "Die Ansicht „{0}“ ist in dieser Version noch nicht "
                                         "verfügbar.").format(step_label(step)), parent)
    return cls(database, lab_id, parent)


def create_comparison_view(database: Database, parent: Optional[QWidget] = None) -> QWidget:
    cls = _load_class(*COMPARISON_VIEW)
    if cls is None:
        return PlaceholderView(translate("StepViews", "Der Vergleich der Labore ist in dieser Version noch nicht "
                                         "verfügbar."), parent)
    return cls(database, parent)
