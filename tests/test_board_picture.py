"""Fotoprotokoll: ``quartierslabor export --board-png`` and the report page draw the board with the
presentation window's own code; every card is on the picture."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from pypdf import PdfReader

from quartierslabor_app.cli.main import main
from quartierslabor_app.core.board.service import BoardService
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.qt.board.board_store import BoardStore
from quartierslabor_app.qt.board.presenter_window import PresenterWindow
from wall_data import dev_texts


@pytest.fixture(scope="module")
def lab_db(tmp_path_factory):
    """A lab with 80 clustered cards of the dev set (built once: clustering 80 cards takes a while)."""
    path = tmp_path_factory.mktemp("board") / "q.sqlite3"
    database = open_database(path)
    with database.session() as session:
        lab_id = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    service = BoardService(database, lab_id)
    texts = dev_texts()
    for k in range(80):
        service.add_card(texts[(k * 7) % len(texts)])
    yield path, database, lab_id
    database.dispose()


def test_board_png_is_the_presentation_window_at_that_size(qtbot, tmp_path, lab_db, capsys):
    path, database, lab_id = lab_db
    png = tmp_path / "pinnwand.png"
    assert main(["export", "--db", str(path), "--lab", "Nordstadt", "--board-png", str(png),
                 "--size", "1280x720"]) == 0
    assert f"Gespeichert: {png}" in capsys.readouterr().out
    assert not (tmp_path / "pinnwand-2.png").exists()          # 80 cards fit on one picture
    picture = QImage(str(png))
    assert (picture.width(), picture.height()) == (1280, 720)
    # the presentation window of the same size shows exactly this picture
    store = BoardStore()
    store.load(BoardService(database, lab_id).load_board())
    window = PresenterWindow(store, "Nordstadt – Innenstadt-Nord", lambda: ([], [], None))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    layout = window.board.wall_layout()
    assert layout.pages == 1 and len(layout.cards) == 80
    grabbed = window.grab().toImage().convertToFormat(picture.format())
    assert grabbed == picture


def test_more_cards_than_fit_go_onto_further_pictures(tmp_path, lab_db, capsys):
    path, _database, _lab = lab_db
    png = tmp_path / "klein.png"
    assert main(["export", "--db", str(path), "--lab", "Nordstadt", "--board-png", str(png),
                 "--size", "640x360"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "klein-2.png").exists() and "klein-2.png" in out


@pytest.mark.parametrize("args, says", [
    (["--board-png", "x.png", "--size", "groß"], "keine Bildschirmgröße"),
    (["--board-png", "x.jpg"], "muss auf „.png“ enden"),
])
def test_board_png_refusals(tmp_path, lab_db, capsys, args, says):
    path, _database, _lab = lab_db
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(["export", "--db", str(path), "--lab", "Nordstadt"] + args) == 2
    assert says in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_board_png_needs_one_lab(tmp_path, lab_db, capsys):
    path, _database, _lab = lab_db
    assert main(["export", "--db", str(path), "--compare", "--board-png", str(tmp_path / "x.png")]) == 2
    assert "--board-png gilt nur für ein Labor" in capsys.readouterr().err


def test_lab_report_has_the_fotoprotokoll_page(tmp_path, lab_db):
    path, _database, _lab = lab_db
    pdf = tmp_path / "bericht.pdf"
    assert main(["export", "--db", str(path), "--lab", "Nordstadt", "--pdf", str(pdf)]) == 0
    pages = PdfReader(str(pdf)).pages
    with_board = [p for p in pages if "Fotoprotokoll: die Pinnwand" in (p.extract_text() or "") and p.images]
    assert len(with_board) == 1
    images = with_board[0].images
    assert len(images) == 1
    # printed sharp: twice the pixels of a full-HD projector
    assert images[0].image.size == (3840, 2160)
