"""The step bar ("2 Workshop – 3 Anliegen · 2 Themen") and the board's status line count the same
things: cards not deleted, and topics holding at least one of them (an empty topic counts in neither)."""
from __future__ import annotations

import datetime as dt

from quartierslabor_app.core import lab_service
from quartierslabor_app.core.lab_service import LabValues
from quartierslabor_app.qt.main_window import MainWindow


def _status_pair(win, board) -> tuple[str, str]:
    return win.step_bar.status_text("Workshop"), board.status.text().split(" · ")[0]


def test_step_bar_and_status_line_count_the_same_topics(qtbot, db):
    lab_id = lab_service.create_lab(db, LabValues("Zählen Eving", "Eving", dt.date(2026, 3, 14), "", 30)).id
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.select_lab(lab_id)
    win.select_step("Workshop")
    board = win.step_view("Workshop")
    noise = board.add_card("Nachts laute Musik am Kiosk")
    board.add_card("Laute Musik nachts im Park")
    litter = board.add_card("Müll neben den Containern am Nordmarkt")
    store = board.controller.store
    topics = {c.cluster_id for c in store.cards.values()}
    assert len(topics) == 2                                   # noise and litter
    board.controller.create_cluster("Leeres Thema")           # a topic without cards
    assert len(store.clusters) == 3

    qtbot.waitUntil(lambda: _status_pair(win, board) == ("3 Anliegen · 2 Themen", "3 Anliegen in 2 Themen"),
                    timeout=3000)

    board.controller.delete_card(litter.id)                 # its topic is empty now
    qtbot.waitUntil(lambda: _status_pair(win, board) == ("2 Anliegen · 1 Thema", "2 Anliegen in 1 Thema"),
                    timeout=3000)
