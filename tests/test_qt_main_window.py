"""Main window: create, rename, delete labs; list ordering and filtering; geometry; views."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from quartierslabor_app.core.labs import LIFECYCLE_STEPS
from quartierslabor_app.core.storage.models import Invitee, Lab
from quartierslabor_app.core import lab_service
from quartierslabor_app.core.lab_service import LabValues
from quartierslabor_app.qt.main_window import MainWindow
from quartierslabor_app.qt.widgets import name_dialog


def _add(db, name, district, date, capacity=30):
    return lab_service.create_lab(db, LabValues(name, district, date, "Bürgerhaus", capacity)).id


@pytest.fixture
def window(qtbot, db):
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    return win


def _names(win):
    by_id = {r.id: r.name for r in lab_service.load_lab_rows(win.database)}
    return [by_id[i] for i in win.lab_ids_in_view()]


def test_labs_sorted_by_district_then_date_and_filtered(qtbot, db):
    _add(db, "Hörde 2025", "Hörde", dt.date(2025, 5, 3))
    _add(db, "Eving 2026", "Eving", dt.date(2026, 3, 14))
    _add(db, "Eving 2022", "Eving", dt.date(2022, 3, 1))
    _add(db, "Aplerbeck offen", "Aplerbeck", None)
    win = MainWindow(db)
    qtbot.addWidget(win)
    assert _names(win) == ["Aplerbeck offen", "Eving 2022", "Eving 2026", "Hörde 2025"]
    win.lab_view.sortByColumn(1, win.lab_view.horizontalHeader().sortIndicatorOrder().AscendingOrder)
    assert _names(win) == ["Eving 2022", "Hörde 2025", "Eving 2026", "Aplerbeck offen"]
    qtbot.keyClicks(win.filter_edit, "eving")
    assert _names(win) == ["Eving 2022", "Eving 2026"]
    win.filter_edit.setText("14.03.2026")
    assert _names(win) == ["Eving 2026"]
    win.filter_edit.setText("hörde bürgerhaus")
    assert _names(win) == ["Hörde 2025"]
    win.filter_edit.setText("gibtsnicht")
    assert _names(win) == []
    win.filter_edit.clear()
    assert len(_names(win)) == 4


def test_create_lab_through_dialog(window, db):
    def fill_and_accept(dialog):
        dialog.name_edit.setText("Quartierslabor Scharnhorst")
        dialog.district_combo.setEditText("Scharnhorst")
        dialog.date_edit.setDate(QDate(2026, 6, 13))
        dialog.venue_edit.setText("Gemeindezentrum")
        dialog.capacity_spin.setValue(35)
        dialog.ok_button.click()
        return dialog.result() == dialog.DialogCode.Accepted

    window.run_dialog = fill_and_accept
    lab_id = window.new_lab()
    assert lab_id is not None
    with db.session() as s:
        lab = s.get(Lab, lab_id)
        assert (lab.name, lab.district, lab.date, lab.venue, lab.capacity) == (
            "Quartierslabor Scharnhorst", "Scharnhorst", dt.date(2026, 6, 13), "Gemeindezentrum", 35)
    assert window.current_lab().id == lab_id
    assert window.header.name_label.text() == "Quartierslabor Scharnhorst"
    assert "13.06.2026" in window.header.details_label.text()
    assert "35 Plätze" in window.header.details_label.text()


def test_create_lab_with_duplicate_name_keeps_dialog_open(window, db):
    _add(db, "Doppelt", "Eving", None)
    window.reload_labs()
    states = {}

    def fill(dialog):
        dialog.name_edit.setText("Doppelt")
        dialog.district_combo.setEditText("Eving")
        dialog.ok_button.click()
        states["visible_error"] = dialog.error_label.text()
        states["result"] = dialog.result()
        return False  # user gives up

    window.run_dialog = fill
    assert window.new_lab() is None
    assert "gibt es schon" in states["visible_error"]
    assert states["result"] != 1
    assert len(lab_service.load_lab_rows(db)) == 1


def test_edit_lab_updates_header(window, db):
    lab_id = _add(db, "Alt", "Eving", dt.date(2026, 1, 10), capacity=20)
    window.reload_labs(select_id=lab_id)

    def change(dialog):
        assert dialog.name_edit.text() == "Alt"
        dialog.name_edit.setText("Neu")
        dialog.venue_edit.setText("Schule am Park")
        dialog.capacity_spin.setValue(44)
        dialog.ok_button.click()
        return True

    window.run_dialog = change
    window.edit_lab()
    row = lab_service.load_lab_row(db, lab_id)
    assert (row.name, row.venue, row.capacity) == ("Neu", "Schule am Park", 44)
    assert window.header.name_label.text() == "Neu"
    assert "Schule am Park" in window.header.details_label.text()


def test_rename_lab(window, db, monkeypatch):
    lab_id = _add(db, "Vorher", "Eving", None)
    window.reload_labs(select_id=lab_id)
    monkeypatch.setattr(name_dialog, "ask_name", lambda *a, **k: ("Nachher", True))
    window.rename_action.trigger()
    assert lab_service.load_lab_row(db, lab_id).name == "Nachher"
    assert window.header.name_label.text() == "Nachher"


def test_rename_to_existing_name_is_refused(window, db, monkeypatch):
    _add(db, "A", "Eving", None)
    lab_id = _add(db, "B", "Eving", None)
    window.reload_labs(select_id=lab_id)
    warnings = []
    monkeypatch.setattr(name_dialog, "ask_name", lambda *a, **k: ("A", True))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    window.rename_lab()
    assert lab_service.load_lab_row(db, lab_id).name == "B"
    assert warnings and "„A“ gibt es schon" in warnings[0]


def test_delete_lab_asks_naming_lab_and_contents(window, db, monkeypatch):
    keep = _add(db, "Bleibt", "Brackel", dt.date(2026, 2, 1))
    lab_id = _add(db, "Weg damit", "Eving", dt.date(2026, 3, 14))
    with db.session() as s:
        for i in range(3):
            s.add(Invitee(lab_id=lab_id, draw_order=i + 1, family_name=f"N{i}"))
    window.reload_labs(select_id=lab_id)
    questions = []

    def answer_no(parent, title, text, *args, **kwargs):
        questions.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    window.delete_action.trigger()
    assert lab_service.load_lab_row(db, lab_id) is not None  # "Nein" keeps it
    assert "„Weg damit“ (Eving, 14.03.2026)" in questions[0]
    assert "3 eingeladene Personen" in questions[0]

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.delete_lab()
    assert lab_service.load_lab_row(db, lab_id) is None
    with db.session() as s:
        assert s.query(Invitee).count() == 0
    assert window.lab_ids_in_view() == [keep]
    assert window.current_lab().id == keep


def test_delete_shortcut_only_acts_on_lab_list(window, db, monkeypatch, qtbot):
    from PySide6.QtCore import Qt
    lab_id = _add(db, "Einziges", "Eving", None)
    window.reload_labs(select_id=lab_id)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    window.activateWindow()
    window.filter_edit.setFocus()
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Delete)
    assert asked == []
    window.lab_view.setFocus()
    qtbot.keyClick(window.lab_view, Qt.Key.Key_Delete)
    assert len(asked) == 1


def test_every_step_view_opens_and_status_shows(window, db):
    lab_id = _add(db, "Stufen", "Eving", None, capacity=10)
    with db.session() as s:
        for i in range(12):
            s.add(Invitee(lab_id=lab_id, draw_order=i + 1, reply="zugesagt" if i < 4 else "offen"))
    window.reload_labs(select_id=lab_id)
    for step in LIFECYCLE_STEPS:
        window.select_step(step)
        view = window.step_view(step)
        assert view is not None and window.step_stack.currentWidget() is view
        assert hasattr(view, "refresh")
    assert window.step_bar.status_text("Einladung") == "12 Eingeladene · 4/10 Zusagen"
    assert window.step_bar.status_text("Workshop") == "noch keine Anliegen"


def test_comparison_view_opens(window):
    view = window.open_comparison()
    assert view.isVisible()
    view.close()


def test_geometry_is_remembered_in_user_data_folder(qtbot, db, isolated_data_dir):
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.resize(701, 501)
    win.show()
    win.close()
    assert (isolated_data_dir / "oberflaeche.ini").exists()
    again = MainWindow(db)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (701, 501)


def test_no_lab_shows_empty_hint(window):
    assert window.current_lab() is None
    assert window.step_stack.currentWidget() is window.empty_label
    assert not window.delete_action.isEnabled()
