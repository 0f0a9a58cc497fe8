"""The board: all clusters as areas in a grid that reflows with the window width.

Listens to the :class:`BoardStore` and updates only the column a change touches.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from ...core.board.state import CardState, ClusterState
from .board_store import BoardStore
from .cluster_column import ClusterColumn, DropHandler


class BoardGrid(QWidget):
    """The topics side by side in columns (each topic in the column that is shortest when it is
    placed), every topic as tall as its cards: the board scrolls as a whole, in one direction."""

    card_context_menu = Signal(int, QPoint)
    cluster_context_menu = Signal(int, QPoint)
    card_clicked = Signal(int, object)
    cluster_clicked = Signal(int)
    selection_changed = Signal()
    typed = Signal(str)

    def __init__(self, store: BoardStore, *, scale: float = 1.0, min_column_width: int = 200,
                 read_only: bool = False, drop_handler: Optional[DropHandler] = None,
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.store = store
        self.scale = scale
        self.min_column_width = min_column_width
        self.read_only = read_only
        self.drop_handler = drop_handler
        self.columns: dict[int, ClusterColumn] = {}
        #: the card the facilitator last clicked or chose (the one number keys in the dot vote act on)
        self.current_card_id: Optional[int] = None
        self._row = QHBoxLayout(self)
        spacing = int(8 * scale)
        self._row.setSpacing(spacing)
        self._row.setContentsMargins(spacing, spacing, spacing, spacing)
        self._stacks: list[QVBoxLayout] = []
        self._layout_cols = 0
        self._watched: Optional[QWidget] = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
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
            column.setParent(None)
            column.deleteLater()
        self.columns.clear()
        by_cluster: dict[int, list[CardState]] = {}
        for card in self.store.cards.values():
            by_cluster.setdefault(card.cluster_id, []).append(card)
        for cluster in self.store.ordered_clusters():
            self._make_column(cluster).set_cards(by_cluster.get(cluster.id, []))
        self._layout_cols = 0
        self._relayout()

    def _scroll_viewport(self) -> Optional[QWidget]:
        """The viewport of the scroll area the board sits in (None outside one)."""
        parent = self.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        return parent if isinstance(area, QAbstractScrollArea) and area.viewport() is parent else None

    def _available_width(self) -> int:
        """The width the columns may take: never more than the scroll area shows (one scroll direction)."""
        viewport = self._scroll_viewport()
        if viewport is not None and viewport is not self._watched:
            self._watched = viewport
            viewport.installEventFilter(self)   # a narrower viewport reflows even while the board is wider
        return min(self.width(), viewport.width()) if viewport is not None else self.width()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt name
        if obj is self._watched and event.type() == QEvent.Type.Resize:
            self._relayout(force=False)
        return False

    def _column_count(self) -> int:
        """As many columns of at least ``min_column_width`` as the width holds (at most one per topic)."""
        n = len(self.columns)
        if n == 0:
            return 1
        margins = self._row.contentsMargins()
        spacing = self._row.spacing()
        width = self._available_width()
        if width <= 50:
            return min(4, n)
        usable = width - margins.left() - margins.right() + spacing
        return min(max(1, usable // (self.min_column_width + spacing)), n)

    def _stacks_for(self, cols: int) -> list[list[ClusterColumn]]:
        """The topics in board order, each into the column that is shortest so far."""
        spacing = self._row.spacing()
        width = max(1, (self._available_width() - spacing * (cols + 1)) // cols)
        heights = [0] * cols
        stacks: list[list[ClusterColumn]] = [[] for _ in range(cols)]
        for cluster in self.store.ordered_clusters():
            column = self.columns.get(cluster.id)
            if column is None:
                continue
            target = heights.index(min(heights))
            stacks[target].append(column)
            heights[target] += column.height_for(width) + spacing
        return stacks

    def _fits(self, stacks: list[list[ClusterColumn]]) -> bool:
        """Every column as wide as its widest topic needs (a long word in a name) within the width."""
        margins = self._row.contentsMargins()
        need = sum(max((column.needed_width() for column in stack), default=0) for stack in stacks)
        need += self._row.spacing() * (len(stacks) - 1) + margins.left() + margins.right()
        return need <= self._available_width()

    def _plan(self) -> tuple[int, list[list[ClusterColumn]]]:
        cols = self._column_count()
        stacks = self._stacks_for(cols)
        # fewer columns until no topic is cut off at the board's edge
        while cols > 1 and not self._fits(stacks):
            cols -= 1
            stacks = self._stacks_for(cols)
        return cols, stacks

    def _relayout(self, force: bool = True) -> None:
        """Put the topics into columns again: in board order, each into the shortest column (once the board is
        shown: before that its width, and so every topic's height, is only a guess)."""
        if not self.isVisible():
            self._layout_cols = -1          # laid out when shown
            return
        cols, planned = self._plan()
        # where the width allows, a long word in a topic's name gets its room (the layout alone would
        # give every column the same width); where it does not (one column), the name is cut instead
        fits = self._fits(planned)
        for stack in planned:
            for column in stack:
                column.setMinimumWidth(column.needed_width() if fits else 0)
        if not force and cols == self._layout_cols:
            return
        for stack in self._stacks:
            while stack.count():
                stack.takeAt(0)
            self._row.removeItem(stack)
            stack.deleteLater()
        self._stacks = []
        for columns in planned:
            stack = QVBoxLayout()
            stack.setSpacing(self._row.spacing())
            self._stacks.append(stack)
            self._row.addLayout(stack, 1)
            for column in columns:
                stack.addWidget(column)
                if self.isVisible() and column.isHidden():
                    column.show()          # at once, not on the next event loop pass
            stack.addStretch(1)
        self._layout_cols = cols

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._layout_cols == -1:
            self._relayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout(force=False)

    # -- store signals ------------------------------------------------------------------
    def _on_cluster_changed(self, cluster: ClusterState) -> None:
        column = self.columns.get(cluster.id)
        if column is None:
            self._make_column(cluster).set_cards(self.store.cards_of(cluster.id))
            self._relayout()
        else:
            column.update_cluster(cluster)

    def _on_cluster_removed(self, cluster_id: int) -> None:
        column = self.columns.pop(cluster_id, None)
        if column is not None:
            column.setParent(None)
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

    def card_rect(self, card_id: int) -> Optional[QRect]:
        """Where the card lies, in this widget's coordinates (None if it is not on the board)."""
        column = self.column_of_card(card_id)
        if column is None or not column.view.isVisible():
            return None
        row = column.model.row_of(card_id)
        rect = column.view.visualRect(column.model.index(row)) if row >= 0 else QRect()
        if not rect.isValid():
            return None
        return QRect(column.view.viewport().mapTo(self, rect.topLeft()), rect.size())

    def is_card_visible(self, card_id: int) -> bool:
        """The card is on screen: inside the scroll area's viewport the board sits in."""
        rect = self.card_rect(card_id)
        if rect is None or not self.isVisible():
            return False
        port = self.parentWidget()
        if port is None:
            return self.rect().intersects(rect)
        shown = QRect(self.mapTo(port, rect.topLeft()), rect.size())
        return port.rect().contains(shown)

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
