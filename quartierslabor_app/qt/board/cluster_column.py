"""One cluster on the board: a coloured header with name and count, and its cards."""
from __future__ import annotations

import re

from typing import Callable, Optional

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QLabel, QListView, QSizePolicy, QVBoxLayout,
                               QWidget)

from ...core.board.palette import calm, text_on
from ...core.board.state import CardState, ClusterState
from .card_delegate import CardDelegate
from .card_model import CardRole, ClusterCardModel, decode_card_ids
from ...core import count_texts
from ..i18n import localized, translate

DropHandler = Callable[[list[int], int, Optional[int]], None]


def tint(color: str, amount: float) -> str:
    """Mix ``color`` with white (amount 0 = white, 1 = colour)."""
    c = QColor(color)
    r, g, b = (int(255 + (v - 255) * amount) for v in (c.red(), c.green(), c.blue()))
    return QColor(r, g, b).name()


# where a topic name may wrap: between words and after "/" or "-" ("Alkohol/Drogen", "Müll-Ecken")
_BREAKS = re.compile(r"\s+|(?<=[/-])")


class _NameLabel(QLabel):
    """A topic's name, wrapping between words. The board gives it room for its longest word where it can
    (:meth:`longest_word_width`); its minimum stays small, so a name never pushes the board past the
    window's edge (QLabel's own minimum for wrapped text is wider than any word)."""

    MIN_WIDTH = 40

    def longest_word_width(self) -> int:
        metrics = self.fontMetrics()
        return max((metrics.horizontalAdvance(part) for part in _BREAKS.split(self.text())), default=0) + 2

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.MIN_WIDTH), hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        # the board's columns do not pass height-for-width up to the header: at the width it got, the name may
        # need a third line ("Beleuchtung / und / Angsträume"); ask for that height so no line is cut off
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

class ClusterHeader(QFrame):
    """Header that is also a drop target (drop a card on the name)."""

    def __init__(self, column: "ClusterColumn") -> None:
        super().__init__(column)
        self.column = column
        self.setAcceptDrops(not column.read_only)

    def dragEnterEvent(self, event) -> None:
        if decode_card_ids(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        ids = decode_card_ids(event.mimeData())
        if ids and self.column.drop_handler is not None:
            event.acceptProposedAction()
            self.column.drop_handler(ids, self.column.cluster.id, None)


class CardListView(QListView):
    typed = Signal(str)          # printable text typed while a card list has focus
    pressed_with = Signal(object)  # a mouse press on a card, with its keyboard modifiers (before Qt selects)

    def mousePressEvent(self, event) -> None:
        self.last_modifiers = event.modifiers()
        if self.indexAt(event.position().toPoint()).isValid():
            self.pressed_with.emit(event.modifiers())
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        text = event.text()
        mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                    | Qt.KeyboardModifier.MetaModifier)
        if text and text.isprintable() and not mods:
            self.typed.emit(text)       # typing always goes to the entry line
            return
        super().keyPressEvent(event)

    def __init__(self, parent: QWidget, read_only: bool) -> None:
        super().__init__(parent)
        # never a scroll area of its own: as tall as its cards, the board scrolls as a whole
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection if read_only
                              else QAbstractItemView.SelectionMode.ExtendedSelection)
        if not read_only:
            self.setDragEnabled(True)
            self.setAcceptDrops(True)
            self.setDropIndicatorShown(True)
            self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            "QListView { background: transparent; }"
            "QScrollBar:vertical { background: transparent; width: 8px; margin: 2px; }"
            "QScrollBar::handle:vertical { background: rgba(30, 42, 54, 0.25); border-radius: 3px; min-height: 24px; }"
            "QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
            "QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: transparent; }")
        self._laid_width = -1
        self._fit_pending = False
        self._fit_scheduled = False
        self.last_modifiers = Qt.KeyboardModifier.NoModifier

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self.fit_height()

    def viewportEvent(self, event) -> bool:
        # card heights depend on the width: lay out again whenever the usable width changes (measured once the
        # widths settle: while a window opens its board passes through several widths in one go)
        if event.type() == QEvent.Type.Resize and self.viewport().width() != self._laid_width:
            self._laid_width = self.viewport().width()
            self.scheduleDelayedItemsLayout()
            if not self._fit_scheduled:
                self._fit_scheduled = True
                QTimer.singleShot(0, self, self._fit_after_resize)
        return super().viewportEvent(event)

    def _fit_after_resize(self) -> None:
        self._fit_scheduled = False
        self.fit_height()

    def content_height(self) -> int:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        return sum(self.sizeHintForRow(r) for r in range(rows)) + 2 * self.frameWidth()

    def fit_height(self) -> None:
        """As tall as all its cards: nothing inside the board scrolls on its own (measured once it is shown:
        before that its width is only a guess)."""
        if not self.isVisibleTo(self.window()) or not self.window().isVisible():
            self._fit_pending = True
            return
        self._fit_pending = False
        height = self.content_height()
        if height != self.height() or height != self.minimumHeight():
            self.setFixedHeight(height)

    def wheelEvent(self, event) -> None:
        event.ignore()             # the board scrolls, never a single topic


class ClusterColumn(QFrame):
    """Header + card list of one cluster."""

    card_context_menu = Signal(int, QPoint)        # card id, global pos
    cluster_context_menu = Signal(int, QPoint)     # cluster id, global pos
    card_clicked = Signal(int, object)             # card id, Qt.KeyboardModifiers
    card_pressed = Signal(object)                  # Qt.KeyboardModifiers of a press on one of its cards
    cluster_clicked = Signal(int)
    selection_changed = Signal()
    typed = Signal(str)

    def __init__(self, cluster: ClusterState, *, scale: float = 1.0, read_only: bool = False,
                 drop_handler: Optional[DropHandler] = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.cluster = cluster
        self.scale = scale
        self.read_only = read_only
        self.drop_handler = drop_handler
        self.card_votes_total = 0
        self.setObjectName("clusterColumn")
        # as tall as header and cards (see sizeHint), never stretched or squeezed by the board
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.header = ClusterHeader(self)
        self.header.setObjectName("clusterHeader")
        head = QHBoxLayout(self.header)
        pad = int(5 * scale)
        head.setContentsMargins(pad + int(4 * scale), pad, pad, pad)
        self.name_label = _NameLabel(self.header)
        self.name_label.setWordWrap(True)
        self.votes_label = QLabel(self.header)
        self.count_label = QLabel(self.header)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head.addWidget(self.name_label, 1)
        head.addWidget(self.votes_label, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.header)

        self.model = ClusterCardModel(cluster.id, drop_handler, self)
        self.delegate = CardDelegate(self, scale=scale, color=cluster.color)
        self.view = CardListView(self, read_only)
        self.view.setModel(self.model)
        self.view.setItemDelegate(self.delegate)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_menu)
        self.view.clicked.connect(self._on_clicked)
        self.view.pressed_with.connect(self.card_pressed)
        self.view.typed.connect(self.typed)
        if self.view.selectionModel() is not None:
            self.view.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(
            lambda pos: self.cluster_context_menu.emit(self.cluster.id, self.header.mapToGlobal(pos)))
        # the projector (read only) cannot take drops: it just says the group is empty
        self.empty_label = QLabel(translate('ClusterColumn', 'Noch keine Karten') if read_only
                                  else translate('ClusterColumn', 'Karten hierher ziehen'), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(f"color: #8a96a3; font-style: italic; font-size: {int(10 * scale)}pt;"
                                       "background: transparent;")
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view)
        self._heights: dict[int, int] = {}
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset,
                       self.model.dataChanged):
            signal.connect(self._forget_heights)
            signal.connect(self.view.fit_height)
            signal.connect(self.updateGeometry)
        self.update_cluster(cluster)

    # -- content ------------------------------------------------------------------------
    def set_cards(self, cards: list[CardState]) -> None:
        self.model.set_cards(cards)
        self.card_votes_total = sum(c.votes for c in cards)
        self._update_count()

    def upsert_card(self, card: CardState) -> int:
        rows_before = self.model.rowCount()
        row = self.model.upsert(card)
        if self.model.rowCount() == rows_before:
            # changed in place (text, place, points ...): its height may differ, lay out again
            self.view.scheduleDelayedItemsLayout()
            self.view.fit_height()
        self._update_count()
        return row

    def remove_card(self, card_id: int) -> bool:
        removed = self.model.remove(card_id)
        if removed:
            self._update_count()
        return removed

    def update_cluster(self, cluster: ClusterState) -> None:
        self.cluster = cluster
        self._forget_heights()          # a renamed topic may wrap onto more lines
        color = calm(cluster.color)
        self.delegate.set_color(color)
        s = self.scale
        self.setStyleSheet(
            f"#clusterColumn {{ background: {tint(color, 0.10)}; border: 1px solid {tint(color, 0.40)};"
            f" border-radius: {int(8 * s)}px; }}"
            f"#clusterHeader {{ background: {tint(color, 0.28)}; border-top-left-radius: {int(8 * s)}px;"
            f" border-top-right-radius: {int(8 * s)}px; border-bottom: {max(2, int(3 * s))}px solid {color}; }}")
        self.name_label.setText(cluster.name)
        self.name_label.setStyleSheet(f"font-weight: 600; font-size: {10.5 * s:.1f}pt; color: #1d2a36;"
                                      "background: transparent;")
        self.count_label.setStyleSheet(
            f"background: {color}; color: {text_on(color)}; font-weight: 700; font-size: {11 * s:.1f}pt;"
            f" border-radius: {int(11 * s)}px; padding: {int(2 * s)}px {int(8 * s)}px;")
        self.votes_label.setStyleSheet(f"color: #b33a36; font-weight: 700; font-size: {11 * s:.1f}pt;"
                                       "background: transparent;")
        self._update_count()
        self.view.viewport().update()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(str(count))
        self.count_label.setToolTip(localized(count_texts.cards(count)))
        total = self.cluster.votes + sum(c.votes for c in self.model.cards())
        self.votes_label.setText(f"● {total}" if total else "")
        self.votes_label.setToolTip(translate('ClusterColumn', '{total} (Thema {0}, Karten {1})').format(self.cluster.votes, total - self.cluster.votes, total=localized(count_texts.points(total)))
                                    if total else "")
        self.empty_label.setVisible(count == 0)
        self.view.setVisible(count > 0)

    def height_for(self, width: int) -> int:
        """The height this topic takes ``width`` pixels wide (header and all its cards)."""
        cached = self._heights.get(width)
        if cached is None:
            cached = self._heights[width] = self._measure_height(width)
        return cached

    def _forget_heights(self, *_args) -> None:
        self._heights.clear()

    def _measure_height(self, width: int) -> int:
        header = self.header
        head = header.heightForWidth(width) if header.hasHeightForWidth() else -1
        head = max(head, header.sizeHint().height())
        cards = self.model.cards()
        if not cards:
            return head + self.empty_label.sizeHint().height()
        frame = self.view.frameWidth()
        # the list's viewport (inside the topic's border and the list's frame): the width its rows are measured at
        inner = width - 2 * frame - 2 * self.frameWidth()
        return head + sum(self.delegate.card_height(c, inner) for c in cards) + 2 * frame

    def needed_width(self) -> int:
        """The width at which the name's longest word is not cut (the board's columns try to give it)."""
        label = self.name_label
        return (self.minimumSizeHint().width() - label.minimumSizeHint().width()
                + max(label.minimumSizeHint().width(), label.longest_word_width()))

    def hasHeightForWidth(self) -> bool:
        return False           # sizeHint already answers for the current width

    def sizeHint(self) -> QSize:
        width = self.width() if self.width() > 50 else 220
        return QSize(super().sizeHint().width(), self.height_for(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()      # wrapped lines and thus the height follow the width

    # -- selection ----------------------------------------------------------------------
    def selected_card_ids(self) -> list[int]:
        sel = self.view.selectionModel()
        if sel is None:
            return []
        return [self.model.data(i, CardRole).id for i in sorted(sel.selectedIndexes(), key=lambda i: i.row())]

    def select_card(self, card_id: int) -> bool:
        row = self.model.row_of(card_id)
        if row < 0:
            return False
        index = self.model.index(row)
        if self.view.selectionModel() is not None:
            # not view.setCurrentIndex(): that asks the keyboard for Ctrl/Shift and would toggle the
            # card off again while (or after a shortcut, as Qt still believes) Ctrl is held
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        if self.view.selectionModel() is not None:
            self.view.clearSelection()

    # -- events -------------------------------------------------------------------------
    def _on_view_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            card = self.model.data(index, CardRole)
            if card.id not in self.selected_card_ids():
                self.select_card(card.id)
            self.card_context_menu.emit(card.id, self.view.viewport().mapToGlobal(pos))
        else:
            self.cluster_context_menu.emit(self.cluster.id, self.view.viewport().mapToGlobal(pos))

    def _on_clicked(self, index: QModelIndex) -> None:
        card = self.model.data(index, CardRole)
        if card is not None:
            self.card_clicked.emit(card.id, self.view.last_modifiers)

    def mousePressEvent(self, event) -> None:
        self.cluster_clicked.emit(self.cluster.id)
        super().mousePressEvent(event)
