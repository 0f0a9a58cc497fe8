"""Fotoprotokoll in the lab report: the board as the projector showed it, one page per picture.

The pictures come in as PNG bytes (rendered by the Qt layer with the presentation window's own
drawing); this module only places them, turned to fill an A4 page in landscape direction.
"""
from __future__ import annotations

from io import BytesIO
from typing import Sequence

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, PageBreak

from .. import count_texts
from .pdf_layout import heading, para


class TurnedImage(Flowable):
    """A picture turned by 90° (its top to the page's left edge), as large as the frame allows."""

    def __init__(self, png: bytes) -> None:
        super().__init__()
        self.reader = ImageReader(BytesIO(png))
        self.pixels = self.reader.getSize()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self.pixels
        # turned: the picture's width runs up the page
        factor = min(avail_height / w, avail_width / h)
        self.draw_w, self.draw_h = w * factor, h * factor
        return self.draw_h, self.draw_w

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.translate(self.draw_h, 0)
        canvas.rotate(90)
        canvas.drawImage(self.reader, 0, 0, width=self.draw_w, height=self.draw_h)
        canvas.restoreState()


def board_pages(pictures: Sequence[bytes]) -> list:
    """A section "Fotoprotokoll" with each picture on a page of its own (nothing without pictures)."""
    if not pictures:
        return []
    story: list = [PageBreak(), heading("Fotoprotokoll: die Pinnwand"),
                   para("So hat die Präsentation die Anliegen am Ende des Workshops gezeigt"
                        + (f" ({count_texts.pages(len(pictures))})." if len(pictures) > 1 else ".")
                        + " Die Seite ist gedreht: oben ist links.", "Small")]
    story += [TurnedImage(picture) for picture in pictures]   # each on a page of its own: it fills one
    return story
