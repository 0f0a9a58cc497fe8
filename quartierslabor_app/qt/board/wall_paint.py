"""Draws the wall: a heading (lab, counts) and every card of :mod:`wall_layout`.

One drawing for the presentation window and for the Fotoprotokoll picture (:func:`render_wall`):
dark text on light cards, the whole text of every card.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QRegion

from ...core import count_texts
from ...core.board.palette import calm, text_on
from ...core.board.state import CardState, ClusterState
from ...core.messages import QT_TRANSLATE_NOOP, Message
from .board_store import card_order
from .text_lines import draw_line
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
          fresh_ids: frozenset[int] | set[int] = frozenset(), with_heading: bool = True,
          region: Optional[QRegion] = None) -> None:
    """The whole picture; with ``region`` (the part to repaint) only what lies in it is drawn."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, comp.size.width(), comp.size.height()) if region is None
                     else QRectF(region.boundingRect()), BACKGROUND)
    if with_heading and _touches(region, comp.heading):
        _paint_heading(painter, comp, hide_texts)
    _paint_wall(painter, comp.layout, hide_texts, fresh_ids, region)
    painter.restore()


def _touches(region: Optional[QRegion], rect: QRectF) -> bool:
    return region is None or region.intersects(rect.toAlignedRect().adjusted(-2, -2, 2, 2))


def changed_region(old: WallComposition, new: WallComposition, old_fresh=frozenset(),
                   new_fresh=frozenset()) -> Optional[QRegion]:
    """What differs between two pictures of the same size (None: everything, e.g. another type size or page):
    a new card repaints the heading, its topic's header and the cards that moved, not the whole wall."""
    a, b = old.layout, new.layout
    if old.size != new.size or (a.px, a.columns, a.page, a.pages) != (b.px, b.columns, b.page, b.pages) \
            or (a.footer is None) != (b.footer is None):
        return None
    region = QRegion()

    def add(rect: QRectF) -> None:
        nonlocal region
        region = region.united(rect.toAlignedRect().adjusted(-2, -2, 2, 2))

    def diff(before: dict, after: dict) -> None:
        for key in before.keys() | after.keys():
            if before.get(key) != after.get(key):
                for item in (before.get(key), after.get(key)):
                    if item is not None:
                        add(item[0])

    diff({p.card.id: (p.rect, p.lines, p.card.votes, p.color, p.card.id in old_fresh) for p in a.cards},
         {p.card.id: (p.rect, p.lines, p.card.votes, p.color, p.card.id in new_fresh) for p in b.cards})
    diff({(h.cluster.id, h.continued): (h.rect, h.lines, h.count, h.cluster.color) for h in a.headers},
         {(h.cluster.id, h.continued): (h.rect, h.lines, h.count, h.cluster.color) for h in b.headers})
    diff({(c.id, i): (r, c.color) for i, (c, r) in enumerate(a.segments)},
         {(c.id, i): (r, c.color) for i, (c, r) in enumerate(b.segments)})
    if (old.title, old.summary, old.heading) != (new.title, new.summary, new.heading):
        add(old.heading)
        add(new.heading)
    if b.footer is not None and (a.not_shown, a.footer) != (b.not_shown, b.footer):
        add(b.footer)
    return region


def fresh_region(comp: WallComposition, card_ids) -> QRegion:
    """Where the given cards lie in ``comp`` (to repaint their highlight)."""
    region = QRegion()
    for placed in comp.layout.cards:
        if placed.card.id in card_ids:
            region = region.united(placed.rect.toAlignedRect().adjusted(-2, -2, 2, 2))
    return region


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


def _paint_wall(painter: QPainter, layout: WallLayout, hide_texts: bool, fresh_ids,
                region: Optional[QRegion] = None) -> None:
    m = layout.metrics
    radius = max(3.0, m.px * 0.3)
    for cluster, rect in layout.segments:
        if not _touches(region, rect):
            continue
        color = calm(cluster.color)
        painter.setPen(Qt.PenStyle.NoPen)        # no lines near text: a reader (and OCR) sees blocks
        painter.setBrush(tint(color, 0.16))
        painter.drawRoundedRect(rect, radius, radius)
    for header in layout.headers:
        if not _touches(region, header.rect):
            continue
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
            draw_line(painter, header.rect.left() + m.pad, y, line)
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
        if not _touches(region, placed.rect):
            continue
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
                draw_line(painter, x, y, line)
                y += m.line
        if card.votes:
            _paint_votes(painter, layout, placed)
    if layout.footer is not None and _touches(region, layout.footer):
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
