"""The workshop step: entry line, live board, side panel, dot voting and the presenter window.

Embedded by the main window as ``WorkshopView(database, lab_id, parent)``; ``refresh()``
reloads everything from the database. This module puts the parts together and gives feedback.
Each part is an object the view owns, in a module of its own: the presentation (``presentation``,
``presenter_control``), the dot vote (``dot_vote``, ``vote_mode``), the edits with their dialogs
(``editing``, ``card_editing``) and the kept half-typed card (``draft``, ``entry_draft``); the
toolbar above the board is built by ``workshop_toolbar``.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QMessageBox, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ...core.board.service import BoardService
from ...core.lab_service import lab_title
from ...core.storage.database import Database
from .backup_timer import RollingBackup
from .board_grid import BoardGrid
from .board_menus import card_menu, cluster_menu
from .controller import BoardController
from .card_editing import CardEditing
from .clusterer_loader import ClustererLoader
from .entry_bar import EntryBar
from .entry_draft import DraftKeeper
from .presenter_control import Presentation
from .side_panel import SidePanel
from .vote_mode import DotVote
from .workshop_toolbar import WorkshopToolbar
from ...core import count_texts
from ..i18n import localized, translate

FRESH_MS = 2500
BOARD_MIN_WIDTH = 260      # one column of cards
BOARD_MIN_HEIGHT = 160


class _UndoRouter(QObject):
    """Ctrl+Z in an empty entry line undoes the last board action instead of typing."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and not obj.text() and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return False


class _AfterFirstPaint(QObject):
    """Calls ``callback`` once, right after the first paint of ``widget`` (and the rest of that paint pass)."""

    def __init__(self, widget: QWidget, callback, parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._callback)
        return False


class WorkshopView(QWidget):
    """The live workshop board of one lab."""

    def __init__(self, database: Database, lab_id: int, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.database = database
        self.lab_id = lab_id
        self.service = BoardService(database, lab_id)
        self.controller = BoardController(self.service, self)
        self._closed = False          # after close: no timers, no database work until shown again
        # the dot vote (Punktabfrage): its mode, number keys and results tab
        self.dot_vote = DotVote(self)
        # the facilitator's edits with their dialogs (drop, delete, edit, group, rename, split …)
        self.editing = CardEditing(self)
        # the projector: presentation window, its screen, hidden texts, the result
        self.presentation = Presentation(self)
        self.lab_title = lab_title(database, lab_id) or translate('WorkshopView', 'Quartierslabor')

        root = QVBoxLayout(self)
        root.setContentsMargins(8, 8, 8, 4)
        root.setSpacing(6)
        self.entry = EntryBar(self)
        self._undo_router = _UndoRouter(self)
        self.entry.line.installEventFilter(self._undo_router)
        # the half-typed card survives closing the window and a crash
        self.draft = DraftKeeper(self.entry, database.url, lab_id, self)
        root.addWidget(self.entry)
        self.toolbar = WorkshopToolbar(self)
        root.addWidget(self.toolbar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        # the board fills the room it gets; on a small screen with many groups it scrolls instead of
        # making the window taller than the screen
        self.board_area = QScrollArea(self.splitter)
        self.board_area.setWidgetResizable(True)
        self.board_area.setFrameShape(QFrame.Shape.NoFrame)
        self.board_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.board = BoardGrid(self.controller.store, drop_handler=self.editing.drop_cards, parent=self.board_area)
        # one scroll direction: the topics reflow into as many columns as the width holds
        self.board_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.board_area.setWidget(self.board)
        self.board_area.setMinimumSize(BOARD_MIN_WIDTH, BOARD_MIN_HEIGHT)
        self.side = SidePanel(self.splitter)
        self.dot_vote.add_tab(self.side)
        self.splitter.addWidget(self.board_area)
        self.splitter.addWidget(self.side)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1000, 280])
        root.addWidget(self.splitter, 1)
        self.storage_full_box: Optional[QMessageBox] = None
        self._status_is_counts = True       # the status line shows the counts (not a hint or an error)
        self.status = QLabel("", self)
        self.status.setStyleSheet("color: #4b5866;")
        # long hints (dot vote, errors) wrap instead of widening the window beyond the screen
        self.status.setWordWrap(True)
        root.addWidget(self.status)

        self._build_actions()
        self._fresh_timer = QTimer(self)
        self._fresh_timer.setSingleShot(True)
        self._fresh_timer.timeout.connect(lambda: self._set_fresh(set()))

        c = self.controller
        self.entry.submitted.connect(self.add_card)
        c.error.connect(self._show_error)
        c.storage_full.connect(self._show_storage_full)
        c.card_added.connect(self._on_card_added)
        self.backup = RollingBackup(database, self)
        c.activity.connect(self.backup.note_activity)
        c.activity.connect(self._update_status)
        self.backup.backed_up.connect(lambda p: self._update_status())
        self.backup.failed.connect(self._show_error)
        store = c.store
        for signal in (store.card_changed, store.card_removed, store.reset, store.cluster_changed,
                       store.cards_regrouped):
            signal.connect(self.dot_vote.schedule_results)
        # the status line counts like the step bar: a card gone, moved or restored changes it
        for signal in (store.card_removed, store.reset, store.cards_regrouped, store.cluster_removed):
            signal.connect(self._update_status)
        store.card_changed.connect(self._update_status_if_moved)
        store.card_changed.connect(self._refresh_details)
        store.cards_regrouped.connect(lambda _ids: self._refresh_deleted())
        store.card_removed.connect(lambda _c: self._refresh_deleted())
        store.card_changed.connect(lambda _n, _o: self._refresh_deleted_if_needed())
        store.reset.connect(self._refresh_deleted)
        self.board.card_context_menu.connect(lambda cid, pos: card_menu(self, cid).popup(pos))
        self.board.cluster_context_menu.connect(lambda cid, pos: cluster_menu(self, cid).popup(pos))
        self.board.selection_changed.connect(self._on_selection)
        self.board.typed.connect(self._type_into_entry)
        # bound methods (not lambdas): Qt drops these connections when the view is deleted
        self.board.card_clicked.connect(self.dot_vote.card_clicked)
        self.board.cluster_clicked.connect(self.dot_vote.cluster_clicked)
        self.side.restore_requested.connect(self.controller.restore_card)
        self.side.proposal_accepted.connect(self.editing.accept_proposal)
        self.side.proposals_refresh.connect(self.editing.find_proposals)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.backup.finish)
        self.refresh()
        self._opening_notice = False
        if not self.backup.supported:     # said once, when the board opens
            self._show_info(self.backup.unsupported_notice())
            self._opening_notice = True
        # build the clusterer off the GUI thread once the board is painted (the build does not compete with the
        # first paint): the board is usable at once, cards typed meanwhile are saved and wait in the catch-all
        # topic until it is ready; tied to the view, so it never runs after the view is gone
        self.clusterer_loader = ClustererLoader(self.controller, self)
        self.clusterer_loader.ready.connect(self._update_status_after_loading)
        # an operation that makes the clusterer stale (a merge, an undo, renaming a topic known by its name)
        # rebuilds it in the background too, so the next Enter never waits for a rebuild on the GUI thread
        self.controller.activity.connect(self._rebuild_if_stale)
        self._warmed = False
        self._first_paint = _AfterFirstPaint(self.entry.line, self._warm_up, self)
        self.setFocusProxy(self.entry.line)

    # -- construction helpers -----------------------------------------------------------

    def _warm_up(self) -> None:
        if not self._closed:
            self._warmed = True
            self.clusterer_loader.start()
            self._update_status_after_loading()

    def _rebuild_if_stale(self) -> None:
        loader = self.clusterer_loader
        if self._warmed and not self._closed and not loader.loading and not self.service.ctx.clusterer_ready:
            loader.start()

    def _action(self, text: str, keys, slot, parent: QWidget) -> QAction:
        action = QAction(text, parent)
        action.setShortcuts([QKeySequence(k) for k in keys] if isinstance(keys, (list, tuple))
                            else QKeySequence.keyBindings(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        parent.addAction(action)
        return action

    def _build_actions(self) -> None:
        stack = self.controller.undo_stack
        self.undo_action = self._action(translate('WorkshopView', 'Rückgängig'), QKeySequence.StandardKey.Undo, stack.undo, self)
        self.redo_action = self._action(translate('WorkshopView', 'Wiederholen'), ["Ctrl+Shift+Z", "Ctrl+Y"], stack.redo, self)
        self._action(translate('WorkshopView', 'Neues Thema'), ["Ctrl+Shift+N"], self.editing.create_cluster_dialog, self)
        self._action(translate('WorkshopView', 'Präsentation'), ["Ctrl+P"], lambda: self.toolbar.presenter_button.toggle(), self)
        self._action(translate('WorkshopView', 'Texte verbergen'), ["Ctrl+H"], lambda: self.toolbar.hide_button.toggle(), self)
        self._action(translate('WorkshopView', 'Punktabfrage'), ["F9"], lambda: self.toolbar.vote_button.toggle(), self)
        self._action(translate('WorkshopView', 'Zur Eingabezeile'), ["Ctrl+L"], self.focus_entry, self)
        self._action(translate('WorkshopView', 'Auswahl aufheben'), ["Escape"], self.clear_selection, self)
        # keys that act on the selection only while the board has focus (not while typing)
        self._action(translate('WorkshopView', 'Löschen'), ["Delete"], lambda: self.editing.delete_cards(self.board.selected_card_ids()), self.board)
        self._action(translate('WorkshopView', 'Bearbeiten'), ["F2"], self.editing.edit_selected, self.board)
        self.dot_vote.add_actions(self._action)

    # -- public API ---------------------------------------------------------------------
    def refresh(self) -> None:
        self.controller.reload()
        self._update_status()
        self.focus_entry()

    def _type_into_entry(self, text: str) -> None:
        """A key typed on the board: continue typing the card in the entry line."""
        if self.entry.line.isEnabled():
            self.focus_entry()
            self.entry.line.insert(text)

    def clear_selection(self) -> None:
        """Esc: no card selected anywhere, back to the entry line."""
        self.board.clear_selection()
        self.dot_vote.cluster = None
        self.focus_entry()

    def focus_entry(self) -> None:
        if self.entry.line.isEnabled():
            self.entry.line.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_card(self, text: str, place: str = "", table: str = ""):
        card = self.controller.add_card(text, place, table)
        if card is not None:
            self.entry.accept()
        return card


    # -- feedback -----------------------------------------------------------------------
    def _on_card_added(self, card_id: int) -> None:
        # once the board has laid out the new card: scroll the board to it
        QTimer.singleShot(0, self, lambda: self.reveal_card(card_id))
        self._set_fresh({card_id})
        self._fresh_timer.start(FRESH_MS)
        card = self.controller.store.cards.get(card_id)
        if card is not None:
            self.side.details.show_card(card, self.controller.store.clusters.get(card.cluster_id))
        self._update_status()

    def _set_fresh(self, ids: set[int]) -> None:
        """Highlight newly arrived cards on the board and the projector (none: highlight off)."""
        self.board.set_fresh(ids)
        self.presentation.set_fresh(ids)

    def reveal_card(self, card_id: int) -> None:
        """Scroll the board so that this card is on screen."""
        # the board's geometry first: the new card may have made its topic (and the board) taller
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        rect = self.board.card_rect(card_id)
        if rect is not None:
            self.board_area.ensureVisible(rect.center().x(), rect.center().y(), 8, rect.height() // 2 + 8)

    def _on_selection(self) -> None:
        ids = self.board.selected_card_ids()
        if ids and ids[0] in self.controller.store.cards:
            card = self.controller.store.cards[ids[0]]
            self.side.details.show_card(card, self.controller.store.clusters.get(card.cluster_id))

    def _refresh_details(self, card, _old) -> None:
        """The card in the side panel changed (e.g. placed once the topics were loaded): show it as it is now."""
        if card.id == self.side.details.card_id:
            self.side.details.show_card(card, self.controller.store.clusters.get(card.cluster_id))

    def _refresh_deleted(self) -> None:
        self.side.set_deleted(list(self.controller.store.deleted.values()))

    def _refresh_deleted_if_needed(self) -> None:
        if self.side.deleted_list.count() != len(self.controller.store.deleted):
            self._refresh_deleted()

    def _update_status_if_moved(self, new, old) -> None:
        if old is None or new.cluster_id != old.cluster_id:
            self._update_status()

    def _update_status_after_loading(self) -> None:
        """Loading the topics updates the status line, but leaves the notice shown at opening until the first
        activity."""
        if not self._opening_notice and self._status_is_counts:      # a hint (dot vote, error) stays
            self._update_status()

    def _update_status(self, *_args) -> None:
        self._opening_notice = False
        store = self.controller.store
        # topics with cards, like the step bar ("2 Workshop – 3 Anliegen · 2 Themen")
        used = len({card.cluster_id for card in store.cards.values() if card.cluster_id is not None})
        text = translate('WorkshopView', '{concerns_in_topics} · jede Karte ist sofort gespeichert').format(
            concerns_in_topics=localized(count_texts.concerns_in_topics(len(store.cards), used)))
        if self.service.ctx.building:
            text += translate('WorkshopView', ' · Themen werden geladen …')
        if self.backup.policy.last_path is not None:
            text += translate('WorkshopView', ' · letzte Sicherung: {0}').format(self.backup.policy.last_path.name)
        self._status_style("color: #4b5866;")
        self.status.setText(text)
        self._status_is_counts = True

    def _status_style(self, style: str) -> None:
        if self.status.styleSheet() != style:       # a style sheet set again is applied again (costly per card)
            self.status.setStyleSheet(style)

    def _show_info(self, text: str) -> None:
        self._status_style("color: #2b5d34;")
        self.status.setText(text)
        self._status_is_counts = False

    def _show_storage_full(self, text: str) -> None:
        """A window-modal box (not blocking the event loop): the disk is full, what was not saved."""
        box = QMessageBox(QMessageBox.Icon.Critical, translate("WorkshopView", "Nicht gespeichert"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.storage_full_box = box
        box.open()

    def _show_error(self, text: str) -> None:
        self._status_is_counts = False
        self._status_style("color: #b33a36; font-weight: 600;")
        self.status.setText(text.replace("\n", " – "))

    # -- lifecycle ----------------------------------------------------------------------
    def hideEvent(self, event) -> None:
        self.draft.flush()
        self.backup.finish()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        if self._closed:              # shown again after closing: finish what the close interrupted
            QTimer.singleShot(0, self, self._warm_up)
        self._closed = False
        self.backup.start()
        super().showEvent(event)

    def closeEvent(self, event) -> None:
        """Back up, close the presenter and stop every timer: nothing touches the database afterwards."""
        self.draft.flush()
        self.backup.finish()
        self.presentation.close()
        self._closed = True
        self.clusterer_loader.stop()
        self.backup.stop()
        self.dot_vote.stop()
        self._fresh_timer.stop()
        super().closeEvent(event)
