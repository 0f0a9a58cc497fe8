"""First start: the demo register and example lab, and a draw on it with the default settings."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from quartierslabor_app.core.register import read_register
from quartierslabor_app.core.storage.models import Invitee, Lab
from quartierslabor_app.qt.draw.invitation_view import InvitationView
from quartierslabor_app.qt.labs.demo_setup import DEMO_LAB_NAME, create_demo
from quartierslabor_app.qt.main_window import MainWindow


def test_create_demo_writes_register_and_lab(db, isolated_data_dir):
    result = create_demo(db, n_rows=800)
    assert result.register_path.parent == isolated_data_dir / "demo"
    table = read_register(result.register_path)
    assert table.rows_read == 800
    assert result.street_directory_path.exists()
    with db.session() as s:
        lab = s.get(Lab, result.lab_id)
        assert (lab.name, lab.district, lab.venue, lab.capacity) == (DEMO_LAB_NAME, "Eving", "Bürgerhaus Eving", 40)
        assert lab.date is not None
    again = create_demo(db, n_rows=800)  # idempotent: no second lab
    assert again.lab_id == result.lab_id and not again.lab_created


def test_first_start_offers_demo_and_decline_is_remembered(qtbot, db, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.No)
    win = MainWindow(db)
    qtbot.addWidget(win)
    assert win.offer_demo_if_empty() is False
    assert len(asked) == 1
    assert win.offer_demo_if_empty() is False
    assert len(asked) == 1  # not asked again after "Nein"


def test_demo_from_first_start_through_default_draw(qtbot, db, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    win = MainWindow(db)
    qtbot.addWidget(win)
    assert win.offer_demo_if_empty() is True
    with qtbot.waitSignal(win.last_task.done, timeout=60_000):
        pass
    assert win.current_lab() is not None and win.current_lab().name == DEMO_LAB_NAME
    assert "20000 Personen" in infos[0]
    view = win.step_view("Einladung")
    assert isinstance(view, InvitationView)
    wizard = view.open_wizard()
    assert wizard.file_page.path_edit.text().endswith("beispiel-registerauszug.csv")  # pre-filled
    wizard.next()
    with qtbot.waitSignal(wizard.file_page.task.done, timeout=60_000):
        pass
    wizard.next()
    if not wizard.validation_page.task.finished:
        with qtbot.waitSignal(wizard.validation_page.task.done, timeout=60_000):
            pass
    assert wizard.validation_page.isComplete()
    wizard.next()
    assert wizard.settings_page.size_spin.value() == 400
    wizard.settings_page.seed_edit.setText("Beispiel")
    wizard.next()
    task = wizard.run_page.start_draw()
    with qtbot.waitSignal(task.done, timeout=60_000):
        pass
    with db.session() as s:
        lab_id = win.current_lab().id
        assert s.query(Invitee).filter(Invitee.lab_id == lab_id, Invitee.is_replacement.is_(False)).count() == 400
    wizard.accept()
    win.refresh_status()
    assert win.step_bar.status_text("Einladung").startswith("400 Eingeladene")
