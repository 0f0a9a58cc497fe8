"""Invitees of a lab as a table model; replies and attendance are edited in place.

A mark shows at once: only the changed rows are updated (their display texts are kept ready, so
the view never asks the database or rebuilds a text while painting 400 rows), and the write goes
to the serialised database pool in the background (``saved`` follows when it is stored).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from typing import Any, Optional

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt,
                            Signal)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from ...core import attendance
from ...core.storage.database import Database
from ...core.selection.replies import invitee_rows
from ...core.draw.strata import stratum_label_message
from ..i18n import localized, translate
from ..tasks import BackgroundTask, show_task_error, task_runner

#: replies as stored in the database (compare on these; show them with :func:`reply_label`)
REPLIES = attendance.REPLIES
REPLY_COLORS = {"zugesagt": "#1b5e20", "abgesagt": "#8d6e63", "unzustellbar": "#b00020"}
(COL_ORDER, COL_FAMILY, COL_GIVEN, COL_STREET, COL_CITY, COL_STRATUM, COL_REPLACEMENT, COL_REPLY,
 COL_SELECTED, COL_ATTENDED) = range(10)
SORT_ROLE = Qt.ItemDataRole.UserRole + 20
INVITEE_ID_ROLE = Qt.ItemDataRole.UserRole + 21

_Index = QModelIndex | QPersistentModelIndex


def invitee_headers() -> tuple[str, ...]:
    return (translate("InviteeTableModel", "Nr."), translate("InviteeTableModel", "Familienname"),
            translate("InviteeTableModel", "Vorname(n)"), translate("InviteeTableModel", "Anschrift"),
            translate("InviteeTableModel", "PLZ Ort"), translate("InviteeTableModel", "Schicht"),
            translate("InviteeTableModel", "Nachrücker"), translate("InviteeTableModel", "Rückmeldung"),
            translate("InviteeTableModel", "Im Panel"), translate("InviteeTableModel", "Anwesend"))


def reply_label(reply: str) -> str:
    """A stored reply as the UI shows it (unknown values as they are)."""
    labels = {"offen": translate("InviteeTableModel", "offen"),
              "zugesagt": translate("InviteeTableModel", "zugesagt"),
              "abgesagt": translate("InviteeTableModel", "abgesagt"),
              "unzustellbar": translate("InviteeTableModel", "unzustellbar")}
    return labels.get(reply, reply)


@dataclass(frozen=True)
class InviteeRow:
    id: int
    draw_id: Optional[int]
    order: int
    family_name: str
    given_names: str
    street: str
    postcode: str
    city: str
    stratum: str
    is_replacement: bool
    reply: str
    selected: bool
    attended: bool = False


def stratum_text(label: str) -> str:
    """A stored stratum label (German) in the UI language (gender and "(ohne Angabe)" translated)."""
    return localized(stratum_label_message(label)) if label else ""


def load_invitees(database: Database, lab_id: int) -> list[InviteeRow]:
    return [InviteeRow(*values) for values in invitee_rows(database, lab_id)]


def _display(r: InviteeRow) -> tuple:
    """The texts of one row as the table shows them."""
    return (r.order, r.family_name, r.given_names, r.street, f"{r.postcode} {r.city}".strip(),
            stratum_text(r.stratum), translate("InviteeTableModel", "ja") if r.is_replacement else "",
            reply_label(r.reply), "✓" if r.selected else "", "✓" if r.attended else "")


class InviteeTableModel(QAbstractTableModel):
    #: a reply or attendance mark changed (shown at once; the write follows in the background)
    replies_changed = Signal()
    #: the background writes so far are stored
    saved = Signal()

    def __init__(self, database: Database, lab_id: int, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.lab_id = lab_id
        self._rows: list[InviteeRow] = []
        self._texts: list[tuple] = []
        self._headers = invitee_headers()
        self._marks: deque[attendance.Mark] = deque()
        self._writer: Optional[BackgroundTask] = None

    def reload(self) -> None:
        self.wait_for_writes()
        self.beginResetModel()
        self._rows = load_invitees(self.database, self.lab_id)
        self._texts = [_display(r) for r in self._rows]
        self.endResetModel()

    def rows(self) -> list[InviteeRow]:
        return list(self._rows)

    def row_at(self, row: int) -> InviteeRow:
        return self._rows[row]

    def row_of(self, invitee_id: int) -> Optional[int]:
        for i, r in enumerate(self._rows):
            if r.id == invitee_id:
                return i
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == COL_REPLY:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == INVITEE_ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.EditRole and col == COL_REPLY:
            return r.reply
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._texts[index.row()][col]
        if role == Qt.ItemDataRole.ToolTipRole and COL_FAMILY <= col <= COL_STRATUM:
            return self._texts[index.row()][col] or None     # in full where a small window cuts it short
        if role == SORT_ROLE:
            if col == COL_ORDER:
                return (1 if r.is_replacement else 0) * 10_000_000 + r.order
            if col == COL_REPLY:
                return REPLIES.index(r.reply) if r.reply in REPLIES else 9
            return str(self._texts[index.row()][col]).casefold()
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_REPLY and r.reply in REPLY_COLORS:
            return QColor(REPLY_COLORS[r.reply])
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_ATTENDED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_ORDER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_REPLY or role != Qt.ItemDataRole.EditRole:
            return False
        reply = str(value)
        if reply not in REPLIES:
            return False
        self.set_reply([index.row()], reply)
        return True

    def set_reply(self, rows: list[int], reply: str) -> None:
        """Show ``reply`` for the given model rows at once; save it in the background."""
        if reply not in REPLIES:
            raise ValueError(reply)
        rows = sorted(set(rows))
        if not rows:
            return
        self._change(rows, COL_REPLY, reply=reply)
        self._write(attendance.Mark("reply", tuple(self._rows[r].id for r in rows), reply))

    def set_attended(self, rows: list[int], attended: bool) -> None:
        """Mark the given model rows present (or not) at once; save in the background."""
        rows = sorted(set(rows))
        if not rows:
            return
        self._change(rows, COL_ATTENDED, attended=bool(attended))
        self._write(attendance.Mark("attended", tuple(self._rows[r].id for r in rows), bool(attended)))

    def _change(self, rows: list[int], column: int, **values: Any) -> None:
        for r in rows:
            self._rows[r] = replace(self._rows[r], **values)
            self._texts[r] = _display(self._rows[r])
        # one signal per run of neighbouring rows: the view repaints those cells only
        start = prev = rows[0]
        for r in rows[1:] + [None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            self.dataChanged.emit(self.index(start, column), self.index(prev, column))
            if r is not None:
                start = prev = r
        self.replies_changed.emit()

    def _write(self, mark: attendance.Mark) -> None:
        """Queue a mark; one background writer on the serialised pool stores every queued mark in one
        transaction (marks typed while it runs go into its next round), in the order they were made."""
        self._marks.append(mark)
        if self._writer is None:
            self._start_writer()

    def _start_writer(self) -> None:
        marks, database, lab_id = self._marks, self.database, self.lab_id

        def drain(progress, cancel) -> None:
            while marks:
                batch = []
                while marks:
                    batch.append(marks.popleft())
                with database.session() as s:
                    attendance.apply_marks(s, lab_id, batch)

        self._writer = BackgroundTask(drain, title=translate("InviteeTableModel", "Speichern"),
                                      writes_database=True, show_dialog=False, on_success=self._written,
                                      on_failure=self._write_failed)
        self._writer.start()

    def _written(self, _result=None) -> None:
        self._writer = None
        if self._marks:                    # queued after the writer's last round
            self._start_writer()
        else:
            self.saved.emit()

    def _write_failed(self, exc: BaseException) -> None:
        self._writer = None
        self._marks.clear()
        show_task_error(None, translate("InviteeTableModel", "Speichern"), exc)
        self.reload()                      # show what is stored, not what failed
        self.saved.emit()

    def wait_for_writes(self, msecs: int = 10_000) -> bool:
        """Block until the queued marks are stored (before reloading, closing, exporting)."""
        if self._writer is None and not self._marks:
            return True
        done = task_runner().database_pool.waitForDone(msecs)
        QCoreApplication.processEvents()   # deliver the result; a new round may start
        if self._writer is not None:
            done = task_runner().database_pool.waitForDone(msecs) and done
            QCoreApplication.processEvents()
        return done

    def counts(self) -> dict[str, int]:
        out = {reply: 0 for reply in REPLIES}
        out["eingeladen"] = sum(1 for r in self._rows if not r.is_replacement)
        out["nachrücker"] = sum(1 for r in self._rows if r.is_replacement)
        out["im panel"] = sum(1 for r in self._rows if r.selected)
        out["anwesend"] = sum(1 for r in self._rows if r.attended)
        for r in self._rows:
            out[r.reply] = out.get(r.reply, 0) + 1
        return out


class ReplyDelegate(QStyledItemDelegate):
    """A combo box with the four replies (stored value as item data); saved as soon as one is chosen."""

    def createEditor(self, parent: QWidget, option, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        for reply in REPLIES:
            combo.addItem(reply_label(reply), reply)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(str(index.data(Qt.ItemDataRole.EditRole)))))

    def setModelData(self, editor: QWidget, model, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class InviteeFilterProxy(QSortFilterProxyModel):
    """Free text over every column, plus a reply filter and a "only the panel" switch."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._needle = ""
        self._reply = ""
        self._panel_only = False

    def _change(self, apply) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_needle", text.strip().casefold()))

    def set_reply(self, reply: str) -> None:
        self._change(lambda: setattr(self, "_reply", reply))

    def set_panel_only(self, on: bool) -> None:
        self._change(lambda: setattr(self, "_panel_only", on))

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        r: InviteeRow = model.row_at(source_row)
        if self._reply and r.reply != self._reply:
            return False
        if self._panel_only and not r.selected:
            return False
        if self._needle:
            hay = " ".join((str(r.order), r.family_name, r.given_names, r.street, r.postcode, r.city,
                            r.stratum, reply_label(r.reply))).casefold()
            return all(word in hay for word in self._needle.split())
        return True
