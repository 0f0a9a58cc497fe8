"""Screenshots of every main view and dialog with realistic data, for a "look at what users see" review.

    .venv/bin/python benchmarks/ui_screenshots.py [--out DIR] [--sizes 1280x720,1920x1080]
        [--languages de,en] [--no-pdf]

Data: the first-start demo (synthetic register, drawn, replies and attendance marked, panel selected) and
two example labs (40 and 60 cards, recommendations) for the board, Empfehlungen and the comparison.
Writes, per language and window size: the main window on every step (Einladung with attendance, the draw
wizard's pages, the Workshop board with a card selected and its reason, dot vote mode and its results,
Empfehlungen, Export and the comparison), the presentation wall and its results page, the panel dialog
(before, after a selection, replacing drop-outs of an older lab, and its result), the letter, lab, card,
split and dot budget dialogs, the settings dialog's tabs, the error and database problem dialogs; and the
lab report and comparison PDFs as PNG pages (pdftoppm -r 60).
Each size runs in its own process on an offscreen screen of that size (Qt's offscreen platform with a
screen configuration), so that windows and dialogs size themselves as on such a screen. Prints each file.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))


class Shots:
    def __init__(self, app, out: Path) -> None:
        self.app, self.out, self.written = app, out, []

    def settle(self, rounds: int = 6) -> None:
        for _ in range(rounds):
            self.app.processEvents()
            time.sleep(0.01)

    def wait(self, condition, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("screenshot setup waited too long")
            self.app.processEvents()
            time.sleep(0.02)
        self.settle()

    def wait_task(self, task) -> None:
        if task is not None:
            self.wait(lambda: task.finished)

    def save(self, widget, name: str) -> None:
        self.settle()
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        self.written.append(path)
        print(path, flush=True)


def build_data(database, tmp: Path) -> dict:
    """The demo lab (drawn, replies, attendance, panel), an older lab without recorded quotas, two example labs."""
    import datetime as dt

    from sqlalchemy import select

    from quartierslabor_app.core.draw import DrawSettings, run_draw, save_draw
    from quartierslabor_app.core.labs import create_lab
    from quartierslabor_app.core.reports.example_data import create_example_lab
    from quartierslabor_app.core.selection.panel.lab_panel import run_lab_panel
    from quartierslabor_app.core.storage.models import Invitee, Lab
    from quartierslabor_app.qt.labs.demo_setup import create_demo
    from test_draw_support import random_register

    demo = create_demo(database, n_rows=3000)
    register = random_register(4000, seed=11, districts=("Eving",), subdistricts=True)
    with database.session() as s:
        lab = s.get(Lab, demo.lab_id)
        save_draw(s, lab, register, run_draw(register, DrawSettings(size=200), "Beispiel"), user="Demo")
        invitees = s.scalars(select(Invitee).where(Invitee.lab_id == lab.id).order_by(Invitee.draw_order)).all()
        for i, inv in enumerate(invitees):
            inv.reply = ["zugesagt", "zugesagt", "zugesagt", "abgesagt", "zugesagt", "offen", "unzustellbar"][i % 7] if i < 170 else "offen"
    run_lab_panel(database, demo.lab_id, "Beispiel Panel")
    with database.session() as s:
        chosen = s.scalars(select(Invitee).where(Invitee.lab_id == demo.lab_id, Invitee.selected.is_(True))).all()
        for i, inv in enumerate(chosen):
            inv.attended = i % 5 != 0
        chosen[0].reply = "abgesagt"
        s.get(Lab, demo.lab_id).walk_ins = 3
        older = create_lab(s, "Quartierslabor Mengede 2023", "Mengede", dt.date(2023, 9, 16), capacity=12)
        small = random_register(2500, seed=8, districts=("Mengede",))
        save_draw(s, older, small, run_draw(small, DrawSettings(size=80), "Mengede"), user="Demo")
        for inv in s.scalars(select(Invitee).where(Invitee.lab_id == older.id)).all()[:50]:
            inv.reply = "zugesagt"
        older_id = older.id
    run_lab_panel(database, older_id, "Lotto 1")
    with database.session() as s:
        lab = s.get(Lab, older_id)
        label, text = lab.notes.split(": ", 1)
        audit = {k: v for k, v in json.loads(text).items() if k not in ("quotas", "quotas_source")}
        lab.notes = f"{label}: {json.dumps(audit)}"          # as an older version wrote it
        s.scalars(select(Invitee).where(Invitee.lab_id == older_id, Invitee.selected.is_(True))).first().reply = \
            "abgesagt"
        board = create_example_lab(s, "Quartierslabor Nordstadt", cards=40).id
        before = create_example_lab(s, "Quartierslabor Nordstadt 2024", date=dt.date(2024, 5, 4), cards=60,
                                    seed=7, tricky=False, long_card=False).id
    return {"demo": demo.lab_id, "register": demo.register_path, "older": older_id, "board": board,
            "before": before}


def shoot_main_window(shots: Shots, database, data: dict, tag: str, size: tuple[int, int]) -> None:
    from quartierslabor_app.core.labs import LIFECYCLE_STEPS
    from quartierslabor_app.qt.draw.letter_dialog import LetterDialog
    from quartierslabor_app.qt.labs.lab_dialog import LabDialog
    from quartierslabor_app.qt.main_window import MainWindow

    win = MainWindow(database)
    win.resize(*size)
    win.show()
    win.reload_labs(select_id=data["demo"])
    shots.settle()
    win.select_step("Einladung")
    shots.save(win, f"main-einladung-{tag}")
    view = win.step_view("Einladung")
    wizard = view.open_wizard()
    wizard.show()
    shots.save(wizard, f"wizard-1-file-{tag}")
    wizard.next()
    shots.wait_task(wizard.file_page.task)
    shots.save(wizard, f"wizard-2-mapping-{tag}")
    wizard.next()
    shots.wait_task(wizard.validation_page.task)
    shots.save(wizard, f"wizard-3-validation-{tag}")
    wizard.next()
    shots.save(wizard, f"wizard-4-settings-{tag}")
    wizard.settings_page.seed_edit.setText("Beispiel")
    wizard.next()
    shots.save(wizard, f"wizard-5-run-{tag}")
    wizard.reject()
    shots.settle()
    letters = LetterDialog(database, view.lab(), view)
    letters.show()
    shots.save(letters, f"letter-{tag}")
    letters.reject()
    lab_dialog = LabDialog(lambda values: None, lab=view.lab(), parent=win)
    lab_dialog.show()
    shots.save(lab_dialog, f"lab-dialog-{tag}")
    lab_dialog.reject()

    win.reload_labs(select_id=data["board"])
    win.select_step("Workshop")
    board_view = win.step_view("Workshop")
    shots.wait(lambda: board_view.clusterer_loader.ready_now)
    column = max(board_view.board.columns.values(), key=lambda c: c.model.rowCount())
    board_view.board.select_card(column.model.cards()[0].id)
    shots.save(win, f"main-workshop-{tag}")
    win.set_lab_list_visible(False)
    shots.save(win, f"main-workshop-nolist-{tag}")
    board_view.dot_vote.set_on(True)
    shots.save(win, f"main-workshop-vote-{tag}")
    board_view.dot_vote.set_on(False)
    shoot_board_dialogs(shots, board_view, tag)
    win.set_lab_list_visible(True)
    presenter = board_view.presentation.open(fullscreen=False)
    presenter.resize(*size)
    shots.save(presenter, f"presenter-wall-{tag}")
    board_view.presentation.show_results(True)
    shots.save(presenter, f"presenter-results-{tag}")
    board_view.presentation.show_results(False)
    board_view.presentation.close()
    for step in LIFECYCLE_STEPS[2:]:
        win.select_step(step)
        shots.save(win, f"main-{step.lower()}-{tag}")
    comparison = win.open_comparison()                  # as "Labore vergleichen" opens it
    shots.save(comparison, f"comparison-{tag}")
    comparison.close()
    win.close()
    win.deleteLater()
    shots.settle()


def shoot_board_dialogs(shots: Shots, board_view, tag: str) -> None:
    """The card editor, the split dialog of the fullest topic and the dot budget."""
    from quartierslabor_app.qt.board.dialogs import BudgetDialog, EditCardDialog, SplitDialog

    column = max(board_view.board.columns.values(), key=lambda c: c.model.rowCount())
    cards = column.model.cards()
    cluster = board_view.controller.store.clusters[cards[0].cluster_id]
    for dialog, name in ((EditCardDialog(cards[0], board_view), "card-edit"),
                         (SplitDialog(cluster.name, cards, [c.id for c in cards[:3]], board_view), "split"),
                         (BudgetDialog(board_view.service.vote_budget(), board_view), "budget")):
        dialog.show()
        shots.save(dialog, f"{name}-{tag}")
        dialog.reject()


def shoot_dialogs(shots: Shots, database, data: dict, tag: str) -> None:
    from sqlalchemy import select

    from quartierslabor_app.core.storage.database import DatabaseError, open_database
    from quartierslabor_app.core.storage.models import Invitee
    from quartierslabor_app.qt import error_dialog
    from quartierslabor_app.qt.draw.panel_dialog import PanelDialog
    from quartierslabor_app.qt.settings.settings_dialog import SettingsDialog
    from quartierslabor_app.qt.widgets.database_problem_dialog import DatabaseProblemDialog

    with database.session() as s:      # one more panel member declines: something to replace each time
        member = s.scalars(select(Invitee).where(Invitee.lab_id == data["older"], Invitee.selected.is_(True),
                                                 Invitee.reply == "zugesagt")).first()
        member.reply = "abgesagt"
    for lab, seats, replace, seed, name in ((data["older"], 12, True, "Lotto 2", "panel-replace-older"),
                                            (data["demo"], 40, False, "Würfel 3 5 2", "panel")):
        dialog = PanelDialog(database, lab, seats, replace_dropouts=replace)
        dialog.show()
        shots.save(dialog, f"{name}-{tag}")
        dialog.seed_edit.setText(seed)
        shots.wait_task(dialog.start())
        shots.save(dialog, f"{name}-result-{tag}")
        dialog.reject()

    settings = SettingsDialog(database)
    settings.show()
    for i in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(i)
        shots.save(settings, f"settings-{i}-{tag}")
    settings.reject()

    try:
        {}["fehlt"]
    except KeyError as exc:
        dialog = error_dialog.show_exception_dialog(exc, context="Export")
    shots.save(dialog, f"error-{tag}")
    dialog.accept()
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "labor-20260101-sicherung.sqlite3"
        open_database(backup).dispose()
        error = DatabaseError("Die Datenbank ist beschädigt.", file="labor.sqlite3")
        for backups, name in (([backup], "backup"), ([], "nobackup")):
            dialog = DatabaseProblemDialog(error, backups, Path(tmp) / "labor.sqlite3")
            dialog.show()
            shots.save(dialog, f"database-problem-{name}-{tag}")
            dialog.reject()


def shoot_pdfs(shots: Shots, database, data: dict) -> None:
    from quartierslabor_app.core.reports.comparison_data import build_comparison
    from quartierslabor_app.core.reports.comparison_pdf import write_comparison_pdf
    from quartierslabor_app.core.reports.lab_data import build_lab_report
    from quartierslabor_app.core.reports.lab_pdf import write_lab_pdf
    from quartierslabor_app.core.storage.models import Lab

    with database.session() as s:
        lab_report = build_lab_report(s, s.get(Lab, data["board"]))
        comparison = build_comparison(s)
    pdfs = [write_lab_pdf(shots.out / "report-lab.pdf", lab_report),
            write_comparison_pdf(shots.out / "report-comparison.pdf", comparison)]
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: PDFs written, not rendered")
        return
    for pdf in pdfs:
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(pdf.with_suffix(""))], check=True)
        for page in sorted(shots.out.glob(pdf.stem + "-*.png")):
            print(page)


def per_screen(args) -> int:
    """One run per window size on an offscreen screen of that size: dialogs fit themselves to the screen."""
    with tempfile.TemporaryDirectory() as tmp:
        for k, size in enumerate(args.sizes.split(",")):
            w, h = (int(v) for v in size.split("x"))
            config = Path(tmp) / f"screen-{size}.json"
            config.write_text(json.dumps({"screens": [{"name": "Screen", "x": 0, "y": 0, "width": w, "height": h,
                                                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
            command = [sys.executable, __file__, "--on-screen", "--out", args.out, "--sizes", size,
                       "--languages", args.languages]
            if args.no_pdf or k > 0:
                command.append("--no-pdf")
            done = subprocess.run(command, env=env)
            if done.returncode:
                return done.returncode
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "screenshots" / "ui"))
    parser.add_argument("--sizes", default="1280x720,1920x1080")
    parser.add_argument("--languages", default="de,en")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--on-screen", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if not args.on_screen:
        return per_screen(args)
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["QUARTIERSLABOR_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "platform")
        from PySide6.QtWidgets import QApplication, QMessageBox

        from quartierslabor_app.core.storage.database import open_database
        from quartierslabor_app.qt import i18n

        app = QApplication.instance() or QApplication([])
        for name in ("warning", "critical", "information", "question"):   # never block on a modal box
            setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
        shots = Shots(app, out)
        database = open_database(Path(tmp) / "shots.sqlite3")
        data = build_data(database, Path(tmp))
        for language in args.languages.split(","):
            i18n.install_translators(app, language)
            for w, h in sizes:
                shoot_main_window(shots, database, data, f"{w}x{h}-{language}", (w, h))
                shoot_dialogs(shots, database, data, f"{w}x{h}-{language}")
        if not args.no_pdf:
            shoot_pdfs(shots, database, data)
        database.dispose()
    print(f"{len(shots.written)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
