"""The dot vote (Punktabfrage) on the board: vote mode, points by click and number key, results."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .dialogs import BudgetDialog
from ..i18n import translate


class VoteModeMixin:
    """Part of :class:`~.workshop_view.WorkshopView`: the dot vote."""

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

    def budget_dialog(self) -> None:
        dialog = BudgetDialog(self.service.vote_budget(), self)
        if dialog.exec():
            points, people = dialog.values()
            self.controller._run(self.service.set_vote_budget, points, people)
            self.refresh_results()
        self.focus_entry()
