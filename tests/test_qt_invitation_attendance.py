"""Workshop day in the invitation view: the attendance key, the reply keys and the walk-ins count.

Marks show at once and are stored in the background; every check of the database waits for the
writes first (``wait_for_writes``), so a mark that never reaches the database fails the test.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from sqlalchemy import select

from quartierslabor_app.core import attendance
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.models import Invitee, Lab, ParticipationAggregate
from quartierslabor_app.qt.draw.invitation_view import InvitationView, attendance_key, reply_keys
from quartierslabor_app.qt.draw.invitee_model import COL_ATTENDED, COL_REPLY


def _lab_with_invitees(db, n: int = 6) -> int:
    with db.session() as s:
        lab_id = create_lab(s, "Anwesenheit Eving", "Eving", capacity=4).id
        for i in range(n):
            s.add(Invitee(lab_id=lab_id, draw_order=i + 1, age_band="30–39", gender="wm"[i % 2],
                          district="Eving", subdistrict="Eving-Nord", family_name=f"Muster{i}",
                          given_names="Anna", street=f"Hauptstraße {i}", postcode="44339", city="Dortmund"))
    return lab_id


def _key(widget, key: str) -> None:
    QTest.keyClick(widget, QKeySequence(key)[0].key())


@pytest.fixture
def view(qtbot, db):
    lab_id = _lab_with_invitees(db)
    view = InvitationView(db, lab_id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.table.setFocus()
    return view


def _stored(db, lab_id):
    with db.session() as s:
        rows = {i.draw_order: (i.reply, bool(i.attended)) for i in s.scalars(select(Invitee).where(
            Invitee.lab_id == lab_id))}
        participants = {(a.category): a.participants for a in s.scalars(select(ParticipationAggregate).where(
            ParticipationAggregate.lab_id == lab_id, ParticipationAggregate.dimension == "gender"))}
        walk_ins = s.get(Lab, lab_id).walk_ins
    return rows, participants, walk_ins


def test_attendance_key_marks_and_unmarks_the_selected_rows(view, db):
    view.table.selectRow(0)
    _key(view.table, attendance_key())
    index = view.proxy.index(0, COL_ATTENDED)
    assert index.data() == "✓"                                   # shown before it is stored
    assert "Teilnehmende: <b>1</b>" in view.attendance.total_label.text()
    assert view.wait_for_writes()
    rows, participants, walk_ins = _stored(db, view.lab_id)
    assert rows[1] == ("offen", True) and sum(a for _, a in rows.values()) == 1
    assert sum(participants.values()) == 1 and walk_ins is None
    _key(view.table, attendance_key())                           # again: the mark is taken back
    assert view.proxy.index(0, COL_ATTENDED).data() == ""
    assert view.wait_for_writes()
    rows, participants, _ = _stored(db, view.lab_id)
    assert rows[1] == ("offen", False) and sum(participants.values()) == 0
    assert "nicht erfasst" in view.attendance.total_label.text()


def test_reply_keys_mark_at_typing_speed_and_reach_the_database(view, db):
    keys = reply_keys()
    for row, reply in enumerate(["zugesagt", "abgesagt", "unzustellbar", "zugesagt"]):
        view.table.selectRow(row)
        _key(view.table, keys[reply])
        assert view.proxy.index(row, COL_REPLY).data() == reply  # German UI: the stored word
    assert view.wait_for_writes()
    rows, _participants, _ = _stored(db, view.lab_id)
    assert [rows[i][0] for i in (1, 2, 3, 4, 5)] == ["zugesagt", "abgesagt", "unzustellbar", "zugesagt", "offen"]
    assert "Zusagen: <b>2</b>" in view.counts_label.text()


def test_several_selected_rows_marked_at_once(view, db):
    view.table.selectRow(1)
    view.table.selectionModel().select(view.proxy.index(3, 0), view.table.selectionModel().SelectionFlag.Select
                                       | view.table.selectionModel().SelectionFlag.Rows)
    assert view.toggle_attendance_for_selection() == 2
    assert view.wait_for_writes()
    rows, _p, _w = _stored(db, view.lab_id)
    assert [rows[i][1] for i in range(1, 7)] == [False, True, False, True, False, False]


def test_walk_ins_are_counted_saved_and_reloaded(view, db, qtbot):
    view.table.selectRow(2)
    _key(view.table, attendance_key())
    view.attendance.walk_ins.setValue(3)
    assert "Teilnehmende: <b>4</b>" in view.attendance.total_label.text()
    assert "3 Personen ohne Einladung" in view.attendance.total_label.text()
    assert view.wait_for_writes()
    with db.session() as s:
        assert attendance.load_attendance(s, view.lab_id) == attendance.Attendance(1, 3)
    again = InvitationView(db, view.lab_id)
    qtbot.addWidget(again)
    assert again.attendance.walk_ins.value() == 3
    assert "Teilnehmende: <b>4</b>" in again.attendance.total_label.text()


def test_zero_walk_ins_is_recorded_and_not_recorded_is_none(db):
    lab_id = _lab_with_invitees(db, 2)
    with db.session() as s:
        assert not attendance.load_attendance(s, lab_id).recorded
        assert attendance.load_attendance(s, lab_id).total is None
        attendance.set_walk_ins(s, lab_id, 0)
    with db.session() as s:
        record = attendance.load_attendance(s, lab_id)
        assert record.recorded and record.total == 0


def test_implausible_walk_ins_refused(db):
    from quartierslabor_app.core.errors import UserError

    lab_id = _lab_with_invitees(db, 1)
    with db.session() as s, pytest.raises(UserError, match="nicht plausibel"):
        attendance.set_walk_ins(s, lab_id, attendance.MAX_WALK_INS + 1)


def test_attendance_column_and_key_in_english(qtbot, db, english):
    lab_id = _lab_with_invitees(db, 1)
    view = InvitationView(db, lab_id)
    qtbot.addWidget(view)
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert headers[COL_ATTENDED] == "Present"
    assert view.attendance.button.text() == "Present (Space)"
    assert view.attendance.walk_ins.specialValueText() == "not recorded"
