"""Ranked dot-vote results, painted as calm horizontal bars (board side panel and projector)."""
from __future__ import annotations

import math
from typing import Optional

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.board.palette import calm
from ...core import count_texts
from ...core.board.state import BudgetStatus, RankedItem
from .cluster_column import tint
from ..i18n import localized, translate

INK = QColor("#1d2a36")
MUTED = QColor("#6b7785")


# the projector shrinks its type at most to this share of the zoomed size, and never below this scale (the
# side panel's size), to list every topic; beyond that a "+N weitere Themen" line counts the rest
MIN_FIT_SHARE = 0.7
MIN_FIT_SCALE = 1.0
FIT_STEP = 0.93
UNLIMITED = float("inf")


class VoteResultsWidget(QWidget):
    """Shows clusters and the top cards by points; ``scale`` enlarges it for the projector.

    In the side panel (``fit_topics`` off) the widget is as tall as its content (``heightForWidth``) and sits in a
    scroll area. On the projector (``fit_topics`` on) it fills the page: every topic is listed at once, the card
    list giving way first, then the type down to a readable minimum, and only then a "+N" line counts the topics
    left out."""

    def __init__(self, parent: Optional[QWidget] = None, *, scale: float = 1.0, max_cards: int = 10,
                 fit_topics: bool = False) -> None:
        super().__init__(parent)
        self.max_cards = max_cards
        self.fit_topics = fit_topics
        self.clusters: list[RankedItem] = []
        self.cards: list[RankedItem] = []
        self.status: Optional[BudgetStatus] = None
        #: after a paint: the scale the page was drawn at and how many topics it could not list
        self.drawn_scale = scale
        self.hidden_topics = 0
        self._heights: dict[int, int] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(not fit_topics)
        self.setSizePolicy(policy)
        self.set_scale(scale)

    def set_scale(self, scale: float) -> None:
        """Type size (the projector follows its screen and the zoom keys)."""
        self.scale = scale
        self._use_scale(scale)
        self._changed()

    def _use_scale(self, scale: float) -> None:
        """The fonts and spacing painted with (the projector may paint smaller than ``scale`` to fit)."""
        self._s = scale
        self.title_font = QFont()
        self.title_font.setPointSizeF(15 * scale)
        self.title_font.setBold(True)
        self.row_font = QFont()
        self.row_font.setPointSizeF(10.5 * scale)
        self.small_font = QFont()
        self.small_font.setPointSizeF(9 * scale)

    def set_results(self, clusters: list[RankedItem], cards: list[RankedItem],
                    status: Optional[BudgetStatus] = None) -> None:
        self.clusters, self.cards, self.status = list(clusters), list(cards), status
        self._changed()

    def _changed(self) -> None:
        self._heights.clear()
        self.updateGeometry()
        self.update()

    def _row_h(self) -> int:
        return int(QFontMetrics(self.row_font).height() * 1.9)

    def sizeHint(self) -> QSize:
        rows = len(self.clusters) + min(len(self.cards), self.max_cards) + 6
        return QSize(int(360 * self.scale), rows * self._row_h())

    def heightForWidth(self, width: int) -> int:
        """The height that shows every row at ``width`` (the side panel scrolls through it)."""
        if self.fit_topics:
            return super().heightForWidth(width)
        if width not in self._heights:
            bottom = self._render(None, width, UNLIMITED, len(self.clusters))[1]
            self._heights[width] = math.ceil(bottom + 14 * self._s)
        return self._heights[width]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#fbfcfd"))
        shown = self._fit() if self.fit_topics else len(self.clusters)
        try:
            self._render(painter, self.width(), self.height(), shown)
        finally:
            self._use_scale(self.scale)

    def _topics_bottom(self, shown: int) -> float:
        return self._render(None, self.width(), UNLIMITED, shown, cards=False)[0]

    def _fit(self) -> int:
        """Projector: shrinks the type until every topic fits the page (the cards take what is left), down to
        a readable minimum; returns how many topics fit beside a "+N" line for the rest."""
        floor = min(self.scale, max(MIN_FIT_SCALE, self.scale * MIN_FIT_SHARE))
        scale = self.scale
        self._use_scale(scale)
        while self._topics_bottom(len(self.clusters)) > self.height() and scale > floor:
            scale = max(floor, scale * FIT_STEP)
            self._use_scale(scale)
        shown = len(self.clusters)
        while shown > 0 and self._topics_bottom(shown) > self.height():
            shown -= 1
        self.drawn_scale, self.hidden_topics = scale, len(self.clusters) - shown
        return shown

    def _render(self, painter: Optional[QPainter], total_width: float, height: float, shown: int,
                cards: bool = True) -> tuple[float, float]:
        """Draws the page (or, without ``painter``, only measures it) with the first ``shown`` topics; rows
        below ``height`` are left out. Returns the bottom of the topics and of the whole page."""
        s = self._s
        pad = 14 * s
        width = total_width - 2 * pad
        y = pad
        if painter is not None:
            painter.setPen(INK)
        # title and hints wrap in a narrow side panel instead of being cut off at the edge
        y += self._wrapped(painter, translate('VoteResultsWidget', 'Ergebnis der Punktabfrage'), self.title_font,
                           pad, y, width) + 4 * s
        if self.status is not None:
            sh = QFontMetrics(self.small_font).height()
            if painter is not None:
                painter.setFont(self.small_font)
                painter.setPen(QColor("#b33a36") if self.status.over else MUTED)
                painter.drawText(QRectF(pad, y, width, sh * 2), Qt.TextFlag.TextWordWrap, localized(self.status))
            y += sh * 2 + 4 * s
        if not self.clusters and not self.cards:
            if painter is not None:
                painter.setPen(MUTED)
            y += self._wrapped(painter, translate('VoteResultsWidget', 'Noch keine Punkte vergeben. Punktabfrage einschalten, Karte oder Thema anklicken oder Zahl 1–9 drücken.'),
                               self.row_font, pad, y, width)
            return y, y
        topics, more = self.clusters[:shown], len(self.clusters) - shown
        if width >= 2 * 380 * s:     # wide (projector): groups left, cards right
            half = (width - pad) / 2
            top = self._section(painter, translate('VoteResultsWidget', 'Themen'), topics, pad, y, half, height,
                                full_labels=True, more=more)
            if not cards:
                return top, top
            bottom = self._section(painter, translate('VoteResultsWidget', 'Karten'),
                                   self.cards[: self.max_cards * 2], pad * 2 + half, y, half, height)
            return top, max(top, bottom)
        top = self._section(painter, translate('VoteResultsWidget', 'Themen'), topics, pad, y, width, height,
                            full_labels=True, more=more)
        if not cards:
            return top, top
        bottom = self._section(painter, translate('VoteResultsWidget', 'Karten'), self.cards[: self.max_cards],
                               pad, top + 8 * s, width, height)
        return top, bottom

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

    def _wrapped(self, painter: Optional[QPainter], text: str, font: QFont, x: float, y: float,
                 width: float) -> int:
        height = self.text_height(text, font, width)
        if painter is None:
            return height
        painter.setFont(font)
        painter.drawText(QRectF(x, y, width, height), int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap), text)
        return height

    def _section(self, painter: Optional[QPainter], title: str, items: list[RankedItem], x: float, y: float,
                 width: float, height: float, *, full_labels: bool = False, more: int = 0) -> float:
        """One ranked list, rows below ``height`` left out; topic names (``full_labels``) wrap in full, card
        texts onto at most two lines; ``more`` topics not listed are counted in a last line. Returns its bottom."""
        s = self._s
        sh = QFontMetrics(self.small_font).height()
        row_h = self._row_h()
        # no heading cut off at the bottom edge of a short panel, nor one without a single row under it
        if y + sh + (row_h if items else 0) > height:
            return y
        if painter is not None:
            painter.setFont(self.small_font)
            painter.setPen(MUTED)
            painter.drawText(QRectF(x, y, width, sh), Qt.AlignmentFlag.AlignLeft, title.upper())
        y += sh + 2 * s
        if items:
            y = self._rows(painter, items, x, y, width, height, full_labels)
        if more:
            text = localized(count_texts.more_topics(more))
            line_h = max(row_h, self.text_height(text, self.row_font, width))
            if painter is not None and y + line_h <= height:
                painter.setFont(self.row_font)
                painter.setPen(MUTED)
                painter.drawText(QRectF(x, y, width, line_h),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                                 | int(Qt.TextFlag.TextWordWrap), text)
            y += line_h
        return y

    def _rows(self, painter: Optional[QPainter], items: list[RankedItem], x: float, y: float, width: float,
              height: float, full_labels: bool) -> float:
        s = self._s
        top = max(i.votes for i in items) or 1
        row_h = self._row_h()
        fm = QFontMetrics(self.row_font)
        rank_w = fm.horizontalAdvance("00.") + 6 * s
        num_w = fm.horizontalAdvance("000") + 6 * s
        # the names get what they need where the width allows; the bars keep at least a fifth of the width
        needed = max(fm.horizontalAdvance(i.label) for i in items) + 2 * s
        label_w = max(width * 0.58, min(needed, width * 0.8 - rank_w - num_w - 6 * s))
        bar_x = x + rank_w + label_w + 6 * s
        bar_w = max(10.0, width - (bar_x - x) - num_w)
        if painter is not None:
            painter.setFont(self.row_font)
        wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextWordWrap)
        for item in items:
            # a long name wraps onto further lines (the row grows) instead of ending in "…"
            label = item.label if full_labels else self._two_lines(item.label, label_w)
            h = max(row_h, self.text_height(label, self.row_font, label_w) + int(row_h * 0.4))
            if y + h > height:
                break
            if painter is not None:
                self._row(painter, item, label, x, y, h, rank_w, label_w, bar_x, bar_w, num_w, top, wrap)
            y += h
        return y

    def _row(self, painter: QPainter, item: RankedItem, label: str, x: float, y: float, h: float, rank_w: float,
             label_w: float, bar_x: float, bar_w: float, num_w: float, top: int, wrap: int) -> None:
        row_h = self._row_h()
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
