"""Paints a card like a paper card: white, coloured edge, wrapped text, place/table and dots.

Short texts wrap; a text longer than ``MAX_LINES`` lines ends in "…" (the whole text is in the
tooltip and the side panel), so that a laptop screen shows many cards at once.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from .card_model import CardRole
from .wall_layout import wrap_text
from ...core.board.table_tag import table_label
from ..i18n import localized, translate

INK = QColor("#22303c")
MUTED = QColor("#6b7785")
DOT = QColor("#d9534f")
HIGHLIGHT = QColor("#2f6fd6")
NEW_GLOW = QColor("#fff4c2")
#: lines of card text on the board; longer texts are elided
MAX_LINES = 3


class CardDelegate(QStyledItemDelegate):
    """Card painter; ``scale`` enlarges everything (presenter), ``hide_texts`` masks the text."""

    def __init__(self, parent=None, *, scale: float = 1.0, color: str = "#cccccc") -> None:
        super().__init__(parent)
        self.scale = scale
        self.color = QColor(color)
        self.hide_texts = False
        self.show_meta = True
        self.fresh_ids: set[int] = set()
        self._size_cache: dict[tuple, QSize] = {}
        base = QFont()
        self.text_font = QFont(base)
        self.text_font.setPointSizeF(10 * scale)
        self.meta_font = QFont(base)
        self.meta_font.setPointSizeF(8.5 * scale)
        self.pad = int(4 * scale)
        self.gap = int(2 * scale)
        self._fm = QFontMetricsF(self.text_font)
        self._widths: dict[str, float] = {}
        #: each card as painted, by everything its picture depends on: a new card makes its column (and the board,
        #: when it scrolls there) repaint many cards; copying a picture is far cheaper than painting the card again
        self._pictures: dict[tuple, QPixmap] = {}

    def set_color(self, color: str) -> None:
        self.color = QColor(color)

    def clear_cache(self) -> None:
        self._size_cache.clear()
        self._pictures.clear()

    # -- geometry -----------------------------------------------------------------------
    def _meta(self, card) -> str:
        if not self.show_meta:
            return ""
        parts = []
        if card.place:
            parts.append(translate('CardDelegate', 'Ort: {0}').format(card.place))
        if card.table_tag:
            parts.append(localized(table_label(card.table_tag)))
        return " · ".join(parts)

    def lines(self, text: str, width: int) -> list[str]:
        """The card's text as drawn: wrapped, at most MAX_LINES lines, the last one elided if cut."""
        lines = wrap_text(self._fm, text, width, self._widths)
        if len(lines) > MAX_LINES:
            rest = " ".join(lines[MAX_LINES - 1:])
            lines = lines[:MAX_LINES - 1] + [self._fm.elidedText(rest, Qt.TextElideMode.ElideRight, width - 1)]
        return lines

    def _text_width(self, width: int) -> int:
        return max(40, width - 2 * self.pad - int(6 * self.scale) - 2 * self.gap)

    def sizeHint(self, option, index) -> QSize:
        card = index.data(CardRole)
        width = option.widget.viewport().width() if option.widget is not None else 240
        return QSize(width, self.card_height(card, width))

    def card_height(self, card, width: int) -> int:
        """The height of ``card`` drawn ``width`` pixels wide."""
        key = (card, width, self.hide_texts, self.show_meta)
        cached = self._size_cache.get(key)
        if cached is not None:
            return cached
        tw = self._text_width(width)
        line_h = QFontMetrics(self.text_font).lineSpacing()
        text_h = line_h if self.hide_texts else line_h * len(self.lines(card.text, tw))
        height = 2 * self.pad + text_h + 2 * self.gap
        has_meta = self.show_meta and bool(card.place or card.table_tag)      # what _meta shows, unformatted
        if (has_meta and not self.hide_texts) or card.votes:
            height += QFontMetrics(self.meta_font).height() + self.gap
        if len(self._size_cache) > 5000:
            self._size_cache.clear()
        self._size_cache[key] = height
        return height

    # -- painting -----------------------------------------------------------------------
    PICTURES_MAX = 300

    def paint(self, painter: QPainter, option, index) -> None:
        card = index.data(CardRole)
        if card is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        ratio = painter.device().devicePixelRatioF()
        key = (card, rect.width(), rect.height(), selected, card.id in self.fresh_ids, self.hide_texts,
               self.show_meta, self.color.rgba(), ratio)
        picture = self._pictures.get(key)
        if picture is None:
            picture = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            local = QPainter(picture)
            try:
                self._paint_card(local, QRect(0, 0, rect.width(), rect.height()), card, selected)
            finally:
                local.end()
            if len(self._pictures) >= self.PICTURES_MAX:
                self._pictures.clear()
            self._pictures[key] = picture
        painter.drawPixmap(rect.topLeft(), picture)

    def _paint_card(self, painter: QPainter, rect: QRect, card, selected: bool) -> None:
        """The card in ``rect`` (of a fresh picture)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        outer = rect.adjusted(self.gap, self.gap, -self.gap, -self.gap)
        fill = NEW_GLOW if card.id in self.fresh_ids else QColor("#ffffff")
        painter.setPen(QPen(HIGHLIGHT if selected else QColor("#d5dbe1"), 2.5 * self.scale if selected else 1))
        painter.setBrush(fill)
        radius = 6 * self.scale
        painter.drawRoundedRect(QRectF(outer), radius, radius)
        stripe = QRectF(outer.left(), outer.top(), 6 * self.scale, outer.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color)
        painter.drawRoundedRect(stripe, radius / 2, radius / 2)

        left = outer.left() + int(6 * self.scale) + self.pad
        inner_w = self._text_width(rect.width())     # exactly the width sizeHint measured with
        y = outer.top() + self.pad
        if self.hide_texts:
            painter.setBrush(QColor("#e3e7eb"))
            line_h = QFontMetrics(self.text_font).height()
            frac = 0.45 + (card.id * 37 % 40) / 100.0     # varied bar lengths, stable per card
            painter.drawRoundedRect(QRectF(left, y + line_h * 0.2, inner_w * frac, line_h * 0.55), 3, 3)
            y += line_h
        else:
            painter.setPen(INK)
            painter.setFont(self.text_font)
            fm = painter.fontMetrics()
            for line in self.lines(card.text, inner_w):
                painter.drawText(QPointF(left, y + fm.ascent()), line)
                y += fm.lineSpacing()
        y += self.gap
        meta = "" if self.hide_texts else self._meta(card)
        meta_h = QFontMetrics(self.meta_font).height()
        if meta:
            painter.setPen(MUTED)
            painter.setFont(self.meta_font)
            painter.drawText(QRect(left, y, inner_w, meta_h), Qt.AlignmentFlag.AlignLeft, meta)
        if card.votes:
            self._paint_dots(painter, card.votes, outer.right() - self.pad, y, meta_h)
        if card.pinned:
            # a small drawing pin in the top right corner
            r = 4.0 * self.scale
            cx, cy = outer.right() - self.pad - r, outer.top() + self.pad * 0.5 + r
            painter.setPen(QPen(MUTED, 1.6 * self.scale))
            painter.drawLine(QPointF(cx, cy), QPointF(cx, cy + 2.6 * r))
            painter.setPen(QPen(INK, 1))
            painter.setBrush(QColor("#c0392b"))
            painter.drawEllipse(QPointF(cx, cy), r, r)
            painter.setBrush(QColor("#ffffff"))
            painter.drawEllipse(QPointF(cx - r * 0.3, cy - r * 0.3), r * 0.3, r * 0.3)
        painter.restore()

    def _paint_dots(self, painter: QPainter, votes: int, right: int, y: int, height: int) -> None:
        painter.setFont(self.meta_font)
        label = str(votes)
        fm = painter.fontMetrics()
        label_w = fm.horizontalAdvance(label)
        painter.setPen(DOT.darker(140))
        painter.drawText(QRect(right - label_w, y, label_w, height), Qt.AlignmentFlag.AlignRight, label)
        r = height * 0.28
        x = right - label_w - self.gap - 2 * r
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(DOT)
        for _ in range(min(votes, 10)):
            painter.drawEllipse(QRectF(x, y + height / 2 - r, 2 * r, 2 * r))
            x -= 2 * r + 2 * self.scale
