"""The workshop-day row of the invitation view: mark who came, count the walk-ins, see the total."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ...core import attendance, count_texts
from ...core.storage.database import Database
from ..i18n import format_count, localized, translate
from ..tasks import BackgroundTask, task_runner

#: typing pauses longer than this save the walk-ins
WALK_INS_SAVE_DELAY_MS = 400
#: the spin box value that means "not recorded"
NOT_RECORDED = -1


class AttendanceRow(QWidget):
    """``Anwesend`` button (the key is the view's), walk-ins spin box, and the attendance total."""

    #: the user asked to mark the selected rows present
    mark_requested = Signal()
    #: the walk-ins count changed (shown at once, saved shortly after)
    walk_ins_changed = Signal()

    def __init__(self, parent: Optional[QWidget], key: str) -> None:
        super().__init__(parent)
        self._database: Optional[Database] = None
        self._lab_id = 0
        self._present = 0
        self._pending: Optional[BackgroundTask] = None
        key_text = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        self.button = QPushButton(translate("AttendanceRow", "Anwesend ({key})").format(key=key_text), parent)
        self.button.setToolTip(translate("AttendanceRow", "Am Workshoptag: markierte Eingeladene als anwesend "
                                                          "markieren; noch einmal nimmt die Markierung zurück "
                                                          "(Taste {key} in der Tabelle)").format(key=key_text))
        self.button.clicked.connect(self.mark_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.walk_ins = QSpinBox(self)
        self.walk_ins.setRange(NOT_RECORDED, attendance.MAX_WALK_INS)
        self.walk_ins.setSpecialValueText(translate("AttendanceRow", "nicht erfasst"))
        self.walk_ins.setAccelerated(True)
        self.walk_ins.setMinimumWidth(110)
        walk_label = QLabel(translate("AttendanceRow", "Ohne Einladung gekommen:"), self)
        walk_label.setBuddy(self.walk_ins)
        self.total_label = QLabel(self)
        self.total_label.setWordWrap(True)   # a long status must not widen the window on a laptop
        layout.addWidget(walk_label)
        layout.addWidget(self.walk_ins)
        layout.addSpacing(12)
        layout.addWidget(self.total_label, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WALK_INS_SAVE_DELAY_MS)
        self._timer.timeout.connect(self._save)
        self.walk_ins.valueChanged.connect(self._on_value)

    def load(self, database: Database, lab_id: int) -> None:
        self._database, self._lab_id = database, lab_id
        with database.session() as s:
            record = attendance.load_attendance(s, lab_id)
        self.walk_ins.blockSignals(True)
        self.walk_ins.setValue(NOT_RECORDED if record.walk_ins is None else record.walk_ins)
        self.walk_ins.blockSignals(False)

    def walk_ins_value(self) -> Optional[int]:
        value = self.walk_ins.value()
        return None if value == NOT_RECORDED else value

    def current(self) -> attendance.Attendance:
        return attendance.Attendance(self._present, self.walk_ins_value())

    def show_counts(self, present: int) -> None:
        """The total as the report will show it: invitees present plus walk-ins."""
        self._present = present
        record = self.current()
        if not record.recorded:
            self.total_label.setText(translate("AttendanceRow", "Anwesenheit noch nicht erfasst – am Workshoptag "
                                                                "Anwesende markieren und die Personen ohne "
                                                                "Einladung zählen."))
            return
        self.total_label.setText(translate("AttendanceRow", "Teilnehmende: <b>{total}</b> ({present} von den "
                                                            "Eingeladenen, {walk_ins})").format(
            total=format_count(record.total),
            present=localized(count_texts.present(record.invitees_present)),
            walk_ins=localized(count_texts.walk_ins(record.walk_ins or 0))))

    def _on_value(self, _value: int) -> None:
        self.show_counts(self._present)
        self.walk_ins_changed.emit()
        self._timer.start()

    def _save(self) -> None:
        if self._database is None:
            return
        database, lab_id, value = self._database, self._lab_id, self.walk_ins_value()

        def write(progress, cancel) -> None:
            with database.session() as s:
                attendance.set_walk_ins(s, lab_id, value)

        self._pending = BackgroundTask(write, title=translate("AttendanceRow", "Speichern"), parent=self,
                                       writes_database=True, show_dialog=False)
        self._pending.start()

    def wait_for_writes(self, msecs: int = 10_000) -> bool:
        if self._timer.isActive():
            self._timer.stop()
            self._save()
        return task_runner().database_pool.waitForDone(msecs)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._timer.isActive():
            self._timer.stop()
            self._save()
        super().keyPressEvent(event)
