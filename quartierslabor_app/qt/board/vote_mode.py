"""The dot vote (Punktabfrage) on the board: vote mode, points by click and number key, results."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QPushButton, QScrollArea, QTabWidget,
                               QVBoxLayout, QWidget)

from .dialogs import BudgetDialog
from .vote_results import VoteResultsWidget
from ..i18n import translate

if TYPE_CHECKING:                      # pragma: no cover - typing only
    from .workshop_view import WorkshopView

# changes within this time refresh the results once
RESULTS_DELAY_MS = 80


class DotVote(QObject):
    """Owns the dot vote of one workshop board: whether it is on, the topic a number key acts on when no
    card is chosen, the number-key actions, the results tab and its refresh. It uses the host's board,
    entry line, side panel and presentation window, which the host owns."""

    def __init__(self, host: "WorkshopView") -> None:
        super().__init__(host)
        self.host = host
        # vote mode is on: clicks and number keys give points, the entry line rests
        self.on = False
        # the topic whose header was clicked last (number keys act on it while no card is chosen)
        self.cluster: Optional[int] = None
        # number keys 1–9, +, − and 0; enabled only in vote mode
        self.actions: list[QAction] = []
        self.results: Optional[VoteResultsWidget] = None
        self.results_scroll: Optional[QScrollArea] = None
        self.tab_index = -1
        self.results_timer = QTimer(self)
        self.results_timer.setSingleShot(True)
        self.results_timer.setInterval(RESULTS_DELAY_MS)
        self.results_timer.timeout.connect(self.refresh_results)

    # -- building -----------------------------------------------------------------------
    def add_tab(self, side: QTabWidget) -> None:
        """The "Punkte" tab: the results, the budget and a button that clears every point."""
        tab = QWidget(side)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        # every topic and card stays reachable however many there are: the list scrolls (up and down only)
        self.results_scroll = QScrollArea(tab)
        self.results_scroll.setWidgetResizable(True)
        self.results_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.results_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # number keys stay with the board
        self.results = VoteResultsWidget(self.results_scroll)
        self.results_scroll.setWidget(self.results)
        layout.addWidget(self.results_scroll, 1)
        row = QHBoxLayout()
        budget = QPushButton(translate('WorkshopView', 'Punktebudget …'), tab)
        budget.clicked.connect(self.budget_dialog)
        reset = QPushButton(translate('WorkshopView', 'Alle Punkte löschen'), tab)
        reset.clicked.connect(self.host.controller.reset_votes)
        for b in (budget, reset):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(b)
        layout.addLayout(row)
        self.tab_index = side.addTab(tab, translate('WorkshopView', 'Punkte'))
        side.setTabToolTip(self.tab_index, translate('WorkshopView', 'Ergebnis der Punktabfrage'))

    def add_actions(self, make_action: Callable[..., QAction]) -> None:
        """The number keys, made with the host's ``make_action(text, keys, slot, parent)``."""
        host = self.host
        for n in range(1, 10):
            self.actions.append(make_action(translate('WorkshopView', 'Punktabfrage: +{n}').format(n=n), [str(n)],
                                            lambda _=False, n=n: self.key(n), host))
        self.actions.append(make_action(translate('WorkshopView', 'Punktabfrage: +1'), ["+", "="],
                                        lambda: self.key(1), host))
        self.actions.append(make_action(translate('WorkshopView', 'Punktabfrage: −1'), ["-"],
                                        lambda: self.key(-1), host))
        self.actions.append(make_action(translate('WorkshopView', 'Punktabfrage: auf 0 setzen'), ["0"],
                                        lambda: self.key(0, absolute=True), host))
        for action in self.actions:
            action.setEnabled(False)

    # -- vote mode ----------------------------------------------------------------------
    def set_on(self, on: bool) -> None:
        host = self.host
        self.on = bool(on)
        button = host.toolbar.vote_button
        if button.isChecked() != self.on:
            button.setChecked(self.on)
        for action in self.actions:
            action.setEnabled(self.on)
        host.entry.line.setEnabled(not self.on)
        if self.on:
            host.side.setCurrentIndex(self.tab_index)
            self.refresh_results()
            host.board.setFocus()
            host._show_info(translate('WorkshopView', 'Punktabfrage: Karte anklicken = +1 Punkt, Umschalt+Klick = −1, Zahl 1–9 = so viele Punkte für die Auswahl, 0 = zurück auf 0; Themenkopf anklicken = Punkt für das Thema.'))
        else:
            host._show_info(translate('WorkshopView', 'Punktabfrage beendet.'))
            host.focus_entry()

    def key(self, value: int, absolute: bool = False) -> None:
        """Number keys in vote mode: add ``value`` points to the one focused card (or the chosen topic)."""
        if not self.on:
            return
        controller = self.host.controller
        card_id = self.host.board.focused_card_id()
        if card_id is not None:
            if absolute:
                controller.set_card_votes(card_id, value)
            else:
                controller.add_card_vote(card_id, value)
        elif self.cluster is not None and self.cluster in controller.store.clusters:
            if absolute:
                controller.set_cluster_votes(self.cluster, value)
            else:
                controller.add_cluster_vote(self.cluster, value)

    def card_clicked(self, card_id: int, modifiers) -> None:
        self.cluster = None
        if self.on:
            self.host.board.select_card(card_id)      # a vote goes to one card: the one clicked
            delta = -1 if modifiers & Qt.KeyboardModifier.ShiftModifier else 1
            self.host.controller.add_card_vote(card_id, delta)

    def cluster_clicked(self, cluster_id: int) -> None:
        if self.on:
            self.host.board.clear_selection()
            self.cluster = cluster_id
            delta = -1 if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier else 1
            self.host.controller.add_cluster_vote(cluster_id, delta)

    # -- results ------------------------------------------------------------------------
    def results_data(self):
        service = self.host.service
        return service.cluster_results(), service.card_results(), service.budget_status()

    def refresh_results(self) -> None:
        self.results.set_results(*self.results_data())
        presenter = self.host.presentation.window
        if presenter is not None and presenter.showing_results:
            presenter.results.set_results(*self.results_data())

    def schedule_results(self, *_args) -> None:
        """A change on the board: refresh the results soon, if anyone looks at them."""
        host = self.host
        if host._closed:
            return
        if self.on or host.side.currentIndex() == self.tab_index or (
                host.presentation.window is not None and host.presentation.window.showing_results):
            self.results_timer.start()

    def stop(self) -> None:
        self.results_timer.stop()

    def budget_dialog(self) -> None:
        host = self.host
        dialog = BudgetDialog(host.service.vote_budget(), host)
        if dialog.exec():
            points, people = dialog.values()
            host.controller._run(host.service.set_vote_budget, points, people)
            self.refresh_results()
        host.focus_entry()
