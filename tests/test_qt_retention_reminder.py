"""The GUI reminds about expired retention periods and deletes invitees' personal data on request."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QMessageBox

from quartierslabor_app.core.storage.models import Invitee, Lab
from quartierslabor_app.qt.labs import retention_reminder
from quartierslabor_app.qt.main_window import MainWindow


def _lab_with_invitees(db, name: str, date: dt.date) -> int:
    with db.session() as s:
        lab = Lab(name=name, district="Eving", date=date)
        s.add(lab)
        for i in range(3):
            s.add(Invitee(lab=lab, draw_order=i + 1, family_name=f"Yılmaz{i}", given_names="Ayşe",
                          street="Bornstraße 12", postcode="44145", city="Dortmund", age_band="25–34",
                          gender="w", person_key=f"k{i}"))
        s.flush()
        return lab.id


def test_due_lab_is_listed_checked_and_deleted(db, qtbot, monkeypatch):
    old = _lab_with_invitees(db, "Eving 2025", dt.date.today() - dt.timedelta(days=200))
    recent = _lab_with_invitees(db, "Eving heute", dt.date.today())
    window = MainWindow(db)
    qtbot.addWidget(window)
    shown = []

    def fake_exec(dialog):
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(retention_reminder.RetentionReminderDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    window.remind_retention(only_if_pending=True)
    assert len(shown) == 1
    assert shown[0].checked_lab_ids() == [old]  # only the due lab; the recent one is not listed
    assert shown[0].list.count() == 1

    def cleared() -> bool:
        with db.session() as s:
            return all(not i.family_name for i in s.query(Invitee).filter_by(lab_id=old))

    qtbot.waitUntil(cleared, timeout=10_000)
    with db.session() as s:
        assert {i.family_name for i in s.query(Invitee).filter_by(lab_id=recent)} == {"Yılmaz0", "Yılmaz1",
                                                                                      "Yılmaz2"}
        assert s.get(Lab, old).personal_data_deleted_at is not None


def test_nothing_pending_shows_no_dialog(db, qtbot, monkeypatch):
    _lab_with_invitees(db, "Neu", dt.date.today() + dt.timedelta(days=30))
    window = MainWindow(db)
    qtbot.addWidget(window)
    monkeypatch.setattr(retention_reminder.RetentionReminderDialog, "exec",
                        lambda d: (_ for _ in ()).throw(AssertionError("no dialog expected")))
    assert window.remind_retention(only_if_pending=True) is None
