"""Reminder to delete invitees' personal data when a lab's retention period ends (DSGVO).

Shown at start when a lab is due (or due within two weeks) and from the menu
"Labor → Personenbezogene Daten löschen …". Deletion runs in the background through
:func:`quartierslabor_app.core.retention.apply_retention`, which keeps only aggregates and the
draw's audit record and cleans the database file and its backups.
"""
from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMessageBox,
                               QVBoxLayout, QWidget)

from ...core import retention
from ...core.storage.database import Database
from ...core import count_texts
from ..i18n import localized, translate
from ..tasks import run_in_background



def pending_statuses(database: Database, today: Optional[dt.date] = None) -> list[retention.RetentionStatus]:
    """Labs whose personal data is due for deletion now or soon."""
    with database.session() as session:
        return retention.labs_needing_reminder(session, today or dt.date.today())


def status_summary(status: retention.RetentionStatus) -> str:
    """One lab's line in the UI language (``RetentionStatus.german_summary`` is the CLI's)."""
    people = localized(count_texts.people(status.invitees_with_data))
    if status.delete_on is None:
        return translate("RetentionReminderDialog", "{lab} ({district}): {people}, noch kein Löschdatum "
                                                    "(Labor ohne Datum)").format(
            lab=status.lab_name, district=status.district, people=people)
    when = status.delete_on.strftime("%d.%m.%Y")
    if status.days_left is None:
        state = "–"
    elif status.due:
        state = translate("RetentionReminderDialog", "fällig")
    elif status.days_left == 1:
        state = translate("RetentionReminderDialog", "in 1 Tag")
    else:
        state = translate("RetentionReminderDialog", "in {0} Tagen").format(status.days_left)
    return translate("RetentionReminderDialog",
                     "{lab} ({district}): {people}, löschen ab {when} – {state}").format(
        lab=status.lab_name, district=status.district, people=people, when=when, state=state)


class RetentionReminderDialog(QDialog):
    """Lists labs with personal data near or past their deletion date; deletes the checked ones."""

    def __init__(self, statuses: list[retention.RetentionStatus], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RetentionReminderDialog", "Personenbezogene Daten löschen"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(translate(
            "RetentionReminderDialog", "Die Aufbewahrungsfrist für Namen und Anschriften der Eingeladenen ist "
                                       "abgelaufen oder läuft bald ab. Beim Löschen bleiben nur zusammengefasste "
                                       "Zahlen (Altersgruppe, Geschlecht, Stadtteil) und das Ziehungsprotokoll "
                                       "erhalten."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        for status in statuses:
            item = QListWidgetItem(status_summary(status))
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, status.lab_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if status.due else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setWordWrap(True)      # long lab names wrap instead of running off to the right
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.delete_button = buttons.addButton(translate("RetentionReminderDialog", "Markierte jetzt löschen"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(translate("RetentionReminderDialog", "Später erinnern"),
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def checked_lab_ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


def delete_in_background(database: Database, lab_ids: list[int], parent: Optional[QWidget],
                         on_done: Optional[Callable[[], None]] = None):
    """Run the deletion with progress; tell the user what was deleted."""

    def succeeded(run: retention.RetentionRun) -> None:
        count = sum(r.invitees_cleared for r in run.deleted)
        QMessageBox.information(parent, translate("RetentionReminderDialog", "Gelöscht"), translate(
            "RetentionReminderDialog", "Personenbezogene Daten gelöscht: {invitees} in {labs}.").format(
            invitees=localized(count_texts.invitees(count)), labs=localized(count_texts.labs(len(run.deleted)))))
        if on_done is not None:
            on_done()

    return run_in_background(partial(retention.apply_retention, database, dt.date.today(), lab_ids=lab_ids),
                             title=translate("RetentionReminderDialog", "Personenbezogene Daten löschen"),
                             parent=parent, on_success=succeeded, writes_database=True)


def remind(database: Database, parent: Optional[QWidget] = None, *, only_if_pending: bool = True,
           on_done: Optional[Callable[[], None]] = None, today: Optional[dt.date] = None) -> Optional[QDialog]:
    """Show the reminder if anything is pending (or always, from the menu). Returns the dialog shown."""
    statuses = pending_statuses(database, today)
    if not statuses:
        if not only_if_pending:
            QMessageBox.information(parent, translate("RetentionReminderDialog", "Personenbezogene Daten"), translate(
                "RetentionReminderDialog", "Keine Frist läuft in den nächsten zwei Wochen ab."))
        return None
    dialog = RetentionReminderDialog(statuses, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.checked_lab_ids():
        delete_in_background(database, dialog.checked_lab_ids(), parent, on_done)
    return dialog
