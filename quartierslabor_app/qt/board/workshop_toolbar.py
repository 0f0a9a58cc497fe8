"""The workshop toolbar: undo/redo, new topic, re-clustering, dot vote, city defaults and the
projector controls (presentation with its screen menu, hiding texts, showing the result)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMenu, QToolButton, QWidget

from ..i18n import translate

if TYPE_CHECKING:                      # pragma: no cover - typing only
    from .workshop_view import WorkshopView


class WorkshopToolbar(QWidget):
    """The buttons above the board. Each button calls the part of the view that owns what it does:
    the undo stack, the edits (``view.editing``), the dot vote (``view.dot_vote``) and the
    presentation (``view.presentation``, which takes the three projector buttons)."""

    def __init__(self, view: "WorkshopView") -> None:
        super().__init__(view)
        self.view = view
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        stack = view.controller.undo_stack
        # undo and redo as compact arrows; the tooltip names the step and the keys
        self.undo_button = self._tool("↶", "", stack.undo)
        self.redo_button = self._tool("↷", "", stack.redo)
        for button in (self.undo_button, self.redo_button):
            button.setStyleSheet("QToolButton { font-size: 13pt; padding: 0px 6px; }")
        self.new_cluster_button = self._tool(translate('WorkshopView', '+ Thema'), translate('WorkshopView', 'Neues Thema anlegen (Strg+Umschalt+N)'), view.editing.create_cluster_dialog)
        self.recluster_button = self._tool(translate('WorkshopView', 'Neu gruppieren'), translate('WorkshopView', 'Alle automatisch zugeordneten Karten neu zuordnen'),
                                           view.editing.recluster)
        self.vote_button = self._tool(translate('WorkshopView', 'Punktabfrage'), translate('WorkshopView', 'Punkte vergeben: Klick = +1, Umschalt+Klick = −1, Zahl 1–9 = so viele Punkte, 0 = zurück auf 0 (F9)'), view.dot_vote.set_on, True)
        # the projector controls as one group on the right: the presentation button carries the
        # screen choice in its menu (arrow), hiding texts and showing the result stay one click away
        self.presenter_button = self._tool(translate('WorkshopView', 'Präsentation'), "", None, True)
        self.hide_button = self._tool(translate('WorkshopView', 'Texte verbergen'), translate('WorkshopView', 'Kartentexte in der Präsentation verbergen (Strg+H)'),
                                      None, True)
        self.results_button = self._tool(translate('WorkshopView', 'Ergebnis zeigen'), translate('WorkshopView', 'Präsentation zeigt das Ergebnis der Punktabfrage'),
                                         None, True)
        view.presentation.attach(self.presenter_button, self.hide_button, self.results_button)
        self.city_button = self._city_button()
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
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.canRedoChanged.connect(self.redo_button.setEnabled)
        # the tips from the signals' texts (the stack may be gone first when the view closes)
        stack.undoTextChanged.connect(self._set_undo_tip)
        stack.redoTextChanged.connect(self._set_redo_tip)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self._set_undo_tip(stack.undoText())
        self._set_redo_tip(stack.redoText())

    def _tool(self, text: str, tip: str, slot: Optional[Callable], checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if slot is not None:
            (button.toggled if checkable else button.clicked).connect(slot)
        return button

    def _city_button(self) -> QToolButton:
        """What the city takes over from this lab: learning from corrections, the topics as default."""
        service = self.view.service
        button = QToolButton(self)
        # the menu arrow as part of the text: Qt draws the arrow of an instant-popup button into the
        # corner without making room for it, so it would touch the last letter
        button.setText(translate('WorkshopView', 'Stadtvorgaben') + " ▾")
        button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        button.setToolTip(translate('WorkshopView', 'Was die Stadt aus diesem Labor übernimmt'))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        city_menu = QMenu(button)
        self.learn_city_action = city_menu.addAction(translate('WorkshopView', 'Korrekturen auch für die Stadt lernen'))
        self.learn_city_action.setCheckable(True)
        self.learn_city_action.setChecked(service.ctx.share_with_city)
        self.learn_city_action.toggled.connect(service.set_share_with_city)
        city_menu.addAction(translate('WorkshopView', 'Themen dieses Labors als Vorgabe für neue Labore speichern'),
                            self.view.editing.save_city_default)
        button.setMenu(city_menu)
        return button

    def _set_undo_tip(self, undo: str) -> None:
        self.undo_button.setToolTip(translate('WorkshopView', 'Rückgängig: {0} (Strg+Z)').format(undo) if undo
                                    else translate('WorkshopView', 'Rückgängig (Strg+Z)'))

    def _set_redo_tip(self, redo: str) -> None:
        self.redo_button.setToolTip(translate('WorkshopView', 'Wiederholen: {0} (Strg+Umschalt+Z)').format(redo) if redo
                                    else translate('WorkshopView', 'Wiederholen (Strg+Umschalt+Z)'))
