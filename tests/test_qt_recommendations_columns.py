"""At 1280×720 the recommendations table shows title, Handlungsfeld, priority and status without
scrolling sideways, in German and in English."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quartierslabor_app.core.reports.example_data import create_example_lab
from quartierslabor_app.qt.main_window import MainWindow


def _fully_visible_headers(table) -> list[str]:
    header = table.horizontalHeader()
    out = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        left = header.sectionViewportPosition(logical)
        if left >= 0 and left + header.sectionSize(logical) <= table.viewport().width():
            out.append(table.model().headerData(logical, Qt.Orientation.Horizontal))
    return out


def _table_at(qtbot, db, width, height):
    with db.session() as s:
        lab_id = create_example_lab(s, cards=30, recommendations=8).id
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    win.select_lab(lab_id)
    win.select_step("Empfehlungen")
    QApplication.processEvents()
    return win.step_view("Empfehlungen").table


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_key_columns_in_view_german(qtbot, db, size):
    table = _table_at(qtbot, db, *size)
    assert _fully_visible_headers(table)[:4] == ["Titel", "Handlungsfeld", "Priorität", "Status"]
    assert table.horizontalScrollBar().value() == 0


def test_key_columns_in_view_english(qtbot, db, english):
    table = _table_at(qtbot, db, 1280, 720)
    assert _fully_visible_headers(table)[:4] == ["Title", "Field of action", "Priority", "Status"]
