"""The right side of the main window: the selected lab's header, the step bar and the open step's view.

Without a lab it shows a notice instead (how to create one, or that the lab filter matches none).
Step views are created when first shown (or asked for with ``ensure_view``) and kept until another lab is
selected: a start on the workshop builds only the board, not the other steps' views nor their modules.
"""
from __future__ import annotations

import html
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from ...core import lab_service
from ...core.storage.database import Database
from ..i18n import translate
from ..labs import lab_texts
from ..labs.lab_header import LabHeader
from ..widgets.shortcuts import shortcut_text
from .step_bar import StepBar
from .step_status import StepStatusFollower
from .step_views import create_step_view


def empty_text() -> str:
    """What the right side shows while no lab is selected."""
    return translate("MainWindow", "Noch kein Quartierslabor ausgewählt.\n\n"
                     "Legen Sie mit „Neues Labor“ ({0}) ein Labor an oder erzeugen Sie über "
                     "„Datei → Beispieldaten erzeugen“ ein Beispiel mit einem synthetischen "
                     "Registerauszug.").format(shortcut_text(QKeySequence.StandardKey.New))


def no_match_text(filter_text: str) -> str:
    """What the right side shows while the lab list filter hides every lab (rich text, with a link)."""
    message = translate("MainWindow", "Kein Labor passt zum Filter „{0}“.").format(html.escape(filter_text.strip()))
    link = translate("MainWindow", "Filter leeren")
    return f"{message}<br><br><a href=\"clear-filter\">{html.escape(link)}</a>"


class StepArea(QWidget):
    """Header, step bar and the stack of step views of one lab at a time."""

    #: the header's edit button
    edit_requested = Signal()
    #: the link in the "no lab matches the filter" notice
    clear_filter_requested = Signal()
    #: a step's view is on screen now (its German name)
    step_shown = Signal(str)

    def __init__(self, database: Database, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.database = database
        self._lab: Optional[lab_service.LabRow] = None
        self._views: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 6)
        self.header = LabHeader()
        self.header.edit_requested.connect(self.edit_requested)
        layout.addWidget(self.header)
        self.step_bar = StepBar()
        self.step_bar.step_selected.connect(self.show_step)
        layout.addWidget(self.step_bar)
        self.stack = QStackedWidget()
        self.notice = QLabel(empty_text())
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setStyleSheet("font-size: 12pt; color: palette(dark); padding: 40px;")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.notice.linkActivated.connect(lambda _link: self.clear_filter_requested.emit())
        self.stack.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        #: cards arriving update "2 Workshop – 12 Anliegen" live
        self.status_follower = StepStatusFollower(self.refresh_status, self)

    # -- the lab ------------------------------------------------------------------------
    def set_lab(self, lab: Optional[lab_service.LabRow]) -> None:
        """Show this lab's current step afresh (None: the notice)."""
        self._lab = lab
        self.clear_views()
        self.header.set_lab(lab)
        self.header.setVisible(lab is not None)
        self.step_bar.setVisible(lab is not None)
        if lab is None:
            self.stack.setCurrentWidget(self.notice)
        else:
            self.show_step(self.step_bar.current_step())       # counts the step bar's status too

    def update_lab(self, lab: lab_service.LabRow) -> None:
        """The same lab, read again (views stay open)."""
        self._lab = lab

    def show_notice(self, filter_text: Optional[str] = None) -> None:
        """How to create a lab – or, with ``filter_text``, that the lab filter matches none."""
        if filter_text:
            self.notice.setTextFormat(Qt.TextFormat.RichText)
            self.notice.setText(no_match_text(filter_text))
        else:
            self.notice.setTextFormat(Qt.TextFormat.PlainText)
            self.notice.setText(empty_text())

    def refresh_status(self) -> None:
        if self._lab is None:
            return
        counts = lab_service.lab_counts(self.database, self._lab.id)
        self.step_bar.set_status(lab_texts.step_status_texts(counts, self._lab.capacity))

    # -- steps --------------------------------------------------------------------------
    def show_step(self, step: str) -> None:
        if self._lab is None:
            return
        view = self._views.get(step)
        if view is None:
            view = self.ensure_view(step)
        elif view is not self.stack.currentWidget():      # the step on screen already shows the current state
            view.refresh()
        self.stack.setCurrentWidget(view)
        self.refresh_status()
        self.step_shown.emit(step)

    def select_step(self, step: str, emit: bool = True) -> None:
        self.step_bar.select(step, emit=emit)

    def step_view(self, step: str) -> Optional[QWidget]:
        """The step's view if it was opened (None before its first visit)."""
        return self._views.get(step)

    def ensure_view(self, step: str) -> Optional[QWidget]:
        """The step's view, created now (not shown) if it was not opened yet; None without a lab."""
        if self._lab is None:
            return None
        view = self._views.get(step)
        if view is None:
            view = create_step_view(step, self.database, self._lab.id, self.stack)
            self.status_follower.follow(view)
            self._views[step] = view
            self.stack.addWidget(view)
        return view

    def views(self) -> list[QWidget]:
        return list(self._views.values())

    def current_step(self) -> Optional[str]:
        """The step whose view is on screen (None while the notice shows)."""
        current = self.stack.currentWidget()
        return next((name for name, view in self._views.items() if view is current), None)

    def focus_current(self) -> None:
        self.stack.setFocus(Qt.FocusReason.OtherFocusReason)
        current = self.stack.currentWidget()
        if current is not None:
            current.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_views(self) -> None:
        for view in self._views.values():
            self.stack.removeWidget(view)
            view.deleteLater()
        self._views.clear()

    def stop(self) -> None:
        """No count after the window closed (its database may be gone)."""
        self.status_follower.cancel()
