"""A start on the workshop builds the board only: the other steps' views (and their modules) come on first visit."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap

from quartierslabor_app.core import lab_service
from quartierslabor_app.core.board.service import BoardService
from quartierslabor_app.core.lab_service import LabValues
from quartierslabor_app.qt import window_state
from quartierslabor_app.qt.main_window import MainWindow
from quartierslabor_app.qt.steps import step_area


def _lab_with_cards(db, texts):
    lab_id = lab_service.create_lab(db, LabValues("Lazy Eving", "Eving", dt.date(2026, 3, 14),
                                                  "Bürgerhaus", 30)).id
    service = BoardService(db, lab_id)
    for text in texts:
        service.add_card(text)
    return lab_id


def _counting_views(monkeypatch) -> list[str]:
    created: list[str] = []
    real = step_area.create_step_view

    def counting(step, *args, **kwargs):
        created.append(step)
        return real(step, *args, **kwargs)

    monkeypatch.setattr(step_area, "create_step_view", counting)
    return created


def test_start_on_the_workshop_builds_only_the_board(qtbot, db, monkeypatch):
    lab_id = _lab_with_cards(db, ["Nachts laute Musik am Kiosk", "Müll neben den Containern am Nordmarkt"])
    window_state.remember_place(lab_id, "Workshop")
    created = _counting_views(monkeypatch)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    assert created == ["Workshop"]
    assert win.step_view("Export") is None and win.step_view("Empfehlungen") is None
    assert win.step_view("Einladung") is None
    # the step bar counts every step without its view
    assert win.step_bar.status_text("Workshop").startswith("2 Anliegen")
    assert win.step_bar.status_text("Einladung") != ""

    # the report view comes on its first visit, and works
    win.select_step("Export")
    export = win.step_view("Export")
    assert created == ["Workshop", "Export"]
    assert export is not None and win.step_stack.currentWidget() is export
    export.refresh()
    # back to the board: the kept view, not a new one
    board = win.step_view("Workshop")
    win.select_step("Workshop")
    assert win.step_view("Workshop") is board and created == ["Workshop", "Export"]


def test_ensure_step_view_creates_without_showing(qtbot, db, monkeypatch):
    lab_id = _lab_with_cards(db, ["Dunkle Unterführung am Bahnhof"])
    window_state.remember_place(lab_id, "Workshop")
    created = _counting_views(monkeypatch)
    win = MainWindow(db)
    qtbot.addWidget(win)
    recommendations = win.ensure_step_view("Empfehlungen")
    assert recommendations is not None and created == ["Workshop", "Empfehlungen"]
    assert win.step_bar.current_step() == "Workshop"
    assert win.step_stack.currentWidget() is win.step_view("Workshop")
    assert win.ensure_step_view("Empfehlungen") is recommendations           # created once
    win.select_step("Empfehlungen")
    assert win.step_stack.currentWidget() is recommendations and created == ["Workshop", "Empfehlungen"]


def test_no_view_without_a_lab(qtbot, db):
    win = MainWindow(db)
    qtbot.addWidget(win)
    assert win.current_lab() is None and win.ensure_step_view("Export") is None


LAUNCH = textwrap.dedent("""
    import json, sys
    from quartierslabor_app.qt.app import create_application
    from quartierslabor_app.core import lab_service
    from quartierslabor_app.core.storage.database import open_database
    from quartierslabor_app.qt import window_state
    from quartierslabor_app.qt.main_window import MainWindow
    app = create_application(language="de")
    database = open_database(sys.argv[1])
    lab = lab_service.create_lab(database, lab_service.LabValues("Start", "Eving", None, "Bürgerhaus", 30))
    window_state.remember_place(lab.id, "Workshop")
    window = MainWindow(database)
    window.show()
    app.processEvents()
    assert window.step_stack.currentWidget() is window.step_view("Workshop")
    print(json.dumps(sorted(sys.modules)))
""")


def test_a_start_on_the_workshop_imports_no_report_draw_or_wall_modules(tmp_path):
    """A new process (the modules a test session already imported would hide it): what the first screen loads."""
    done = subprocess.run([sys.executable, "-c", LAUNCH, str(tmp_path / "start.sqlite3")], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "quartierslabor_app.qt.board.workshop_view" in modules          # the check sees what is loaded
    for name in ("reportlab", "openpyxl", "quartierslabor_app.qt.reports.export_view",
                 "quartierslabor_app.qt.recommendations.recommendations_view",
                 "quartierslabor_app.qt.draw.invitation_view", "quartierslabor_app.qt.board.presenter_window",
                 "quartierslabor_app.core.reports"):
        assert name not in modules, name
