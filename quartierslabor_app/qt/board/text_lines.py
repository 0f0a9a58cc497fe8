"""Drawing lines of card text fast: each line laid out once (QStaticText) and drawn from then on.

The board and the projector wall repaint many cards for every new one; nearly every line on them was drawn
before, and drawing a prepared line costs far less than laying it out again.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QStaticText, QTransform

#: (font key, text) -> the prepared line
_LINES: dict[tuple[str, str], QStaticText] = {}
_LINES_MAX = 6000


def draw_line(painter: QPainter, x: float, top: float, text: str) -> None:
    """``text`` in the painter's font, its top-left at (``x``, ``top``): the baseline at ``top`` + ascent, where
    ``drawText(QPointF(x, top + ascent), text)`` puts it."""
    font = painter.font()
    key = (font.key(), text)
    line = _LINES.get(key)
    if line is None:
        if len(_LINES) > _LINES_MAX:
            _LINES.clear()
        line = _LINES[key] = QStaticText(text)
        line.setTextFormat(Qt.TextFormat.PlainText)      # a card is never markup
        line.prepare(QTransform(), font)
    painter.drawStaticText(QPointF(x, top), line)
