"""Paints a card like a paper card: white, coloured edge, wrapped text, place/table and dots."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from .card_model import CardRole
from ..i18n import translate

INK = QColor("#22303c")
MUTED = QColor("#6b7785")
DOT = QColor("#d9534f")
HIGHLIGHT = QColor("#2f6fd6")
NEW_GLOW = QColor("#fff4c2")


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
        self.text_font.setPointSizeF(10.5 * scale)
        self.meta_font = QFont(base)
        self.meta_font.setPointSizeF(8.5 * scale)
        self.pad = int(8 * scale)
        self.gap = int(4 * scale)

    def set_color(self, color: str) -> None:
        self.color = QColor(color)

    def clear_cache(self) -> None:
        self._size_cache.clear()

    # -- geometry -----------------------------------------------------------------------
    def _meta(self, card) -> str:
        if not self.show_meta:
            return ""
        parts = []
        if card.place:
            parts.append(translate('CardDelegate', 'Ort: {0}').format(card.place))
        if card.table_tag:
            parts.append(translate('CardDelegate', 'Tisch {0}').format(card.table_tag))
        return " · ".join(parts)

    def _text_width(self, width: int) -> int:
        return max(40, width - 2 * self.pad - int(6 * self.scale) - 2 * self.gap)

    def sizeHint(self, option, index) -> QSize:
        card = index.data(CardRole)
        width = option.widget.viewport().width() if option.widget is not None else 240
        key = (card.id, card.text, self._meta(card), bool(card.votes), width, self.hide_texts)
        cached = self._size_cache.get(key)
        if cached is not None:
            return cached
        tw = self._text_width(width)
        if self.hide_texts:
            text_h = QFontMetrics(self.text_font).height()
        else:
            text_h = QFontMetrics(self.text_font).boundingRect(QRect(0, 0, tw, 100000),
                                                               Qt.TextFlag.TextWordWrap, card.text).height()
        height = 2 * self.pad + text_h + 2 * self.gap
        meta = self._meta(card)
        if (meta or card.votes) and not self.hide_texts:
            height += QFontMetrics(self.meta_font).height() + self.gap
        elif card.votes:
            height += QFontMetrics(self.meta_font).height() + self.gap
        size = QSize(width, height)
        if len(self._size_cache) > 5000:
            self._size_cache.clear()
        self._size_cache[key] = size
        return size

    # -- painting -----------------------------------------------------------------------
    def paint(self, painter: QPainter, option, index) -> None:
        card = index.data(CardRole)
        if card is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        outer = option.rect.adjusted(self.gap, self.gap, -self.gap, -self.gap)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
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
        inner_w = self._text_width(option.rect.width())     # exactly the width sizeHint measured with
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
            text_rect = QRect(left, y, inner_w, 100000)
            bounds = painter.fontMetrics().boundingRect(text_rect, Qt.TextFlag.TextWordWrap, card.text)
            painter.drawText(QRect(left, y, inner_w, bounds.height()), Qt.TextFlag.TextWordWrap, card.text)
            y += bounds.height()
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
