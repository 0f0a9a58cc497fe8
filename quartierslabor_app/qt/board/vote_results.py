"""Ranked dot-vote results, painted as calm horizontal bars (board side panel and projector)."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.board.palette import calm
from ...core.board.state import BudgetStatus, RankedItem
from .cluster_column import tint
from ..i18n import localized, translate

INK = QColor("#1d2a36")
MUTED = QColor("#6b7785")


class VoteResultsWidget(QWidget):
    """Shows clusters and the top cards by points; ``scale`` enlarges it for the projector."""

    def __init__(self, parent: Optional[QWidget] = None, *, scale: float = 1.0, max_cards: int = 10) -> None:
        super().__init__(parent)
        self.max_cards = max_cards
        self.clusters: list[RankedItem] = []
        self.cards: list[RankedItem] = []
        self.status: Optional[BudgetStatus] = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.set_scale(scale)

    def set_scale(self, scale: float) -> None:
        """Type size (the projector follows its screen and the zoom keys)."""
        self.scale = scale
        self.title_font = QFont()
        self.title_font.setPointSizeF(15 * scale)
        self.title_font.setBold(True)
        self.row_font = QFont()
        self.row_font.setPointSizeF(10.5 * scale)
        self.small_font = QFont()
        self.small_font.setPointSizeF(9 * scale)
        self.updateGeometry()
        self.update()

    def set_results(self, clusters: list[RankedItem], cards: list[RankedItem],
                    status: Optional[BudgetStatus] = None) -> None:
        self.clusters, self.cards, self.status = list(clusters), list(cards), status
        self.updateGeometry()
        self.update()

    def _row_h(self) -> int:
        return int(QFontMetrics(self.row_font).height() * 1.9)

    def sizeHint(self) -> QSize:
        rows = len(self.clusters) + min(len(self.cards), self.max_cards) + 6
        return QSize(int(360 * self.scale), rows * self._row_h())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#fbfcfd"))
        pad = 14 * self.scale
        width = self.width() - 2 * pad
        y = pad
        painter.setPen(INK)
        # title and hints wrap in a narrow side panel instead of being cut off at the edge
        y += self._wrapped(painter, translate('VoteResultsWidget', 'Ergebnis der Punktabfrage'), self.title_font,
                           pad, y, width) + 4 * self.scale
        if self.status is not None:
            painter.setFont(self.small_font)
            painter.setPen(QColor("#b33a36") if self.status.over else MUTED)
            sh = QFontMetrics(self.small_font).height()
            painter.drawText(QRectF(pad, y, width, sh * 2), Qt.TextFlag.TextWordWrap, localized(self.status))
            y += sh * 2 + 4 * self.scale
        if not self.clusters and not self.cards:
            painter.setPen(MUTED)
            self._wrapped(painter, translate('VoteResultsWidget', 'Noch keine Punkte vergeben. Punktabfrage einschalten, Karte oder Thema anklicken oder Zahl 1–9 drücken.'),
                          self.row_font, pad, y, width)
            return
        if width >= 2 * 380 * self.scale:     # wide (projector): groups left, cards right
            half = (width - pad) / 2
            self._section(painter, translate('VoteResultsWidget', 'Themen'), self.clusters, pad, y, half,
                          full_labels=True)
            self._section(painter, translate('VoteResultsWidget', 'Karten'), self.cards[: self.max_cards * 2], pad * 2 + half, y, half)
            return
        y = self._section(painter, translate('VoteResultsWidget', 'Themen'), self.clusters, pad, y, width,
                          full_labels=True)
        y += 8 * self.scale
        self._section(painter, translate('VoteResultsWidget', 'Karten'), self.cards[: self.max_cards], pad, y, width)

    @staticmethod
    def text_height(text: str, font: QFont, width: float) -> int:
        """Height of ``text`` word-wrapped to ``width``."""
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        return QFontMetrics(font).boundingRect(0, 0, max(1, int(width)), 10_000, flags, text).height()

    def _two_lines(self, text: str, width: float) -> str:
        """``text`` if it fits on two wrapped lines of ``width``, else its longest start of whole words that
        does, with "…" (a long card text on the projector keeps room for the others)."""
        limit = self.text_height("Ág\nÁg", self.row_font, width) + 1
        if self.text_height(text, self.row_font, width) <= limit:
            return text
        words = text.split()
        low, high = 0, len(words)          # the longest prefix of ``low`` words fits
        while low < high:
            mid = (low + high + 1) // 2
            if self.text_height(" ".join(words[:mid]) + " …", self.row_font, width) <= limit:
                low = mid
            else:
                high = mid - 1
        if low == 0:                       # one very long word: cut it to the width
            return QFontMetrics(self.row_font).elidedText(text, Qt.TextElideMode.ElideRight, int(width))
        return " ".join(words[:low]) + " …"

    def _wrapped(self, painter: QPainter, text: str, font: QFont, x: float, y: float, width: float) -> int:
        height = self.text_height(text, font, width)
        painter.setFont(font)
        painter.drawText(QRectF(x, y, width, height), int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap), text)
        return height

    def _section(self, painter: QPainter, title: str, items: list[RankedItem], x: float, y: float,
                 width: float, *, full_labels: bool = False) -> float:
        """One ranked list; topic names (``full_labels``) wrap in full, card texts onto at most two lines."""
        painter.setFont(self.small_font)
        painter.setPen(MUTED)
        sh = QFontMetrics(self.small_font).height()
        if y + sh > self.height():      # no heading cut off at the bottom edge of a short panel
            return y
        painter.drawText(QRectF(x, y, width, sh), Qt.AlignmentFlag.AlignLeft, title.upper())
        y += sh + 2 * self.scale
        if not items:
            return y
        top = max(i.votes for i in items) or 1
        row_h = self._row_h()
        fm = QFontMetrics(self.row_font)
        rank_w = fm.horizontalAdvance("00.") + 6 * self.scale
        num_w = fm.horizontalAdvance("000") + 6 * self.scale
        # the names get what they need where the width allows; the bars keep at least a fifth of the width
        needed = max(fm.horizontalAdvance(i.label) for i in items) + 2 * self.scale
        label_w = max(width * 0.58, min(needed, width * 0.8 - rank_w - num_w - 6 * self.scale))
        bar_x = x + rank_w + label_w + 6 * self.scale
        bar_w = max(10.0, width - (bar_x - x) - num_w)
        painter.setFont(self.row_font)
        wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextWordWrap)
        for item in items:
            # a long name wraps onto further lines (the row grows) instead of ending in "…"
            label = item.label if full_labels else self._two_lines(item.label, label_w)
            h = max(row_h, self.text_height(label, self.row_font, label_w) + int(row_h * 0.4))
            if y + h > self.height():
                break
            painter.setPen(MUTED)
            painter.drawText(QRectF(x, y, rank_w, h), Qt.AlignmentFlag.AlignVCenter, f"{item.rank}.")
            painter.setPen(INK)
            painter.drawText(QRectF(x + rank_w, y, label_w, h), wrap, label)
            bar_y = y + (h - row_h * 0.56) / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(tint(calm(item.color), 0.25)))
            painter.drawRoundedRect(QRectF(bar_x, bar_y, bar_w, row_h * 0.56), 4, 4)
            painter.setBrush(QColor(calm(item.color)))
            painter.drawRoundedRect(QRectF(bar_x, bar_y, bar_w * item.votes / top, row_h * 0.56), 4, 4)
            painter.setPen(INK)
            painter.drawText(QRectF(bar_x + bar_w, y, num_w, h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, str(item.votes))
            y += h
        return y
