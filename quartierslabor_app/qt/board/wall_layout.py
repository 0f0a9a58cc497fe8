"""Geometry of the board as a wall (projector and Fotoprotokoll): every card with its whole text.

The topics flow like newspaper columns: a topic's header, then its cards one under the other;
where a column is full the topic goes on at the top of the next column under a short
continuation header. :func:`layout_wall` picks the largest type (whole pixels, between
``min_px`` and ``max_px``) and the number of columns at which every card fits; only when even
``min_px`` is too large do the cards go onto pages ("+N weitere").

Text is broken into lines here (at word boundaries, a word longer than a line at any letter) with
the font's real advances, and the painter draws exactly these lines: nothing is ever elided.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

from ...core.board.state import CardState, ClusterState
from ...core.paths import resource_path

#: one topic on the wall: its state and its cards in board order
Group = tuple[ClusterState, Sequence[CardState]]

FAMILY_FALLBACK = "DejaVu Sans"
#: card width in multiples of the type size: about 20 to 40 letters a line
MIN_CARD_EMS, MAX_CARD_EMS, GOOD_CARD_EMS = 9.0, 24.0, 15.0
#: no card is taller than this share of a column
MAX_CARD_SHARE = 0.45
#: room between columns: wide enough that a reader (and OCR) keeps the columns apart
COLUMN_GAP_EMS = 1.0
COLUMN_GAP_MIN_PX = 18


@lru_cache(maxsize=1)
def wall_family() -> str:
    """The bundled DejaVu Sans (the same letters on every machine and in every picture)."""
    family = FAMILY_FALLBACK
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    return family


class WallMetrics:
    """Fonts and spacing for one type size ``px`` (pixels), with cached word widths."""

    _cache: dict[int, "WallMetrics"] = {}

    def __init__(self, px: int) -> None:
        self.px = px
        self.text_font = QFont(wall_family())
        self.text_font.setPixelSize(px)
        self.head_font = QFont(self.text_font)
        self.head_font.setBold(True)
        self.text_fm = QFontMetricsF(self.text_font)
        self.head_fm = QFontMetricsF(self.head_font)
        self.line = self.text_fm.lineSpacing()
        self.head_line = self.head_fm.lineSpacing()
        self.pad = max(3, round(0.35 * px))
        self.stripe = 0                    # no coloured edge: the topic's tint frames its cards
        self.card_gap = max(2, round(0.25 * px))
        self.column_gap = max(COLUMN_GAP_MIN_PX, round(COLUMN_GAP_EMS * px))
        self.topic_gap = max(4, round(0.45 * px))
        self._words: dict[str, float] = {}
        self._head_words: dict[str, float] = {}
        self._longest: dict[str, float] = {}
        self._head_longest: dict[str, float] = {}
        self._wrapped: dict[tuple, list[str]] = {}

    @classmethod
    def of(cls, px: int) -> "WallMetrics":
        metrics = cls._cache.get(px)
        if metrics is None:
            metrics = cls._cache[px] = cls(px)
        return metrics

    def _advance(self, piece: str, head: bool) -> float:
        cache = self._head_words if head else self._words
        w = cache.get(piece)
        if w is None:
            w = cache[piece] = (self.head_fm if head else self.text_fm).horizontalAdvance(piece)
        return w

    def longest_word(self, texts: Sequence[str], head: bool = False) -> float:
        """The widest piece of ``texts`` that a line cannot break."""
        cache = self._head_longest if head else self._longest
        widest = 0.0
        for text in texts:
            w = cache.get(text)
            if w is None:
                w = cache[text] = max((self._advance(piece, head) for piece, _ in pieces(text)), default=0.0)
            if w > widest:
                widest = w
        return widest

    def badge_width(self, number: int) -> float:
        return self.head_fm.horizontalAdvance(str(number)) + 2 * self.pad

    def wrap(self, text: str, width: float, head: bool = False, first_width: Optional[float] = None) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (see :func:`wrap_text`); remembered."""
        key = (text, round(width, 1), head, None if first_width is None else round(first_width, 1))
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > 20000:
                self._wrapped.clear()
            if head:
                lines = wrap_text(self.head_fm, text, width, self._head_words, first_width)
            else:
                lines = wrap_text(self.text_fm, text, width, self._words, first_width)
            self._wrapped[key] = lines
        return list(lines)


def wrap_text(fm: QFontMetricsF, text: str, width: float, cache: Optional[dict[str, float]] = None,
              first_width: Optional[float] = None) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (the first no wider than ``first_width``;
    never cut short): at spaces, after "/" and "-", and only a piece longer than a whole line at any
    letter. ``cache`` keeps the advances of pieces measured before (for one font)."""
    cache = {} if cache is None else cache
    space = cache.get(" ")
    if space is None:
        space = cache[" "] = fm.horizontalAdvance(" ")
    width -= 1.0                       # room for kerning between pieces measured apart
    first = width if first_width is None else min(width, first_width - 1.0)
    lines: list[str] = []
    current, current_w = "", 0.0
    for piece, joined in pieces(text):
        w = cache.get(piece)
        if w is None:
            w = cache[piece] = fm.horizontalAdvance(piece)
        gap = 0.0 if joined else space
        if current and current_w + gap + w <= (width if lines else first):
            current, current_w = current + ("" if joined else " ") + piece, current_w + gap + w
            continue
        if current:
            lines.append(current)
        limit = width if lines else first
        if not lines and first < w <= width:
            lines.append("")           # too long for the short first line: it starts below
            limit = width
        while w > limit and len(piece) > 1:     # longer than a whole line: break at a letter
            cut = len(piece) - 1
            while cut > 1 and fm.horizontalAdvance(piece[:cut]) > limit:
                cut -= 1
            lines.append(piece[:cut])
            piece, limit = piece[cut:], width
            w = fm.horizontalAdvance(piece)
        current, current_w = piece, w
    if current or not lines:
        lines.append(current)
    return lines


_PIECE = re.compile(r"[^/\-–]*[/\-–]|[^/\-–]+")


@lru_cache(maxsize=8192)
def pieces(text: str) -> tuple[tuple[str, bool], ...]:
    """The unbreakable pieces of ``text`` and whether each joins the previous one without a space
    ("Sauberkeit/Müll" -> "Sauberkeit/", "Müll")."""
    out: list[tuple[str, bool]] = []
    for word in text.split():
        parts = _PIECE.findall(word) or [word]
        out.append((parts[0], False))
        out.extend((part, True) for part in parts[1:])
    return tuple(out)


@dataclass
class PlacedCard:
    card: CardState
    color: str
    rect: QRectF
    text_rect: QRectF
    lines: list[str]


@dataclass
class PlacedHeader:
    cluster: ClusterState
    count: int
    rect: QRectF
    lines: list[str]
    continued: bool


@dataclass
class WallLayout:
    """Where everything goes on one page of the wall (coordinates inside ``area``)."""

    area: QRectF
    px: int
    columns: int
    total: int
    page: int = 0
    pages: int = 1
    cards: list[PlacedCard] = field(default_factory=list)
    headers: list[PlacedHeader] = field(default_factory=list)
    #: the tinted background of each topic piece in a column: (cluster, rect)
    segments: list[tuple[ClusterState, QRectF]] = field(default_factory=list)
    footer: Optional[QRectF] = None
    #: where each page begins: (topic, card) in ``groups``, the topics shown
    starts: list[tuple[int, int]] = field(default_factory=lambda: [(0, 0)])
    groups: list = field(default_factory=list)

    def page_of(self, card_id: int) -> Optional[int]:
        """The page that shows this card."""
        for gi, (_cluster, cards) in enumerate(self.groups):
            for ci, card in enumerate(cards):
                if card.id == card_id:
                    return max(i for i, start in enumerate(self.starts) if start <= (gi, ci))
        return None

    @property
    def metrics(self) -> WallMetrics:
        return WallMetrics.of(self.px)

    @property
    def shown(self) -> int:
        return len(self.cards)

    @property
    def not_shown(self) -> int:
        """Cards on the other pages."""
        return self.total - len(self.cards)


def _visible_groups(groups: Sequence[Group]) -> list[Group]:
    """Topics with cards (all topics as headings while the board is still empty)."""
    with_cards = [g for g in groups if g[1]]
    return with_cards if with_cards else [g for g in groups]


class _Flow:
    """Pours the topics into ``columns`` columns of one page, from a start position."""

    def __init__(self, groups: list[Group], area: QRectF, metrics: WallMetrics, columns: int,
                 bottom_reserve: float = 0.0) -> None:
        self.groups, self.area, self.m, self.columns = groups, area, metrics, columns
        m = metrics
        self.col_w = (area.width() - (columns - 1) * m.column_gap) / columns
        self.text_w = self.col_w - 2 * m.card_gap - 2 * m.pad - m.stripe
        self.bottom = area.bottom() - bottom_reserve
        self.max_lines = max(2, int((self.bottom - area.top()) * MAX_CARD_SHARE / metrics.line))

    def card_width(self, card: CardState) -> float:
        """The text width of a card (less room for its points badge)."""
        m = self.m
        return self.text_w - (m.badge_width(card.votes) + m.pad if card.votes else 0)

    def card_size(self, card: CardState) -> tuple[float, list[str]]:
        """Height and lines of a card. Only a card longer than a good part of a column (a pasted
        letter, not a concern) is cut short, its last line ending in "…"."""
        m = self.m
        width = self.card_width(card)
        lines = m.wrap(card.text, width)
        if len(lines) > self.max_lines:
            lines = lines[:self.max_lines]
            lines[-1] = m.text_fm.elidedText(lines[-1] + " …", Qt.TextElideMode.ElideRight, width)
        return 2 * m.pad + len(lines) * m.line, lines

    def header_size(self, cluster: ClusterState, count: int, continued: bool) -> tuple[float, list[str]]:
        m = self.m
        name = cluster.name + (" …" if continued else "")
        # the count badge sits at the end of the first line
        lines = m.wrap(name, self.col_w - 2 * m.pad, head=True,
                       first_width=self.col_w - 2 * m.pad - m.badge_width(count) - m.pad)
        return 2 * m.pad + len(lines) * m.head_line, lines

    def run(self, start: tuple[int, int], layout: Optional[WallLayout]) -> tuple[tuple[int, int], int]:
        """Fill one page from ``start`` (topic, card); returns where the next page starts and how
        many cards were placed. With ``layout`` None it only measures (stops at the first overflow)."""
        m = self.m
        top = self.area.top()
        col, y = 0, top
        gi, ci = start
        placed = 0
        segment_top: Optional[float] = None

        def close_segment(bottom: float) -> None:
            if layout is not None and segment_top is not None:
                layout.segments.append((self.groups[gi][0], QRectF(self._x(col), segment_top, self.col_w,
                                                                   bottom - segment_top)))

        while gi < len(self.groups):
            cluster, cards = self.groups[gi]
            continued = ci > 0
            head_h, head_lines = self.header_size(cluster, len(cards), continued)
            first_h = self.card_size(cards[ci])[0] + m.card_gap if ci < len(cards) else 0.0
            if y > top and y + head_h + first_h > self.bottom:
                col, y = col + 1, top
            if col >= self.columns or y + head_h + first_h > self.bottom:
                return (gi, ci), placed
            segment_top = y
            if layout is not None:
                layout.headers.append(PlacedHeader(cluster, len(cards), QRectF(self._x(col), y, self.col_w, head_h),
                                                   head_lines, continued))
            y += head_h + m.card_gap
            while ci < len(cards):
                card = cards[ci]
                h, lines = self.card_size(card)
                if y + h > self.bottom:
                    close_segment(y)
                    segment_top = None
                    break
                if layout is not None:
                    rect = QRectF(self._x(col) + m.card_gap, y, self.col_w - 2 * m.card_gap, h)
                    text = QRectF(rect.left() + m.stripe + m.pad, y + m.pad, self.card_width(card),
                                  len(lines) * m.line)
                    layout.cards.append(PlacedCard(card, cluster.color, rect, text, lines))
                y += h + m.card_gap
                ci += 1
                placed += 1
            else:
                close_segment(y)
                gi, ci = gi + 1, 0
                y += m.topic_gap
                continue
            col, y = col + 1, top          # the topic goes on in the next column
        return (gi, ci), placed

    def _x(self, col: int) -> float:
        return self.area.left() + col * (self.col_w + self.m.column_gap)


def _column_choices(groups: list[Group], width: float, px: int) -> list[int]:
    """Column counts worth trying at ``px``, best first; none so narrow that a word must be broken
    (unless every choice would)."""
    low = max(1, int(width // (MAX_CARD_EMS * px)))
    high = max(low, int(width // (MIN_CARD_EMS * px)))
    choices = sorted(range(low, high + 1), key=lambda n: abs(width / n / px - GOOD_CARD_EMS))
    metrics = WallMetrics.of(px)
    word = metrics.longest_word([card.text for _, cards in groups for card in cards])
    # the card's frame and a points badge besides the text
    frame = 2 * metrics.card_gap + 2 * metrics.pad + metrics.stripe + metrics.badge_width(99) + metrics.pad
    head = metrics.longest_word([cluster.name for cluster, _ in groups], head=True) + 2 * metrics.pad
    unbroken = [n for n in choices if (width - (n - 1) * metrics.column_gap) / n >= max(word + frame, head)]
    return unbroken or choices


def _fits(groups: list[Group], area: QRectF, px: int) -> Optional[int]:
    """The number of columns at which every card fits at ``px``, or None."""
    metrics = WallMetrics.of(px)
    for columns in _column_choices(groups, area.width(), px):
        end, _ = _Flow(groups, area, metrics, columns).run((0, 0), None)
        if end[0] >= len(groups):
            return columns
    return None


def layout_wall(groups: Sequence[Group], area: QRectF, *, min_px: int, max_px: int, page: int = 0,
                hint_px: Optional[int] = None) -> WallLayout:
    """The largest type at which all cards fit into ``area``; else ``min_px`` on pages.

    ``hint_px`` (the size of the previous layout) makes the common case – one card more – cheap.
    """
    groups = _visible_groups(groups)
    total = sum(len(cards) for _, cards in groups)
    min_px, max_px = int(min_px), max(int(min_px), int(max_px))
    best: Optional[tuple[int, int]] = None
    low, high = min_px, max_px
    if hint_px is not None and min_px <= hint_px <= max_px:
        # one card more or less: the answer is next to the last one, search only on its side
        columns = _fits(groups, area, hint_px)
        if columns is None:
            high = hint_px - 1
        else:
            best, low = (hint_px, columns), hint_px + 1
            if hint_px < max_px:
                above = _fits(groups, area, hint_px + 1)
                if above is None:
                    high = hint_px
                else:
                    best, low = (hint_px + 1, above), hint_px + 2
    while low <= high:                   # fitting is (nearly) monotone in the type size
        mid = (low + high) // 2
        columns = _fits(groups, area, mid)
        if columns is not None:
            best, low = (mid, columns), mid + 1
        else:
            high = mid - 1
    if best is not None:
        layout = WallLayout(area, best[0], best[1], total, groups=groups)
        _Flow(groups, area, WallMetrics.of(best[0]), best[1]).run((0, 0), layout)
        return layout
    return _paged(groups, area, min_px, total, page)


def _paged(groups: list[Group], area: QRectF, px: int, total: int, page: int) -> WallLayout:
    metrics = WallMetrics.of(px)
    footer_h = metrics.head_line + 2 * metrics.pad
    reserve = footer_h + metrics.card_gap
    columns = max(_column_choices(groups, area.width(), px),
                  key=lambda n: _Flow(groups, area, metrics, n, reserve).run((0, 0), None)[1])
    flow = _Flow(groups, area, metrics, columns, reserve)
    starts = [(0, 0)]
    while True:
        end, placed = flow.run(starts[-1], None)
        if end[0] >= len(groups) or placed == 0:
            break
        starts.append(end)
    page = max(0, min(page, len(starts) - 1))
    layout = WallLayout(area, px, columns, total, page, len(starts), starts=starts, groups=groups)
    flow.run(starts[page], layout)
    layout.footer = QRectF(area.left(), area.bottom() - footer_h, area.width(), footer_h)
    return layout
