"""Screenshots of the workshop board and the presentation window for review (issue 8).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/board_screenshots.py [--out DIR]

Writes, in German and English: the presentation window with 80 cards at 1280x720 and 120 cards at
1920x1080, and the main window on the workshop step (lab list hidden) at 1280x720 and 1920x1080
with 45 cards. Prints each file and, for the presentation, the type size and whether every card
fits on one page.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))


def settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["QUARTIERSLABOR_DATA_DIR"] = str(Path(tmp) / "data")
        from PySide6.QtWidgets import QApplication

        from quartierslabor_app.core import count_texts
        from quartierslabor_app.core.board.service import BoardService
        from quartierslabor_app.core.board.state import BoardSnapshot
        from quartierslabor_app.core.labs import create_lab
        from quartierslabor_app.core.storage.database import open_database
        from quartierslabor_app.qt import i18n
        from quartierslabor_app.qt.i18n import localized
        from quartierslabor_app.qt.board.board_store import BoardStore
        from quartierslabor_app.qt.board.presenter_window import PresenterWindow
        from quartierslabor_app.qt.main_window import MainWindow
        from wall_data import dev_texts, wall_board

        app = QApplication.instance() or QApplication([])
        database = open_database(Path(tmp) / "shots.sqlite3")
        with database.session() as session:
            lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
        service = BoardService(database, lab)
        texts = dev_texts()
        for k in range(45):
            service.add_card(texts[(k * 7) % len(texts)], place="Nordmarkt" if k % 9 == 0 else "")
        for language in ("de", "en"):
            i18n.install_translators(app, language)
            for n_cards, (w, h) in ((80, (1280, 720)), (120, (1920, 1080))):
                clusters, cards = wall_board(n_cards)
                store = BoardStore()
                store.load(BoardSnapshot(clusters=clusters, cards=cards))
                window = PresenterWindow(store, "Nordstadt – Innenstadt-Nord", lambda: ([], [], None))
                window.resize(w, h)
                window.show()
                settle(app)
                layout = window.board.wall_layout()
                path = out / f"presenter-{n_cards}-{w}x{h}-{language}.png"
                window.grab().save(str(path))
                print(f"{path}: {layout.shown}/{layout.total} cards, {layout.px} px type, {layout.columns} columns, "
                      f"{localized(count_texts.pages(layout.pages))}")
                window.close()
                window.deleteLater()
            for w, h in ((1280, 720), (1920, 1080)):
                win = MainWindow(database)
                win.resize(w, h)
                win.show()
                win.reload_labs(select_id=lab)
                win.select_step("Workshop")
                win.set_lab_list_visible(False)
                settle(app)
                view = win.step_view("Workshop")
                column = next(c for c in view.board.columns.values() if c.model.rowCount())
                view.board.select_card(column.model.cards()[0].id)
                settle(app)
                path = out / f"board-{w}x{h}-{language}.png"
                win.grab().save(str(path))
                print(path)
                win.close()
                win.deleteLater()
                settle(app)
        database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
