"""Invitees of a lab as a table model; replies are edited in place and saved immediately."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable, Optional

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt,
                            Signal)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget
from sqlalchemy import select, update

from ...core.storage.database import Database
from ...core.storage.models import Invitee
from ...core.draw.strata import stratum_label_message
from ..i18n import localized, translate

#: replies as stored in the database (compare on these; show them with :func:`reply_label`)
REPLIES = ("offen", "zugesagt", "abgesagt", "unzustellbar")
REPLY_COLORS = {"zugesagt": "#1b5e20", "abgesagt": "#8d6e63", "unzustellbar": "#b00020"}
(COL_ORDER, COL_FAMILY, COL_GIVEN, COL_STREET, COL_CITY, COL_STRATUM, COL_REPLACEMENT, COL_REPLY,
 COL_SELECTED) = range(9)
SORT_ROLE = Qt.ItemDataRole.UserRole + 20
INVITEE_ID_ROLE = Qt.ItemDataRole.UserRole + 21

_Index = QModelIndex | QPersistentModelIndex


def invitee_headers() -> tuple[str, ...]:
    return (translate("InviteeTableModel", "Nr."), translate("InviteeTableModel", "Familienname"),
            translate("InviteeTableModel", "Vorname(n)"), translate("InviteeTableModel", "Anschrift"),
            translate("InviteeTableModel", "PLZ Ort"), translate("InviteeTableModel", "Schicht"),
            translate("InviteeTableModel", "Nachrücker"), translate("InviteeTableModel", "Rückmeldung"),
            translate("InviteeTableModel", "Im Panel"))


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


def stratum_text(label: str) -> str:
    """A stored stratum label (German) in the UI language (gender and "(ohne Angabe)" translated)."""
    return localized(stratum_label_message(label)) if label else ""


def load_invitees(database: Database, lab_id: int) -> list[InviteeRow]:
    with database.session() as s:
        rows = s.scalars(select(Invitee).where(Invitee.lab_id == lab_id)
                         .order_by(Invitee.is_replacement, Invitee.draw_order, Invitee.id))
        return [InviteeRow(i.id, i.draw_id, i.draw_order, i.family_name, i.given_names, i.street, i.postcode,
                           i.city, i.stratum, bool(i.is_replacement), i.reply or "offen", bool(i.selected))
                for i in rows]


def set_replies(database: Database, invitee_ids: Iterable[int], reply: str) -> None:
    """Save a reply for some invitees in one transaction."""
    if reply not in REPLIES:
        raise ValueError(reply)
    ids = list(invitee_ids)
    if not ids:
        return
    with database.session() as s:
        s.execute(update(Invitee).where(Invitee.id.in_(ids)).values(reply=reply))


class InviteeTableModel(QAbstractTableModel):
    #: a reply was saved
    replies_changed = Signal()

    def __init__(self, database: Database, lab_id: int, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.lab_id = lab_id
        self._rows: list[InviteeRow] = []
        self._headers = invitee_headers()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = load_invitees(self.database, self.lab_id)
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
            return (r.order, r.family_name, r.given_names, r.street, f"{r.postcode} {r.city}".strip(),
                    stratum_text(r.stratum),
                    translate("InviteeTableModel", "ja") if r.is_replacement else "", reply_label(r.reply),
                    "✓" if r.selected else "")[col]
        if role == SORT_ROLE:
            if col == COL_ORDER:
                return (1 if r.is_replacement else 0) * 10_000_000 + r.order
            if col == COL_REPLY:
                return REPLIES.index(r.reply) if r.reply in REPLIES else 9
            return str(self.data(index)).casefold()
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_REPLY and r.reply in REPLY_COLORS:
            return QColor(REPLY_COLORS[r.reply])
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
        """Save ``reply`` for the given model rows at once, then update the view."""
        rows = sorted(set(rows))
        set_replies(self.database, [self._rows[r].id for r in rows], reply)
        for r in rows:
            self._rows[r] = replace(self._rows[r], reply=reply)
            self.dataChanged.emit(self.index(r, COL_REPLY), self.index(r, COL_REPLY))
        self.replies_changed.emit()

    def counts(self) -> dict[str, int]:
        out = {reply: 0 for reply in REPLIES}
        out["eingeladen"] = sum(1 for r in self._rows if not r.is_replacement)
        out["nachrücker"] = sum(1 for r in self._rows if r.is_replacement)
        out["im panel"] = sum(1 for r in self._rows if r.selected)
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
