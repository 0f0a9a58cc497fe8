"""Draws the wall: a heading (lab, counts) and every card of :mod:`wall_layout`.

One drawing for the presentation window and for the Fotoprotokoll picture (:func:`render_wall`):
dark text on light cards, the whole text of every card.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from ...core import count_texts
from ...core.board.palette import calm, text_on
from ...core.board.state import CardState, ClusterState
from ...core.messages import QT_TRANSLATE_NOOP, Message
from .board_store import card_order
from .cluster_column import tint as column_tint
from .wall_layout import Group, WallLayout, layout_wall, wall_family
from ..i18n import localized, translate

BACKGROUND = QColor("#f4f6f8")
INK = QColor("#101820")
HEAD_INK = QColor("#101820")
MUTED = QColor("#3c4956")
FRESH = QColor("#fff4c2")
DOT = QColor("#c0392b")
#: type size range at 1080 lines (scaled with the height): the smallest stays readable at the back
MIN_PX_AT_1080, MAX_PX_AT_1080 = 18, 40


def tint(color: str, amount: float) -> QColor:
    return QColor(column_tint(color, amount))


def groups_of(clusters: Iterable[ClusterState], cards: Iterable[CardState]) -> list[Group]:
    """Topics in board order with their live cards in board order."""
    by_cluster: dict[int, list[CardState]] = {}
    for card in cards:
        if not card.deleted:
            by_cluster.setdefault(card.cluster_id, []).append(card)
    ordered = sorted(clusters, key=lambda c: (c.position, c.id))
    return [(c, sorted(by_cluster.get(c.id, []), key=card_order)) for c in ordered]


def summary_text(groups: Sequence[Group]) -> str:
    """"42 Anliegen in 7 Themen" in the UI language."""
    cards = sum(len(cards) for _, cards in groups)
    topics = sum(1 for _, cards in groups if cards)
    return localized(count_texts.concerns_in_topics(cards, topics))


@dataclass
class WallComposition:
    """A whole picture: heading and wall layout for one size."""

    size: QSize
    title: str
    summary: str
    heading: QRectF
    heading_px: int
    layout: WallLayout


def type_range(height: int, zoom: float = 1.0) -> tuple[int, int]:
    low = max(12, round(MIN_PX_AT_1080 * height / 1080 * zoom))
    return low, max(low, round(MAX_PX_AT_1080 * height / 1080 * zoom))


def compose(size: QSize, groups: Sequence[Group], title: str, *, zoom: float = 1.0, page: int = 0,
            hint_px: Optional[int] = None, summary: Optional[str] = None) -> WallComposition:
    w, h = size.width(), size.height()
    margin = max(6, round(h / 90))
    heading_px = max(14, round(h / 38))
    heading_h = QFontMetricsF(_heading_font(heading_px, True)).lineSpacing() + margin * 0.6
    heading = QRectF(margin, margin * 0.6, w - 2 * margin, heading_h)
    area = QRectF(margin, heading.bottom() + margin * 0.4, w - 2 * margin, h - heading.bottom() - margin * 1.4)
    low, high = type_range(h, zoom)
    layout = layout_wall(groups, area, min_px=low, max_px=high, page=page, hint_px=hint_px)
    return WallComposition(size, title, summary_text(groups) if summary is None else summary, heading,
                           heading_px, layout)


def _heading_font(px: int, bold: bool) -> QFont:
    font = QFont(wall_family())
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def paint(painter: QPainter, comp: WallComposition, *, hide_texts: bool = False,
          fresh_ids: frozenset[int] | set[int] = frozenset(), with_heading: bool = True) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, comp.size.width(), comp.size.height()), BACKGROUND)
    if with_heading:
        _paint_heading(painter, comp, hide_texts)
    _paint_wall(painter, comp.layout, hide_texts, fresh_ids)
    painter.restore()


def _paint_heading(painter: QPainter, comp: WallComposition, hide_texts: bool) -> None:
    summary = comp.summary
    if hide_texts:
        summary += translate('WallPaint', ' · Texte verborgen')
    small = _heading_font(round(comp.heading_px * 0.72), False)
    painter.setFont(small)
    painter.setPen(MUTED)
    summary_w = QFontMetricsF(small).horizontalAdvance(summary)
    painter.drawText(QRectF(comp.heading.right() - summary_w, comp.heading.top(), summary_w, comp.heading.height()),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, summary)
    big = _heading_font(comp.heading_px, True)
    painter.setFont(big)
    painter.setPen(HEAD_INK)
    room = comp.heading.width() - summary_w - comp.heading_px
    title = QFontMetricsF(big).elidedText(comp.title, Qt.TextElideMode.ElideRight, max(0.0, room))
    painter.drawText(QRectF(comp.heading.left(), comp.heading.top(), room, comp.heading.height()),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)


def _paint_wall(painter: QPainter, layout: WallLayout, hide_texts: bool, fresh_ids) -> None:
    m = layout.metrics
    radius = max(3.0, m.px * 0.3)
    for cluster, rect in layout.segments:
        color = calm(cluster.color)
        painter.setPen(Qt.PenStyle.NoPen)        # no lines near text: a reader (and OCR) sees blocks
        painter.setBrush(tint(color, 0.16))
        painter.drawRoundedRect(rect, radius, radius)
    for header in layout.headers:
        color = calm(header.cluster.color)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint(color, 0.35))
        painter.drawRoundedRect(header.rect, radius, radius)
        painter.fillRect(QRectF(header.rect.left(), header.rect.bottom() - max(2, m.px // 8),
                                header.rect.width(), max(2, m.px // 8)), QColor(color))
        painter.setFont(m.head_font)
        painter.setPen(HEAD_INK)
        y = header.rect.top() + m.pad
        for line in header.lines:
            painter.drawText(QPointF(header.rect.left() + m.pad, y + m.head_fm.ascent()), line)
            y += m.head_line
        badge_w = m.badge_width(header.count)
        badge = QRectF(header.rect.right() - m.pad - badge_w, header.rect.top() + m.pad, badge_w, m.head_line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawRoundedRect(badge, m.head_line / 2, m.head_line / 2)
        painter.setPen(QColor(text_on(color)))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(header.count))
    painter.setFont(m.text_font)
    for placed in layout.cards:
        card = placed.card
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(FRESH if card.id in fresh_ids else QColor("#ffffff"))
        painter.drawRoundedRect(placed.rect, radius * 0.7, radius * 0.7)
        x, y = placed.text_rect.left(), placed.text_rect.top()
        if hide_texts:
            painter.setBrush(QColor("#dfe4e9"))
            for i, _line in enumerate(placed.lines):
                frac = 0.45 + (card.id * 37 + i * 13) % 50 / 100.0
                painter.drawRoundedRect(QRectF(x, y + m.line * 0.25, placed.text_rect.width() * frac, m.line * 0.5),
                                        3, 3)
                y += m.line
        else:
            painter.setPen(INK)
            for line in placed.lines:
                painter.drawText(QPointF(x, y + m.text_fm.ascent()), line)
                y += m.line
        if card.votes:
            _paint_votes(painter, layout, placed)
    if layout.footer is not None:
        _paint_footer(painter, layout)


def _paint_votes(painter: QPainter, layout: WallLayout, placed) -> None:
    m = layout.metrics
    width = m.badge_width(placed.card.votes)
    badge = QRectF(placed.rect.right() - m.pad - width, placed.rect.top() + m.pad, width, m.line)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(DOT)
    painter.drawRoundedRect(badge, m.line / 2, m.line / 2)
    painter.setFont(m.head_font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(placed.card.votes))
    painter.setFont(m.text_font)


def more_text(layout: WallLayout) -> str:
    """"+12 weitere · Seite 1 von 2 (Bild↓)" in the UI language."""
    more = count_texts.more_cards(layout.not_shown)
    return localized(Message(QT_TRANSLATE_NOOP("WallPaint", "{more} · Seite {page} von {pages} (Bild↑/Bild↓)"),
                             more=more, page=layout.page + 1, pages=layout.pages))


def _paint_footer(painter: QPainter, layout: WallLayout) -> None:
    m = layout.metrics
    text = more_text(layout)
    width = m.head_fm.horizontalAdvance(text) + 2 * m.pad
    box = QRectF(layout.footer.right() - width, layout.footer.top(), width, layout.footer.height())
    painter.setPen(QPen(QColor("#b8860b"), 1.5))
    painter.setBrush(QColor("#fff4c2"))
    painter.drawRoundedRect(box, 4, 4)
    painter.setFont(m.head_font)
    painter.setPen(INK)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def render_wall(groups: Sequence[Group], title: str, size: QSize, *, page: int = 0, scale: float = 1.0) -> QImage:
    """The wall as a projector of ``size`` shows it, as a picture (Fotoprotokoll); ``scale`` > 1
    draws the same layout with more pixels (for print)."""
    image = QImage(QSize(round(size.width() * scale), round(size.height() * scale)), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    try:
        paint(painter, compose(size, groups, title, page=page))
    finally:
        painter.end()
    return image
