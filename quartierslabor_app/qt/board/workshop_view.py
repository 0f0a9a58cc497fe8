"""The workshop step: entry line, live board, side panel, dot voting and the presenter window.

Embedded by the main window as ``WorkshopView(database, lab_id, parent)``; ``refresh()``
reloads everything from the database.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QApplication, QColorDialog, QFrame, QHBoxLayout, QLabel, QMenu, QMessageBox,
                               QPushButton, QScrollArea, QSplitter, QToolButton, QVBoxLayout, QWidget)

from ...core.board.service import BoardService
from ...core.lab_service import lab_title
from ...core.storage.database import Database
from .backup_timer import RollingBackup
from .board_grid import BoardGrid
from .board_menus import card_menu, cluster_menu
from .controller import BoardController
from .counts import cards_text, scope
from .dialogs import BudgetDialog, EditCardDialog, SplitDialog
from .entry_bar import EntryBar
from .presenter_window import PresenterWindow
from .side_panel import SidePanel
from .vote_results import VoteResultsWidget
from ..widgets import name_dialog
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


class WorkshopView(QWidget):
    """The live workshop board of one lab."""

    def __init__(self, database: Database, lab_id: int, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.database = database
        self.lab_id = lab_id
        self.service = BoardService(database, lab_id)
        self.controller = BoardController(self.service, self)
        self.presenter: Optional[PresenterWindow] = None
        self.vote_mode = False
        self.hide_texts = False
        self._closed = False          # after close: no timers, no database work until shown again
        self._vote_cluster: Optional[int] = None
        self._screen_chosen = False    # the facilitator picked the presentation screen (kept on changes)
        self.lab_title = lab_title(database, lab_id) or translate('WorkshopView', 'Quartierslabor')

        root = QVBoxLayout(self)
        root.setContentsMargins(8, 8, 8, 4)
        root.setSpacing(6)
        self.entry = EntryBar(self)
        self._undo_router = _UndoRouter(self)
        self.entry.line.installEventFilter(self._undo_router)
        root.addWidget(self.entry)
        root.addLayout(self._build_toolbar())

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        # the board fills the room it gets; on a small screen with many groups it scrolls instead of
        # making the window taller than the screen
        self.board_area = QScrollArea(self.splitter)
        self.board_area.setWidgetResizable(True)
        self.board_area.setFrameShape(QFrame.Shape.NoFrame)
        self.board_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.board = BoardGrid(self.controller.store, drop_handler=self.drop_cards, parent=self.board_area)
        # one scroll direction: the topics reflow into as many columns as the width holds
        self.board_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.board_area.setWidget(self.board)
        self.board_area.setMinimumSize(BOARD_MIN_WIDTH, BOARD_MIN_HEIGHT)
        self.side = SidePanel(self.splitter)
        self.results = VoteResultsWidget(self.side)
        self.votes_index = self.side.addTab(self._votes_tab(), translate('WorkshopView', 'Punkte'))
        self.side.setTabToolTip(self.votes_index, translate('WorkshopView', 'Ergebnis der Punktabfrage'))
        self.splitter.addWidget(self.board_area)
        self.splitter.addWidget(self.side)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1000, 280])
        root.addWidget(self.splitter, 1)
        self.storage_full_box: Optional[QMessageBox] = None
        self.status = QLabel("", self)
        self.status.setStyleSheet("color: #4b5866;")
        # long hints (dot vote, errors) wrap instead of widening the window beyond the screen
        self.status.setWordWrap(True)
        root.addWidget(self.status)

        self._build_actions()
        self._fresh_timer = QTimer(self)
        self._fresh_timer.setSingleShot(True)
        self._fresh_timer.timeout.connect(lambda: self._set_fresh(set()))
        self._results_timer = QTimer(self)
        self._results_timer.setSingleShot(True)
        self._results_timer.setInterval(80)
        self._results_timer.timeout.connect(self.refresh_results)

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
            signal.connect(self._schedule_results)
        store.cards_regrouped.connect(lambda _ids: self._refresh_deleted())
        store.card_removed.connect(lambda _c: self._refresh_deleted())
        store.card_changed.connect(lambda _n, _o: self._refresh_deleted_if_needed())
        store.reset.connect(self._refresh_deleted)
        self.board.card_context_menu.connect(lambda cid, pos: card_menu(self, cid).popup(pos))
        self.board.cluster_context_menu.connect(lambda cid, pos: cluster_menu(self, cid).popup(pos))
        self.board.selection_changed.connect(self._on_selection)
        self.board.typed.connect(self._type_into_entry)
        # bound methods (not lambdas): Qt drops these connections when the view is deleted
        QGuiApplication.instance().screenAdded.connect(self._on_screens_changed)
        QGuiApplication.instance().screenRemoved.connect(self._on_screens_changed)
        self.board.card_clicked.connect(self._on_card_clicked)
        self.board.cluster_clicked.connect(self._on_cluster_clicked)
        self.side.restore_requested.connect(self.controller.restore_card)
        self.side.proposal_accepted.connect(self.accept_proposal)
        self.side.proposals_refresh.connect(self.find_proposals)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.backup.finish)
        self.refresh()
        if not self.backup.supported:     # said once, when the board opens
            self._show_info(self.backup.unsupported_notice())
        # build the clusterer right after the board is on screen (the first card would build it anyway);
        # tied to the view, so it never runs after the view is gone
        QTimer.singleShot(0, self, self._warm_up)
        self.setFocusProxy(self.entry.line)

    # -- construction helpers -----------------------------------------------------------
    def _tool(self, text: str, tip: str, slot, checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        (button.toggled if checkable else button.clicked).connect(slot)
        return button

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(4)
        # undo and redo as compact arrows; the tooltip names the step and the keys
        self.undo_button = self._tool("↶", "", lambda: self.controller.undo_stack.undo())
        self.redo_button = self._tool("↷", "", lambda: self.controller.undo_stack.redo())
        for button in (self.undo_button, self.redo_button):
            button.setStyleSheet("QToolButton { font-size: 13pt; padding: 0px 6px; }")
        self.new_cluster_button = self._tool(translate('WorkshopView', '+ Thema'), translate('WorkshopView', 'Neues Thema anlegen (Strg+Umschalt+N)'), self.create_cluster_dialog)
        self.recluster_button = self._tool(translate('WorkshopView', 'Neu gruppieren'), translate('WorkshopView', 'Alle automatisch zugeordneten Karten neu zuordnen'),
                                           self.recluster)
        self.vote_button = self._tool(translate('WorkshopView', 'Punktabfrage'), translate('WorkshopView', 'Punkte vergeben: Klick = +1, Umschalt+Klick = −1, Zahl 1–9 = so viele Punkte, 0 = zurück auf 0 (F9)'), self.set_vote_mode, True)
        # the projector controls as one group on the right: the presentation button carries the
        # screen choice in its menu (arrow), hiding texts and showing the result stay one click away
        self.presenter_button = self._tool(translate('WorkshopView', 'Präsentation'), "", self.toggle_presenter, True)
        self.presenter_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.screen_menu = QMenu(self.presenter_button)
        self.screen_menu.setToolTipsVisible(True)
        self.screen_group = QActionGroup(self)
        self.screen_group.setExclusive(True)
        self.screen_group.triggered.connect(self._on_screen_chosen)
        self.presenter_button.setMenu(self.screen_menu)
        self._fill_screens()
        self.hide_button = self._tool(translate('WorkshopView', 'Texte verbergen'), translate('WorkshopView', 'Kartentexte in der Präsentation verbergen (Strg+H)'),
                                      self.set_hide_texts, True)
        self.results_button = self._tool(translate('WorkshopView', 'Ergebnis zeigen'), translate('WorkshopView', 'Präsentation zeigt das Ergebnis der Punktabfrage'),
                                         self.show_results_on_presenter, True)
        self.city_button = QToolButton(self)
        # the menu arrow as part of the text: Qt draws the arrow of an instant-popup button into the
        # corner without making room for it, so it would touch the last letter
        self.city_button.setText(translate('WorkshopView', 'Stadtvorgaben') + " ▾")
        self.city_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.city_button.setToolTip(translate('WorkshopView', 'Was die Stadt aus diesem Labor übernimmt'))
        self.city_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.city_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        city_menu = QMenu(self.city_button)
        self.learn_city_action = city_menu.addAction(translate('WorkshopView', 'Korrekturen auch für die Stadt lernen'))
        self.learn_city_action.setCheckable(True)
        self.learn_city_action.setChecked(self.service.ctx.share_with_city)
        self.learn_city_action.toggled.connect(self.service.set_share_with_city)
        city_menu.addAction(translate('WorkshopView', 'Themen dieses Labors als Vorgabe für neue Labore speichern'),
                            self.save_city_default)
        self.city_button.setMenu(city_menu)
        for w in (self.undo_button, self.redo_button, self.new_cluster_button, self.recluster_button,
                  self.vote_button, self.city_button):
            bar.addWidget(w)
        bar.addStretch(1)
        projector = QFrame(self)
        projector.setObjectName("projectorControls")
        projector.setFrameShape(QFrame.Shape.StyledPanel)
        projector_row = QHBoxLayout(projector)
        projector_row.setContentsMargins(2, 1, 2, 1)
        projector_row.setSpacing(2)
        for w in (self.presenter_button, self.hide_button, self.results_button):
            projector_row.addWidget(w)
        self.projector_controls = projector
        bar.addWidget(projector)
        stack = self.controller.undo_stack
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.canRedoChanged.connect(self.redo_button.setEnabled)
        stack.undoTextChanged.connect(self._update_undo_tips)   # bound: dropped with the view
        stack.redoTextChanged.connect(self._update_undo_tips)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self._update_undo_tips()
        return bar

    def _update_undo_tips(self, *_args) -> None:
        stack = self.controller.undo_stack
        undo, redo = stack.undoText(), stack.redoText()
        self.undo_button.setToolTip(translate('WorkshopView', 'Rückgängig: {0} (Strg+Z)').format(undo) if undo
                                    else translate('WorkshopView', 'Rückgängig (Strg+Z)'))
        self.redo_button.setToolTip(translate('WorkshopView', 'Wiederholen: {0} (Strg+Umschalt+Z)').format(redo) if redo
                                    else translate('WorkshopView', 'Wiederholen (Strg+Umschalt+Z)'))

    def _on_screens_changed(self, _screen=None) -> None:
        self._fill_screens()

    def _warm_up(self) -> None:
        if not self._closed:
            self.service.warm_up()

    def _fill_screens(self) -> None:
        """One menu entry per screen; keeps the chosen screen, else the second one (the projector)."""
        previous = self.screen_index()
        self.screen_menu.clear()
        for action in self.screen_group.actions():
            self.screen_group.removeAction(action)
        self.screen_menu.addSection(translate('WorkshopView', 'Bildschirm für die Präsentation'))
        screens = QGuiApplication.screens()
        for i, screen in enumerate(screens):
            geo = screen.geometry()
            action = QAction(translate('WorkshopView', 'Bildschirm {0} ({1}×{2})').format(i + 1, geo.width(), geo.height()),
                             self.screen_menu)
            action.setCheckable(True)
            action.setData(i)
            self.screen_group.addAction(action)
            self.screen_menu.addAction(action)
        actions = self.screen_group.actions()
        if actions:
            keep = self._screen_chosen and previous is not None and previous < len(actions)
            chosen = previous if keep else min(1, len(actions) - 1)
            actions[chosen].setChecked(True)
        self._update_presenter_tip()

    def screen_actions(self) -> list[QAction]:
        """The screen entries in the presentation button's menu."""
        return list(self.screen_group.actions())

    def screen_index(self) -> Optional[int]:
        """Index (in ``QGuiApplication.screens()``) of the screen chosen for the presentation."""
        action = self.screen_group.checkedAction() if hasattr(self, "screen_group") else None
        return int(action.data()) if action is not None else None

    def presenter_screen(self):
        screens = QGuiApplication.screens()
        index = self.screen_index()
        return screens[index] if index is not None and 0 <= index < len(screens) else None

    def _on_screen_chosen(self, _action: QAction) -> None:
        self._screen_chosen = True
        self._update_presenter_tip()
        if self.presenter is not None and self.presenter.isVisible():
            fullscreen = self.presenter.isFullScreen()
            if fullscreen:
                self.presenter.showNormal()
            self.presenter.open_on(self.presenter_screen(), fullscreen)
        self.focus_entry()

    def _update_presenter_tip(self) -> None:
        action = self.screen_group.checkedAction()
        tip = translate('WorkshopView', 'Ansicht für den Beamer öffnen (Strg+P)')
        if action is not None:
            tip += "\n" + translate('WorkshopView', 'Auf: {0} – anderer Bildschirm über den Pfeil').format(action.text())
        self.presenter_button.setToolTip(tip)

    def _votes_tab(self) -> QWidget:
        tab = QWidget(self.side)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.results, 1)
        row = QHBoxLayout()
        budget = QPushButton(translate('WorkshopView', 'Punktebudget …'), tab)
        budget.clicked.connect(self.budget_dialog)
        reset = QPushButton(translate('WorkshopView', 'Alle Punkte löschen'), tab)
        reset.clicked.connect(self.controller.reset_votes)
        for b in (budget, reset):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(b)
        layout.addLayout(row)
        return tab

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
        self._action(translate('WorkshopView', 'Neues Thema'), ["Ctrl+Shift+N"], self.create_cluster_dialog, self)
        self._action(translate('WorkshopView', 'Präsentation'), ["Ctrl+P"], lambda: self.presenter_button.toggle(), self)
        self._action(translate('WorkshopView', 'Texte verbergen'), ["Ctrl+H"], lambda: self.hide_button.toggle(), self)
        self._action(translate('WorkshopView', 'Punktabfrage'), ["F9"], lambda: self.vote_button.toggle(), self)
        self._action(translate('WorkshopView', 'Zur Eingabezeile'), ["Ctrl+L"], self.focus_entry, self)
        self._action(translate('WorkshopView', 'Auswahl aufheben'), ["Escape"], self.clear_selection, self)
        # keys that act on the selection only while the board has focus (not while typing)
        self._action(translate('WorkshopView', 'Löschen'), ["Delete"], lambda: self.delete_cards(self.board.selected_card_ids()), self.board)
        self._action(translate('WorkshopView', 'Bearbeiten'), ["F2"], self._edit_selected, self.board)
        self.vote_actions = []
        for n in range(1, 10):
            self.vote_actions.append(self._action(translate('WorkshopView', 'Punktabfrage: +{n}').format(n=n), [str(n)], lambda _=False, n=n: self.vote_key(n), self))
        self.vote_actions.append(self._action(translate('WorkshopView', 'Punktabfrage: +1'), ["+", "="], lambda: self.vote_key(1), self))
        self.vote_actions.append(self._action(translate('WorkshopView', 'Punktabfrage: −1'), ["-"], lambda: self.vote_key(-1), self))
        self.vote_actions.append(self._action(translate('WorkshopView', 'Punktabfrage: auf 0 setzen'), ["0"], lambda: self.vote_key(0, absolute=True), self))
        for action in self.vote_actions:
            action.setEnabled(False)

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
        self._vote_cluster = None
        self.focus_entry()

    def focus_entry(self) -> None:
        if self.entry.line.isEnabled():
            self.entry.line.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_card(self, text: str, place: str = "", table: str = ""):
        card = self.controller.add_card(text, place, table)
        if card is not None:
            self.entry.accept()
        return card

    def drop_cards(self, card_ids: list[int], cluster_id: int, row: Optional[int] = None) -> int:
        """What a drop on a cluster does: move cards there; inside the same cluster, pin at the row."""
        store = self.controller.store
        ids = [i for i in card_ids if i in store.cards]
        if not ids or cluster_id not in store.clusters:
            return 0
        same = all(store.cards[i].cluster_id == cluster_id for i in ids)
        if same:
            if row is None:
                return 0
            position = self._pin_position(cluster_id, row)
            stack = self.controller.undo_stack
            stack.beginMacro(translate('WorkshopView', 'Karten anheften'))
            done = sum(bool(self.controller.pin_card(i, True, None, position + k * 0.001))
                       for k, i in enumerate(ids))
            stack.endMacro()
            return done
        moved = self.controller.move_cards(ids, cluster_id)
        self.focus_entry()
        return moved

    def _pin_position(self, cluster_id: int, row: int) -> float:
        cards = self.controller.store.cards_of(cluster_id)
        pinned = [c.pos_y for c in cards if c.pinned and c.pos_y is not None]
        if not pinned:
            return 1.0
        row = max(0, min(row, len(pinned)))
        if row == 0:
            return pinned[0] - 1.0
        if row >= len(pinned):
            return pinned[-1] + 1.0
        return (pinned[row - 1] + pinned[row]) / 2.0

    def confirm(self, question: str) -> bool:
        """Ask before an action on more than one card (tests replace this)."""
        answer = QMessageBox.question(self, translate('WorkshopView', 'Mehrere Karten'), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def delete_cards(self, card_ids: list[int]) -> int:
        """Delete these cards; more than one only after a question that names what goes."""
        store = self.controller.store
        ids = [i for i in card_ids if i in store.cards]
        if not ids:
            return 0
        what = scope(store.cards[i] for i in ids)
        if len(ids) > 1 and not self.confirm(translate('WorkshopView', '{what} löschen?').format(what=what)):
            self.focus_entry()
            return 0
        stack = self.controller.undo_stack
        if len(ids) > 1:
            stack.beginMacro(translate('WorkshopView', '{what} löschen').format(what=what))
        done = sum(bool(self.controller.delete_card(i)) for i in ids)
        if len(ids) > 1:
            stack.endMacro()
        self._show_info(translate('WorkshopView', 'Gelöscht: {what} – Strg+Z holt sie zurück, ebenso der Papierkorb.').format(
            what=cards_text(done)))
        self.focus_entry()
        return done

    def group_selected(self, card_ids: list[int]) -> None:
        name, ok = name_dialog.ask_name(self, translate('WorkshopView', 'Neues Thema'), translate('WorkshopView', 'Name des neuen Themas:'))
        if ok and name.strip():
            self.controller.group_cards(card_ids, name)
        self.focus_entry()

    def edit_card(self, card_id: int) -> None:
        card = self.controller.store.cards.get(card_id)
        if card is None:
            return
        dialog = EditCardDialog(card, self)
        if dialog.exec():
            text, place, table = dialog.values()
            self.controller.edit_card(card_id, text=text, place=place, table=table)
        self.focus_entry()

    def _edit_selected(self) -> None:
        ids = self.board.selected_card_ids()
        if ids:
            self.edit_card(ids[0])

    def create_cluster_dialog(self) -> None:
        name, ok = name_dialog.ask_name(self, translate('WorkshopView', 'Neues Thema'), translate('WorkshopView', 'Name des neuen Themas:'))
        if ok and name.strip():
            self.controller.create_cluster(name)
        self.focus_entry()

    def rename_cluster_dialog(self, cluster_id: int) -> None:
        cluster = self.controller.store.clusters[cluster_id]
        name, ok = name_dialog.ask_name(self, translate('WorkshopView', 'Thema umbenennen'), translate('WorkshopView', 'Neuer Name:'), text=cluster.name)
        if ok:
            self.controller.rename_cluster(cluster_id, name)
        self.focus_entry()

    def recolor_cluster_dialog(self, cluster_id: int) -> None:
        from PySide6.QtGui import QColor
        cluster = self.controller.store.clusters[cluster_id]
        color = QColorDialog.getColor(QColor(cluster.color), self, translate('WorkshopView', 'Farbe für „{0}“').format(cluster.name))
        if color.isValid():
            self.controller.recolor_cluster(cluster_id, color.name())
        self.focus_entry()

    def split_cluster_dialog(self, cluster_id: int) -> None:
        store = self.controller.store
        dialog = SplitDialog(store.clusters[cluster_id].name, store.cards_of(cluster_id),
                             self.board.selected_card_ids(), self)
        if dialog.exec():
            ids, name = dialog.chosen()
            self.controller.split_cluster(cluster_id, ids, name)
        self.focus_entry()

    def recluster(self) -> None:
        result = self.controller.recluster_all()
        if result is not None:
            self._show_info(translate('WorkshopView', 'Neu gruppiert: {cards} mit neuem Thema (von Hand zugeordnete und angeheftete Karten bleiben).').format(cards=localized(count_texts.cards(len(result.card_changes)))))
        self.focus_entry()

    def find_proposals(self) -> None:
        try:
            proposals = self.service.discovery_proposals()
        except Exception as exc:  # noqa: BLE001 - a failing proposal search must not stop the workshop
            self._show_error(translate('WorkshopView', 'Vorschläge konnten nicht ermittelt werden: {exc}').format(exc=exc))
            return
        self.side.set_proposals(proposals)
        self.side.setCurrentIndex(self.side.proposals_index)

    def accept_proposal(self, proposal) -> None:
        name, ok = name_dialog.ask_name(self, translate('WorkshopView', 'Neues Thema übernehmen'), translate('WorkshopView', 'Name des neuen Themas:'), text=proposal.name)
        if ok and name.strip():
            if self.controller.accept_discovery(proposal, name) is not None:
                self.find_proposals()
        self.focus_entry()

    def save_city_default(self) -> None:
        count = self.controller._run(self.service.save_taxonomy_as_city_default)
        if count is not None:
            self._show_info(translate('WorkshopView', 'Vorgabe der Stadt für neue Labore jetzt: {topics}.').format(topics=localized(count_texts.topics(count))))
        self.focus_entry()

    def budget_dialog(self) -> None:
        dialog = BudgetDialog(self.service.vote_budget(), self)
        if dialog.exec():
            points, people = dialog.values()
            self.controller._run(self.service.set_vote_budget, points, people)
            self.refresh_results()
        self.focus_entry()

    # -- dot voting ---------------------------------------------------------------------
    def set_vote_mode(self, on: bool) -> None:
        self.vote_mode = bool(on)
        if self.vote_button.isChecked() != self.vote_mode:
            self.vote_button.setChecked(self.vote_mode)
        for action in self.vote_actions:
            action.setEnabled(self.vote_mode)
        self.entry.line.setEnabled(not self.vote_mode)
        if self.vote_mode:
            self.side.setCurrentIndex(self.votes_index)
            self.refresh_results()
            self.board.setFocus()
            self._show_info(translate('WorkshopView', 'Punktabfrage: Karte anklicken = +1 Punkt, Umschalt+Klick = −1, Zahl 1–9 = so viele Punkte für die Auswahl, 0 = zurück auf 0; Themenkopf anklicken = Punkt für das Thema.'))
        else:
            self._show_info(translate('WorkshopView', 'Punktabfrage beendet.'))
            self.focus_entry()

    def vote_key(self, value: int, absolute: bool = False) -> None:
        """Number keys in vote mode: add ``value`` points to the one focused card (or the chosen cluster)."""
        if not self.vote_mode:
            return
        card_id = self.board.focused_card_id()
        if card_id is not None:
            if absolute:
                self.controller.set_card_votes(card_id, value)
            else:
                self.controller.add_card_vote(card_id, value)
        elif self._vote_cluster is not None and self._vote_cluster in self.controller.store.clusters:
            if absolute:
                self.controller.set_cluster_votes(self._vote_cluster, value)
            else:
                self.controller.add_cluster_vote(self._vote_cluster, value)

    def _on_card_clicked(self, card_id: int, modifiers) -> None:
        self._vote_cluster = None
        if self.vote_mode:
            self.board.select_card(card_id)      # a vote goes to one card: the one clicked
            delta = -1 if modifiers & Qt.KeyboardModifier.ShiftModifier else 1
            self.controller.add_card_vote(card_id, delta)

    def _on_cluster_clicked(self, cluster_id: int) -> None:
        if self.vote_mode:
            self.board.clear_selection()
            self._vote_cluster = cluster_id
            delta = -1 if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier else 1
            self.controller.add_cluster_vote(cluster_id, delta)

    def results_data(self):
        return self.service.cluster_results(), self.service.card_results(), self.service.budget_status()

    def refresh_results(self) -> None:
        self.results.set_results(*self.results_data())
        if self.presenter is not None and self.presenter.showing_results:
            self.presenter.results.set_results(*self.results_data())

    def _schedule_results(self, *_args) -> None:
        if self._closed:
            return
        if self.vote_mode or self.side.currentIndex() == self.votes_index or (
                self.presenter is not None and self.presenter.showing_results):
            self._results_timer.start()

    # -- presenter ----------------------------------------------------------------------
    def open_presenter(self, screen=None, fullscreen: bool = True) -> PresenterWindow:
        if self.presenter is None:
            # a child window: it closes and goes away with the view, never outliving its database
            self.presenter = PresenterWindow(self.controller.store, self.lab_title, self.results_data, self)
            self.presenter.set_hide_texts(self.hide_texts)
            self.presenter.show_results(self.results_button.isChecked())
            self.presenter.closed.connect(self._presenter_closed)
            self.presenter.hide_texts_toggled.connect(self.hide_button.toggle)
        if screen is None:
            screen = self.presenter_screen()
        self.presenter.open_on(screen, fullscreen)
        if not self.presenter_button.isChecked():
            self.presenter_button.blockSignals(True)
            self.presenter_button.setChecked(True)
            self.presenter_button.blockSignals(False)
        return self.presenter

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()

    def toggle_presenter(self, on: bool) -> None:
        if on:
            self.open_presenter()
        else:
            self.close_presenter()
        self.focus_entry()

    def _presenter_closed(self) -> None:
        if self.presenter is not None:
            self.presenter.deleteLater()
        self.presenter = None
        self.presenter_button.blockSignals(True)
        self.presenter_button.setChecked(False)
        self.presenter_button.blockSignals(False)

    def set_hide_texts(self, hide: bool) -> None:
        self.hide_texts = bool(hide)
        if self.hide_button.isChecked() != self.hide_texts:
            self.hide_button.setChecked(self.hide_texts)
        if self.presenter is not None:
            self.presenter.set_hide_texts(self.hide_texts)
        self.focus_entry()

    def show_results_on_presenter(self, on: bool) -> None:
        if self.results_button.isChecked() != bool(on):
            self.results_button.setChecked(bool(on))
        if self.presenter is not None:
            self.presenter.show_results(bool(on))
        self.focus_entry()

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

    def reveal_card(self, card_id: int) -> None:
        """Scroll the board so that this card is on screen."""
        rect = self.board.card_rect(card_id)
        if rect is not None:
            self.board_area.ensureVisible(rect.center().x(), rect.center().y(), 8, rect.height() // 2 + 8)

    def _set_fresh(self, ids: set[int]) -> None:
        self.board.set_fresh(ids)
        if self.presenter is not None:
            self.presenter.board.set_fresh(ids)

    def _on_selection(self) -> None:
        ids = self.board.selected_card_ids()
        if ids and ids[0] in self.controller.store.cards:
            card = self.controller.store.cards[ids[0]]
            self.side.details.show_card(card, self.controller.store.clusters.get(card.cluster_id))

    def _refresh_deleted(self) -> None:
        self.side.set_deleted(list(self.controller.store.deleted.values()))

    def _refresh_deleted_if_needed(self) -> None:
        if self.side.deleted_list.count() != len(self.controller.store.deleted):
            self._refresh_deleted()

    def _update_status(self) -> None:
        store = self.controller.store
        used = sum(1 for column in self.board.columns.values() if column.model.rowCount())
        text = translate('WorkshopView', '{cards_in_topics} · jede Karte ist sofort gespeichert').format(
            cards_in_topics=localized(count_texts.cards_in_topics(len(store.cards), used)))
        if self.backup.policy.last_path is not None:
            text += translate('WorkshopView', ' · letzte Sicherung: {0}').format(self.backup.policy.last_path.name)
        self.status.setStyleSheet("color: #4b5866;")
        self.status.setText(text)

    def _show_info(self, text: str) -> None:
        self.status.setStyleSheet("color: #2b5d34;")
        self.status.setText(text)

    def _show_storage_full(self, text: str) -> None:
        """A window-modal box (not blocking the event loop): the disk is full, what was not saved."""
        box = QMessageBox(QMessageBox.Icon.Critical, translate("WorkshopView", "Nicht gespeichert"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.storage_full_box = box
        box.open()

    def _show_error(self, text: str) -> None:
        self.status.setStyleSheet("color: #b33a36; font-weight: 600;")
        self.status.setText(text.replace("\n", " – "))

    # -- lifecycle ----------------------------------------------------------------------
    def hideEvent(self, event) -> None:
        self.backup.finish()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        self._closed = False
        self.backup.start()
        super().showEvent(event)

    def closeEvent(self, event) -> None:
        """Back up, close the presenter and stop every timer: nothing touches the database afterwards."""
        self.backup.finish()
        self.close_presenter()
        self._closed = True
        self.backup.stop()
        self._results_timer.stop()
        self._fresh_timer.stop()
        super().closeEvent(event)
