"""The Einladung step: the lab's draws, its invitees with replies, and the fair final panel."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from ...core.errors import UserError
from ...core.storage.database import Database
from ...core import count_texts
from ..i18n import localized, translate
from ...core.lab_service import LabRow, load_lab_row
from ...core.selection.replies import draw_rows, invitee_for_code
from ...core.selection.stored_letters import load_letter_materials, write_letters_for_invitees
from ..tasks import BackgroundTask
from ..widgets.column_fit import ColumnsFitter
from ..widgets.file_dialogs import ask_save_path, safe_file_part
from .draw_wizard import DrawWizard
from .attendance_row import AttendanceRow
from .invitee_model import (COL_ATTENDED, COL_CITY, COL_FAMILY, COL_GIVEN, COL_REPLY, COL_STRATUM, COL_STREET, REPLIES,
                            InviteeFilterProxy, InviteeTableModel, ReplyDelegate,
                            reply_label)
from .reply_code_field import ReplyCodeField
from .letter_dialog import LetterDialog, letter_lab_info
from .panel_dialog import PanelDialog
from .table_models import RowsTableModel


#: the draws table never takes more height than this (its rows scroll)
DRAWS_MAX_HEIGHT = 130


def draw_headers() -> tuple[str, ...]:
    return (translate("InvitationView", "Nr."), translate("InvitationView", "Datum"),
            translate("InvitationView", "Benutzer"), translate("InvitationView", "Registerdatei"),
            translate("InvitationView", "SHA-256"), translate("InvitationView", "Startwert"),
            translate("InvitationView", "Eingeladene"), translate("InvitationView", "Nachrücker"))


def reply_keys() -> dict[str, str]:
    """Stored reply -> the key that sets it in the table (the initial of the reply in the UI language)."""
    return {"offen": translate("InvitationView", "O", "key for the reply offen (open)"),
            "zugesagt": translate("InvitationView", "Z", "key for the reply zugesagt (accepted)"),
            "abgesagt": translate("InvitationView", "A", "key for the reply abgesagt (declined)"),
            "unzustellbar": translate("InvitationView", "U", "key for the reply unzustellbar (undeliverable)")}


def attendance_key() -> str:
    """The key that marks the selected invitees present (again: not present) on the workshop day."""
    return "Space"


def load_draw_rows(database: Database, lab_id: int) -> list[tuple]:
    return draw_rows(database, lab_id)


class InvitationView(QWidget):
    """``InvitationView(database, lab_id)``: draws, invitees and replies of one lab."""

    #: something the step bar counts changed (invitees, replies)
    changed = Signal()

    def __init__(self, database: Database, lab_id: int, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.database = database
        self.lab_id = lab_id
        self.wizard: Optional[DrawWizard] = None
        self.letters_task: Optional[BackgroundTask] = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)

        top = QHBoxLayout()
        self.new_draw_button = QPushButton(translate("InvitationView", "Neue Ziehung …"))
        self.new_draw_button.setToolTip(translate("InvitationView",
                                                  "Registerauszug einlesen, prüfen und Eingeladene auslosen"))
        self.new_draw_button.clicked.connect(self.open_wizard)
        self.letter_button = QPushButton(translate("InvitationView", "Brieftext …"))
        self.letter_button.clicked.connect(self.edit_letter)
        top.addWidget(self.new_draw_button)
        top.addWidget(self.letter_button)
        top.addStretch(1)
        self.counts_label = QLabel()
        top.addWidget(self.counts_label)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.draw_model = RowsTableModel(draw_headers())
        self.draw_view = QTableView()
        self.draw_view.setModel(self.draw_model)
        self.draw_view.verticalHeader().hide()
        self.draw_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.draw_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.draw_view.horizontalHeader().setStretchLastSection(True)
        self.draw_view.setMaximumHeight(DRAWS_MAX_HEIGHT)
        self.draws_box = draws_box = QWidget()
        draws_layout = QVBoxLayout(draws_box)
        draws_layout.setContentsMargins(0, 0, 0, 0)
        draws_layout.addWidget(QLabel(translate("InvitationView", "<b>Ziehungen</b>")))
        draws_layout.addWidget(self.draw_view)
        splitter.addWidget(draws_box)

        invitees_box = QWidget()
        inv_layout = QVBoxLayout(invitees_box)
        inv_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(translate("InvitationView", "<b>Eingeladene</b>")))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(translate("InvitationView", "Suchen nach Name, Straße, Schicht …"))
        self.filter_edit.setClearButtonEnabled(True)
        filter_row.addWidget(self.filter_edit, 1)
        self.code_edit = ReplyCodeField(reply_keys())
        self.code_edit.reply_entered.connect(self.set_reply_by_code)
        filter_row.addWidget(self.code_edit)
        self.reply_filter = QComboBox()
        self.reply_filter.addItem(translate("InvitationView", "alle Rückmeldungen"), "")
        for reply in REPLIES:
            self.reply_filter.addItem(reply_label(reply), reply)
        filter_row.addWidget(self.reply_filter)
        self.panel_only_check = QCheckBox(translate("InvitationView", "nur Panel"))
        filter_row.addWidget(self.panel_only_check)
        inv_layout.addLayout(filter_row)

        self.model = InviteeTableModel(database, lab_id, self)
        self.proxy = InviteeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.reply_filter.currentIndexChanged.connect(lambda _i: self.proxy.set_reply(self.reply_filter.currentData()))
        self.panel_only_check.toggled.connect(self.proxy.set_panel_only)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setItemDelegateForColumn(COL_REPLY, ReplyDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # widths follow the contents once per reload, not on every mark (that measured all 400 rows)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.moveSection(header.visualIndex(COL_ATTENDED), header.visualIndex(COL_REPLY) + 1)  # marks side by side
        # on a laptop the names and addresses give up room: the marks at the right stay in view
        self.columns_fitter = ColumnsFitter(self.table, (COL_FAMILY, COL_GIVEN, COL_STREET, COL_CITY, COL_STRATUM))
        inv_layout.addWidget(self.table, 1)

        reply_row = QHBoxLayout()
        reply_row.addWidget(QLabel(translate("InvitationView", "Rückmeldung für die markierten Zeilen:")))
        self.reply_buttons: dict[str, QPushButton] = {}
        keys = reply_keys()
        for reply in REPLIES:
            key, label = keys[reply], reply_label(reply)
            button = QPushButton(f"{label} ({key})")
            button.setToolTip(translate("InvitationView", "Markierte Eingeladene auf „{reply}“ setzen "
                                                          "(Taste {key} in der Tabelle)").format(reply=label, key=key))
            button.clicked.connect(lambda _c=False, r=reply: self.set_reply_for_selection(r))
            reply_row.addWidget(button)
            self.reply_buttons[reply] = button
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda r=reply: self.set_reply_for_selection(r))
        self.attendance = AttendanceRow(self, attendance_key())
        self.attendance.mark_requested.connect(self.toggle_attendance_for_selection)
        self.attendance.walk_ins_changed.connect(self._update_counts)
        shortcut = QShortcut(QKeySequence(attendance_key()), self.table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.toggle_attendance_for_selection)
        reply_row.addWidget(self.attendance.button)
        reply_row.addStretch(1)
        self.letters_button = QPushButton(translate("InvitationView", "Briefe für markierte …"))
        self.letters_button.setToolTip(translate("InvitationView", "Einladungsbriefe (PDF) für die markierten "
                                                                   "Personen, z. B. die nächsten Nachrücker, wenn "
                                                                   "Briefe unzustellbar zurückkamen"))
        self.letters_button.clicked.connect(lambda: self.export_letters_for_selection())
        reply_row.addWidget(self.letters_button)
        inv_layout.addLayout(reply_row)
        inv_layout.addWidget(self.attendance)

        panel_row = QHBoxLayout()
        self.panel_label = QLabel()
        self.panel_label.setWordWrap(True)
        panel_row.addWidget(self.panel_label, 1)
        self.panel_button = QPushButton(translate("InvitationView", "Teilnehmende fair auslosen …"))
        self.panel_button.setToolTip(translate("InvitationView", "Wenn mehr zusagen, als Plätze da sind: Auswahl "
                                                                 "nach Quoten (Altersgruppe, Geschlecht, Bezirk) "
                                                                 "mit der größtmöglichen kleinsten Chance, per Los"))
        self.panel_button.clicked.connect(lambda: self.run_panel_selection())
        panel_row.addWidget(self.panel_button)
        self.replace_button = QPushButton(translate("InvitationView", "Nachrücken auslosen …"))
        self.replace_button.setToolTip(translate("InvitationView", "Für Panel-Mitglieder, die abgesagt haben, unter "
                                                                   "den übrigen Zusagen fair nachlosen"))
        self.replace_button.clicked.connect(lambda: self.run_panel_selection(replace_dropouts=True))
        panel_row.addWidget(self.replace_button)
        inv_layout.addLayout(panel_row)
        splitter.addWidget(invitees_box)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.empty_hint = QLabel(translate("InvitationView", "Für dieses Labor gibt es noch keine Ziehung. Mit "
                                                             "„Neue Ziehung …“ lesen Sie den Registerauszug ein und "
                                                             "losen die Einzuladenden aus."))
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: palette(dark); padding: 8px;")
        layout.addWidget(self.empty_hint)

        self.model.replies_changed.connect(self._update_counts)
        self.model.saved.connect(self.changed.emit)     # the step bar counts what is stored
        self.refresh()

    # -- data -----------------------------------------------------------------------------
    def lab(self) -> Optional[LabRow]:
        return load_lab_row(self.database, self.lab_id)

    def refresh(self) -> None:
        self.draw_model.set_data(draw_headers(), load_draw_rows(self.database, self.lab_id))
        self._fit_draws_height()
        self.model.reload()
        self.table.resizeColumnsToContents()
        # room for every reply, not only for those shown now (a mark never re-measures the columns)
        widest = max(self.table.fontMetrics().horizontalAdvance(reply_label(r)) for r in REPLIES) + 24
        self.table.setColumnWidth(COL_REPLY, max(self.table.columnWidth(COL_REPLY), widest))
        self.columns_fitter.remember()
        lab = self.lab()
        self._capacity = lab.capacity if lab else 0
        self.attendance.load(self.database, self.lab_id)
        self._update_counts()

    def _fit_draws_height(self) -> None:
        """The draws table as tall as its rows (mostly one or two), at most :data:`DRAWS_MAX_HEIGHT`: the
        invitees below get the room a half-empty table would take."""
        view = self.draw_view
        rows = max(1, self.draw_model.rowCount())
        needed = (view.horizontalHeader().sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
                  + 2 * view.frameWidth() + view.horizontalScrollBar().sizeHint().height())
        view.setMaximumHeight(min(DRAWS_MAX_HEIGHT, needed))
        layout = self.draws_box.layout()
        self.draws_box.setMaximumHeight(layout.itemAt(0).widget().sizeHint().height() + layout.spacing()
                                        + view.maximumHeight())

    def wait_for_writes(self) -> bool:
        """Block until every mark and the walk-ins are stored."""
        return self.model.wait_for_writes() and self.attendance.wait_for_writes()

    def _update_counts(self) -> None:
        capacity = self._capacity
        c = self.model.counts()
        self.attendance.show_counts(c["anwesend"])
        has = self.model.rowCount() > 0
        self.empty_hint.setVisible(not has)
        accepted = c["zugesagt"]
        self.counts_label.setText(translate(
            "InvitationView", "Eingeladen: <b>{invited}</b> (+{replacements}) · Zusagen: <b>{accepted}</b> "
            "{capacity} · Absagen: {declined} · unzustellbar: {undeliverable} · offen: {open}").format(
                invited=c["eingeladen"], replacements=localized(count_texts.replacements(c["nachrücker"])),
                accepted=accepted, capacity=localized(count_texts.of_places(capacity)),
                declined=c["abgesagt"], undeliverable=c["unzustellbar"], open=c["offen"]))
        if accepted > capacity:
            text = translate("InvitationView", "<span style='color:#b00020'><b>{0}</b></span> "
                             "Eine faire Auswahl nach Quoten (per Los) bestimmt, wer teilnimmt; "
                             "wer absagt, für den wird unter den übrigen nachgelost.").format(
                localized(count_texts.acceptances_over_capacity(accepted - capacity)))
        elif accepted:
            text = localized(count_texts.free_places(capacity - accepted))
        else:
            text = ""
        if c["im panel"]:
            text += " " + translate("InvitationView", "Im Panel: <b>{people}</b> (Filter „nur Panel“).").format(
                people=localized(count_texts.people(c["im panel"])))
        self.panel_label.setText(text)
        self.panel_button.setEnabled(accepted > capacity)
        rows = (self.model.row_at(r) for r in range(self.model.rowCount()))
        self.replace_button.setVisible(any(r.selected and r.reply != "zugesagt" for r in rows))

    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(rows)

    def set_reply_for_selection(self, reply: str) -> int:
        rows = self.selected_source_rows()
        if rows:
            self.model.set_reply(rows, reply)
        return len(rows)

    def toggle_attendance_for_selection(self) -> int:
        """Mark the selected invitees present; if all of them already are, take the mark back."""
        rows = self.selected_source_rows()
        if rows:
            present = all(self.model.row_at(r).attended for r in rows)
            self.model.set_attended(rows, not present)
        return len(rows)

    def set_reply_by_code(self, code: str, reply: str) -> bool:
        """The reply for the invitee whose letter carries ``code`` (typed in the code field)."""
        try:
            match = invitee_for_code(self.database, self.lab_id, code)
        except UserError as exc:
            self.panel_label.setText(localized(exc))
            return False
        row = self.model.row_of(match.invitee_id)
        if row is not None:
            self.model.set_reply([row], reply)
        self.code_edit.clear()
        self.panel_label.setText(translate("InvitationView", "{name} (Nr. {order}): {reply}").format(
            name=match.name, order=match.order, reply=reply_label(reply)))
        return True

    # -- actions --------------------------------------------------------------------------
    def export_letters_for_selection(self, path: Optional[Path] = None) -> Optional[BackgroundTask]:
        self.wait_for_writes()
        rows = self.selected_source_rows()
        lab = self.lab()
        if not rows or lab is None:
            QMessageBox.information(self, translate("InvitationView", "Briefe"),
                                    translate("InvitationView", "Bitte zuerst die Personen in der Tabelle markieren."))
            return None
        ids = [self.model.row_at(r).id for r in rows]
        if path is None:
            date = lab.date.isoformat() if lab.date else "ohne-Datum"
            path = ask_save_path(self, translate("InvitationView", "Einladungsbriefe speichern"),
                                 f"Einladungsbriefe_{safe_file_part(lab.name)}_{date}_Auswahl.pdf",
                                 translate("InvitationView", "PDF-Dateien (*.pdf)"), "exports")
            if path is None:
                return None
        template, privacy = load_letter_materials(self.database)
        info = letter_lab_info(lab)
        database, lab_id, target = self.database, self.lab_id, path

        def job(progress, cancel):
            return write_letters_for_invitees(target, database, lab_id, ids, template, info, privacy=privacy,
                                              progress=progress, cancel=cancel)

        self.letters_task = BackgroundTask(job, title=translate("InvitationView", "Einladungsbriefe schreiben"),
                                           parent=self, on_success=lambda written: self.panel_label.setText(
                                               translate("InvitationView", "{letters} gespeichert: {path}")
                                               .format(letters=localized(count_texts.letters(len(ids))),
                                                       path=written)))
        return self.letters_task.start()

    def open_wizard(self) -> Optional[DrawWizard]:
        lab = self.lab()
        if lab is None:
            return None
        self.wizard = DrawWizard(self.database, lab, self.window())
        self.wizard.draw_saved.connect(lambda _id: (self.refresh(), self.changed.emit()))
        self.wizard.finished.connect(lambda _r: self.refresh())
        self.wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.wizard.open()
        return self.wizard

    def edit_letter(self) -> None:
        lab = self.lab()
        if lab is not None:
            LetterDialog(self.database, lab, self).exec()

    def run_panel_selection(self, replace_dropouts: bool = False) -> Optional[PanelDialog]:
        """Open the panel dialog (the core use case runs there, off the GUI thread)."""
        self.wait_for_writes()             # the replies just marked take part
        lab_row = self.lab()
        if lab_row is None:
            return None
        self.panel_dialog = PanelDialog(self.database, self.lab_id, lab_row.capacity,
                                        replace_dropouts=replace_dropouts, parent=self)
        self.panel_dialog.panel_saved.connect(self._after_panel)
        self.panel_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.panel_dialog.open()
        return self.panel_dialog

    def _after_panel(self) -> None:
        self.refresh()
        self.panel_only_check.setChecked(True)
        self.changed.emit()
