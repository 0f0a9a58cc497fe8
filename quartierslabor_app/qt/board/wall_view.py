"""The live wall in the presentation window: follows the board store, fits every card to the screen."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...core.board.state import CardState
from .board_store import BoardStore
from .card_model import card_tooltip
from .wall_layout import WallLayout
from .wall_paint import WallComposition, changed_region, compose, fresh_region, groups_of, paint

MIN_ZOOM, MAX_ZOOM = 0.6, 2.5


class WallView(QWidget):
    """Paints the board like the projector wall; ``zoom`` scales the type, PgUp/PgDn page."""

    def __init__(self, store: BoardStore, title: str, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.store = store
        self.title = title
        self.zoom_factor = 1.0
        self.hide_texts = False
        self.page = 0
        self.fresh_ids: set[int] = set()
        self._comp: Optional[WallComposition] = None
        self._dirty = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # many store changes in one go (a re-clustering) lay the wall out once
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.relayout)
        for signal in (store.card_changed, store.card_removed, store.cluster_changed, store.cluster_removed,
                       store.clusters_reordered, store.cards_regrouped, store.reset):
            signal.connect(self.schedule)

    # -- state --------------------------------------------------------------------------
    def schedule(self, *_args) -> None:
        self._dirty = True
        self._timer.start()

    def relayout(self) -> None:
        """Fit the wall to the current size now (the previous type size is the first guess)."""
        self._timer.stop()
        old = self._comp
        hint = old.layout.px if old is not None else None
        groups = groups_of(self.store.clusters.values(), self.store.cards.values())
        self._comp = compose(self.size(), groups, self.title, zoom=self.zoom_factor, page=self.page, hint_px=hint)
        self.page = self._comp.layout.page
        self._dirty = False
        # only what changed is painted again (a new card: the heading, its topic and the cards that moved)
        region = None if old is None else changed_region(old, self._comp, self.fresh_ids, self.fresh_ids)
        if region is None:
            self.update()
        elif not region.isEmpty():
            self.update(region)

    def composition(self) -> WallComposition:
        if self._dirty or self._comp is None or self._comp.size != self.size():
            self.relayout()
        return self._comp

    def wall_layout(self) -> WallLayout:
        return self.composition().layout

    def card_rects(self) -> dict[int, QRect]:
        """Where each card shown on this page lies, in this widget's coordinates."""
        return {p.card.id: p.rect.toAlignedRect() for p in self.wall_layout().cards}

    def card_at(self, pos: QPoint) -> Optional[CardState]:
        """The card shown at ``pos`` (this widget's coordinates), if any."""
        point = QPointF(pos)
        return next((p.card for p in self.wall_layout().cards if p.rect.contains(point)), None)

    def tooltip_at(self, pos: QPoint) -> str:
        """The card at ``pos`` with the reason for its place ("" where no card is, or while texts are hidden)."""
        card = None if self.hide_texts else self.card_at(pos)
        return card_tooltip(card) if card is not None else ""

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def summary(self) -> str:
        return self.composition().summary

    # -- commands -----------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        self.zoom_factor = max(MIN_ZOOM, min(MAX_ZOOM, self.zoom_factor * factor))
        self.relayout()

    def set_hide_texts(self, hide: bool) -> None:
        self.hide_texts = bool(hide)
        self.update()

    def set_fresh(self, card_ids: set[int]) -> None:
        """Highlight new cards and turn to the page that shows them."""
        before = self.fresh_ids
        self.fresh_ids = set(card_ids)
        layout = self.wall_layout()
        if card_ids and layout.pages > 1:
            page = layout.page_of(max(card_ids))
            if page is not None and page != layout.page:
                self.page = page
                self.relayout()
        self.update(fresh_region(self._comp, before | self.fresh_ids))

    def turn_page(self, step: int) -> None:
        layout = self.wall_layout()
        page = max(0, min(layout.pages - 1, layout.page + step))
        if page != layout.page:
            self.page = page
            self.relayout()

    # -- Qt -----------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(1280, 720)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._dirty = True

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Down):
            self.turn_page(1)
        elif event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_Up):
            self.turn_page(-1)
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        try:
            paint(painter, self.composition(), hide_texts=self.hide_texts, fresh_ids=self.fresh_ids,
                  region=event.region())
        finally:
            painter.end()
