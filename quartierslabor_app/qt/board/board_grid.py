"""The board: all clusters as areas in a grid that reflows with the window width.

Listens to the :class:`BoardStore` and updates only the column a change touches.
"""
from __future__ import annotations

import math
from typing import Optional

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from ...core.board.state import CardState, ClusterState
from .board_store import BoardStore
from .cluster_column import ClusterColumn, DropHandler


class BoardGrid(QWidget):
    card_context_menu = Signal(int, QPoint)
    cluster_context_menu = Signal(int, QPoint)
    card_clicked = Signal(int, object)
    cluster_clicked = Signal(int)
    selection_changed = Signal()
    typed = Signal(str)

    def __init__(self, store: BoardStore, *, scale: float = 1.0, min_column_width: int = 250,
                 read_only: bool = False, drop_handler: Optional[DropHandler] = None,
                 min_cards_height: int = 0, parent: Optional[QWidget] = None) -> None:
        """``min_cards_height`` > 0: every row stays tall enough for its (wrapped) group names plus
        that much room for cards – for a board inside a scroll area, which scrolls instead of
        squeezing the groups."""
        super().__init__(parent)
        self.store = store
        self.scale = scale
        self.min_column_width = min_column_width
        self.min_cards_height = min_cards_height
        self.read_only = read_only
        self.drop_handler = drop_handler
        self.hide_texts = False
        self._show_meta = True
        self.columns: dict[int, ClusterColumn] = {}
        #: the card the facilitator last clicked or chose (the one number keys in the dot vote act on)
        self.current_card_id: Optional[int] = None
        self._grid = QGridLayout(self)
        spacing = int(10 * scale)
        self._grid.setSpacing(spacing)
        self._grid.setContentsMargins(spacing, spacing, spacing, spacing)
        self._layout_cols = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        store.reset.connect(self.rebuild)
        store.cluster_changed.connect(self._on_cluster_changed)
        store.cluster_removed.connect(self._on_cluster_removed)
        store.clusters_reordered.connect(self._relayout)
        store.card_changed.connect(self._on_card_changed)
        store.card_removed.connect(self._on_card_removed)
        store.cards_regrouped.connect(self._on_cards_regrouped)
        self.rebuild()

    # -- building -----------------------------------------------------------------------
    def _make_column(self, cluster: ClusterState) -> ClusterColumn:
        column = ClusterColumn(cluster, scale=self.scale, read_only=self.read_only,
                               drop_handler=self.drop_handler, parent=self)
        column.delegate.hide_texts = self.hide_texts
        column.delegate.show_meta = self._show_meta
        column.card_context_menu.connect(self.card_context_menu)
        column.cluster_context_menu.connect(self.cluster_context_menu)
        column.card_pressed.connect(lambda mods, cid=cluster.id: self._on_card_pressed(cid, mods))
        column.card_clicked.connect(self._on_card_clicked)
        column.cluster_clicked.connect(self.cluster_clicked)
        column.selection_changed.connect(self.selection_changed)
        column.typed.connect(self.typed)
        self.columns[cluster.id] = column
        return column

    def rebuild(self) -> None:
        for column in self.columns.values():
            self._grid.removeWidget(column)
            column.deleteLater()
        self.columns.clear()
        by_cluster: dict[int, list[CardState]] = {}
        for card in self.store.cards.values():
            by_cluster.setdefault(card.cluster_id, []).append(card)
        for cluster in self.store.ordered_clusters():
            self._make_column(cluster).set_cards(by_cluster.get(cluster.id, []))
        self._layout_cols = 0
        self._relayout()

    def _column_count(self) -> int:
        n = len(self.columns)
        if n == 0:
            return 1
        # as many columns as fit side by side: a group's header (large type on the projector, a long
        # single word) may need more than ``min_column_width``; more columns would overflow the screen
        margins = self._grid.contentsMargins()
        spacing = self._grid.horizontalSpacing()
        need = max([self.min_column_width] + [c.minimumSizeHint().width() for c in self.columns.values()])
        usable = self.width() - margins.left() - margins.right() + spacing
        fit = max(1, usable // (need + spacing)) if self.width() > 50 else 4
        rows = math.ceil(n / min(fit, n))
        return math.ceil(n / rows)

    def _relayout(self, force: bool = True) -> None:
        cols = self._column_count()
        if not force and cols == self._layout_cols:
            return
        for column in self.columns.values():
            self._grid.removeWidget(column)
        for i in range(self._grid.columnCount()):
            self._grid.setColumnStretch(i, 0)
        for i in range(self._grid.rowCount()):
            self._grid.setRowStretch(i, 0)
        ordered = [self.columns[c.id] for c in self.store.ordered_clusters() if c.id in self.columns]
        for i, column in enumerate(ordered):
            self._grid.addWidget(column, i // cols, i % cols)
            if self.isVisible() and column.isHidden():
                column.show()          # at once, not on the next event loop pass
        for i in range(cols):
            self._grid.setColumnStretch(i, 1)
        for i in range(math.ceil(len(ordered) / cols) if ordered else 0):
            self._grid.setRowStretch(i, 1)
        self._layout_cols = cols
        self._update_row_minimums()

    def _update_row_minimums(self) -> None:
        """Rows as tall as their wrapped group names need, plus room for cards (see ``min_cards_height``)."""
        if self.min_cards_height <= 0:
            return
        cols = max(1, self._layout_cols)
        margins = self._grid.contentsMargins()
        spacing = self._grid.horizontalSpacing()
        usable = self.width() - margins.left() - margins.right() - spacing * (cols - 1)
        width = max(self.min_column_width // 2, usable // cols)
        ordered = [self.columns[c.id] for c in self.store.ordered_clusters() if c.id in self.columns]
        rows = math.ceil(len(ordered) / cols) if ordered else 0
        for row in range(self._grid.rowCount()):
            height = 0
            for column in ordered[row * cols:(row + 1) * cols] if row < rows else []:
                header = column.header
                head = header.heightForWidth(width) if header.hasHeightForWidth() else -1
                height = max(height, max(head, header.minimumSizeHint().height()) + self.min_cards_height)
            if self._grid.rowMinimumHeight(row) != height:
                self._grid.setRowMinimumHeight(row, height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout(force=False)
        if event.oldSize().width() != event.size().width():
            self._update_row_minimums()

    # -- store signals ------------------------------------------------------------------
    def _on_cluster_changed(self, cluster: ClusterState) -> None:
        column = self.columns.get(cluster.id)
        if column is None:
            self._make_column(cluster).set_cards(self.store.cards_of(cluster.id))
            self._relayout()
        else:
            column.update_cluster(cluster)
            self._update_row_minimums()       # a renamed group may wrap onto more lines

    def _on_cluster_removed(self, cluster_id: int) -> None:
        column = self.columns.pop(cluster_id, None)
        if column is not None:
            self._grid.removeWidget(column)
            column.deleteLater()
            self._relayout()

    def _on_card_changed(self, card: CardState, old: Optional[CardState]) -> None:
        if old is not None and old.cluster_id != card.cluster_id and old.cluster_id in self.columns:
            self.columns[old.cluster_id].remove_card(card.id)
        column = self.columns.get(card.cluster_id)
        if column is None and card.cluster_id in self.store.clusters:
            self._on_cluster_changed(self.store.clusters[card.cluster_id])
            column = self.columns.get(card.cluster_id)
        if column is not None:
            column.upsert_card(card)

    def _on_cards_regrouped(self, cluster_ids: set) -> None:
        by_cluster: dict[int, list[CardState]] = {cid: [] for cid in cluster_ids}
        for card in self.store.cards.values():
            if card.cluster_id in by_cluster:
                by_cluster[card.cluster_id].append(card)
        for cluster_id, cards in by_cluster.items():
            column = self.columns.get(cluster_id)
            if column is not None:
                column.set_cards(cards)

    def _on_card_removed(self, old: CardState) -> None:
        column = self.columns.get(old.cluster_id)
        if column is not None:
            column.remove_card(old.id)

    # -- queries and view state ---------------------------------------------------------
    def column_of_card(self, card_id: int) -> Optional[ClusterColumn]:
        card = self.store.cards.get(card_id)
        return self.columns.get(card.cluster_id) if card is not None else None

    def scroll_to_card(self, card_id: int) -> bool:
        column = self.column_of_card(card_id)
        return bool(column and column.scroll_to(card_id))

    def is_card_visible(self, card_id: int) -> bool:
        column = self.column_of_card(card_id)
        return bool(column and column.isVisible() and column.is_card_visible(card_id))

    def selected_card_ids(self) -> list[int]:
        """The selected cards of the whole board, in board order."""
        ids: list[int] = []
        for cluster in self.store.ordered_clusters():
            column = self.columns.get(cluster.id)
            if column is not None:
                ids.extend(column.selected_card_ids())
        return ids

    def select_card(self, card_id: int) -> bool:
        """Select this card only, on the whole board."""
        self.clear_selection()
        column = self.column_of_card(card_id)
        done = bool(column and column.select_card(card_id))
        if done:
            self.current_card_id = card_id
        return done

    def clear_selection(self) -> None:
        for column in self.columns.values():
            column.clear_selection()
        self.current_card_id = None

    def focused_card_id(self) -> Optional[int]:
        """The one card keys act on: the card last clicked if still selected, else the only selected card."""
        selected = self.selected_card_ids()
        if self.current_card_id in selected:
            return self.current_card_id
        return selected[0] if len(selected) == 1 else None

    def _on_card_pressed(self, cluster_id: int, modifiers) -> None:
        """A press on a card, before its list selects it: as in a file manager, a plain click (and a
        Shift+click, which extends within its own cluster) leaves no card selected elsewhere;
        Ctrl+click adds or removes one card and keeps the rest."""
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            return
        for other_id, column in self.columns.items():
            if other_id != cluster_id:
                column.clear_selection()

    def _on_card_clicked(self, card_id: int, modifiers) -> None:
        self.current_card_id = card_id
        self.card_clicked.emit(card_id, modifiers)

    def set_hide_texts(self, hide: bool) -> None:
        self.hide_texts = hide
        for column in self.columns.values():
            column.delegate.hide_texts = hide
            column.delegate.clear_cache()
            column.view.scheduleDelayedItemsLayout()
            column.view.viewport().update()

    def show_meta(self, show: bool) -> None:
        """Show place and table under the card text (the projector leaves them out)."""
        self._show_meta = show
        for column in self.columns.values():
            column.delegate.show_meta = show
            column.delegate.clear_cache()
            column.view.scheduleDelayedItemsLayout()

    def set_fresh(self, card_ids: set[int]) -> None:
        """Highlight newly added cards (light yellow); repaints only the columns concerned."""
        by_column: dict[int, set[int]] = {}
        for card_id in card_ids:
            card = self.store.cards.get(card_id)
            if card is not None:
                by_column.setdefault(card.cluster_id, set()).add(card_id)
        for cluster_id, column in self.columns.items():
            fresh = by_column.get(cluster_id, set())
            if column.delegate.fresh_ids != fresh:
                column.delegate.fresh_ids = fresh
                column.view.viewport().update()
