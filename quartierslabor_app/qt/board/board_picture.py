"""Fotoprotokoll: the board of a lab as pictures, drawn exactly like the presentation window.

Used by the lab report (PDF page) and by ``quartierslabor export --board-png``; works without a
screen (offscreen Qt) when no application is running yet.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from ...core.board.service import BoardService
from ...core.errors import UserError
from ...core.lab_service import lab_title
from ...core.storage.database import Database
from .wall_paint import compose, groups_of, render_wall

DEFAULT_SIZE = QSize(1920, 1080)
#: the report's pictures have twice the pixels of the projector, for print
PRINT_SCALE = 2.0


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or an offscreen one (the command line has no window; a full
    QApplication, so that windows can still be opened later in the same process)."""
    app = QGuiApplication.instance()
    if app is None:
        app = QApplication(["quartierslabor", "-platform", "offscreen"])
    return app


def parse_size(text: str) -> QSize:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[x×X]\s*(\d{3,5})\s*", text or "")
    if not match or not (320 <= int(match.group(1)) <= 7680 and 240 <= int(match.group(2)) <= 4320):
        raise UserError(f"Die Größe „{text}“ ist keine Bildschirmgröße.",
                        hint="Breite x Höhe in Pixeln angeben, zum Beispiel --size 1920x1080 oder --size 1280x720.")
    return QSize(int(match.group(1)), int(match.group(2)))


def board_title(database: Database, lab_id: int) -> str:
    """The heading the presentation window shows: lab and district."""
    return lab_title(database, lab_id) or "Quartierslabor"


def board_images(database: Database, lab_id: int, size: QSize = DEFAULT_SIZE,
                 scale: float = 1.0) -> list[QImage]:
    """The board as the projector of ``size`` shows it: one picture per page (one if all cards fit)."""
    ensure_gui_application()
    snapshot = BoardService(database, lab_id, share_with_city=False).load_board()
    groups = groups_of(snapshot.clusters, snapshot.cards)
    title = board_title(database, lab_id)
    pages = compose(size, groups, title).layout.pages
    return [render_wall(groups, title, size, page=page, scale=scale) for page in range(pages)]


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def board_pngs_for_report(database: Database, lab_id: int, size: QSize = DEFAULT_SIZE) -> list[bytes]:
    """PNGs for the report's Fotoprotokoll pages (print resolution)."""
    return [png_bytes(image) for image in board_images(database, lab_id, size, PRINT_SCALE)]


def write_board_png(database: Database, lab_id: int, path: Path, size: QSize = DEFAULT_SIZE) -> list[Path]:
    """Write the picture to ``path`` (further pages beside it as NAME-2.png …); returns the files."""
    from ...core.reports.atomic import atomic_write

    written = []
    for number, image in enumerate(board_images(database, lab_id, size), start=1):
        target = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
        data = png_bytes(image)
        written.append(atomic_write(target, lambda tmp, data=data: Path(tmp).write_bytes(data)))
    return written

