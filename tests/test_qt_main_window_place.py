"""The step bar counts cards live, and a new start opens the lab and step last used."""
from __future__ import annotations

import datetime as dt

from quartierslabor_app.core import lab_service
from quartierslabor_app.core.lab_service import LabValues
from quartierslabor_app.qt.main_window import MainWindow


def _add(db, name, district):
    return lab_service.create_lab(db, LabValues(name, district, dt.date(2026, 3, 14), "Bürgerhaus", 30)).id


def test_step_buttons_count_cards_as_they_arrive(qtbot, db):
    lab_id = _add(db, "Live Eving", "Eving")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.select_lab(lab_id)
    win.select_step("Workshop")
    assert win.step_bar.status_text("Workshop") == "noch keine Anliegen"
    board = win.step_view("Workshop")
    board.add_card("Nachts laute Musik am Kiosk")
    qtbot.waitUntil(lambda: win.step_bar.status_text("Workshop").startswith("1 Anliegen"), timeout=3000)
    board.add_card("Müll neben den Containern am Nordmarkt")
    qtbot.waitUntil(lambda: win.step_bar.status_text("Workshop").startswith("2 Anliegen"), timeout=3000)
    assert win.step_bar.current_step() == "Workshop"          # counted without changing the step


def test_reopening_returns_to_the_lab_and_step_last_used(qtbot, db):
    first = _add(db, "Erstes Labor", "Aplerbeck")
    second = _add(db, "Zweites Labor", "Mengede")
    win = MainWindow(db)
    qtbot.addWidget(win)
    assert win.current_lab().id == first                     # first start: the first lab of the list
    win.select_lab(second)
    win.select_step("Empfehlungen")
    win.close()
    again = MainWindow(db)
    qtbot.addWidget(again)
    assert again.current_lab().id == second
    assert again.step_bar.current_step() == "Empfehlungen"
    assert again.step_view("Empfehlungen") is not None


def test_a_deleted_last_lab_falls_back_to_the_first(qtbot, db, monkeypatch):
    from quartierslabor_app.qt import window_state

    first = _add(db, "Erstes Labor", "Aplerbeck")
    window_state.remember_place(9999, "Export")
    win = MainWindow(db)
    qtbot.addWidget(win)
    assert win.current_lab().id == first and win.step_bar.current_step() == "Export"
