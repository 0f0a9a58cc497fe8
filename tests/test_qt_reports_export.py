"""ExportView: lab check, participants count, PDF and Excel export in the background, German errors."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.reports.example_data import create_example_lab
from quartierslabor_app.core.storage.models import Lab
from quartierslabor_app.qt.reports.export_view import ExportView


@pytest.fixture
def lab_id(db):
    with db.session() as s:
        return create_example_lab(s, name="Quartierslabor Eving", district="Eving", date=dt.date(2026, 3, 14),
                                  cards=30, recommendations=6).id


@pytest.fixture
def view(qtbot, db, lab_id):
    widget = ExportView(db, lab_id)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def save_dialog(monkeypatch):
    """Patch the save dialog: returns the queued answers and records the suggested names."""
    calls: list[str] = []
    answers: list[str] = []

    def fake(parent, title, start, filter_text):
        calls.append(start)
        return (answers.pop(0) if answers else "", filter_text)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return answers, calls


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_pdf_export_writes_the_report(view, qtbot, tmp_path, save_dialog):
    answers, calls = save_dialog
    target = tmp_path / "bericht"  # suffix is added
    answers.append(str(target))
    with qtbot.waitSignal(view.exportFinished, timeout=60000) as blocker:
        view.pdf_button.click()
    assert blocker.args[0] == "succeeded"
    written = tmp_path / "bericht.pdf"
    assert blocker.args[1] == str(written)
    assert Path(calls[0]).name == "Quartierslabor_Eving_2026-03-14.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    text = pdf_text(written)
    assert "Quartierslabor Eving" in text
    assert "Handlungsempfehlungen" in text or "Empfehlungen" in text
    assert view.result_panel.isVisible() and view.result_panel.path == written
    assert view.result_panel.open_file_button.isVisible()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_excel_export_writes_the_workbook(view, qtbot, tmp_path, save_dialog, db, lab_id):
    answers, calls = save_dialog
    target = tmp_path / "mappe.xlsx"
    answers.append(str(target))
    with qtbot.waitSignal(view.exportFinished, timeout=60000) as blocker:
        view.xlsx_button.click()
    assert blocker.args == ["succeeded", str(target)]
    assert Path(calls[0]).name == "Quartierslabor_Eving_2026-03-14.xlsx"
    wb = openpyxl.load_workbook(target)
    assert "Empfehlungen" in wb.sheetnames
    with db.session() as s:
        titles = {r.title for r in s.get(Lab, lab_id).recommendations}
    sheet_values = {c.value for row in wb["Empfehlungen"].iter_rows() for c in row}
    assert titles <= sheet_values


def test_locked_target_gives_german_error_and_keeps_old_file(view, qtbot, tmp_path, save_dialog, warnings,
                                                             monkeypatch):
    answers, _calls = save_dialog
    target = tmp_path / "offen_in_excel.xlsx"
    target.write_bytes(b"previous complete version")
    answers.append(str(target))

    def locked(_src, _dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with qtbot.waitSignal(view.exportFinished, timeout=60000) as blocker:
        view.xlsx_button.click()
    assert blocker.args[0] == "failed"
    assert "geöffnet oder schreibgeschützt" in blocker.args[1]
    assert warnings and "schließen" in warnings[0]
    assert target.read_bytes() == b"previous complete version"
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    assert view.result_panel.isVisible() and not view.result_panel.open_file_button.isVisible()
    assert view.pdf_button.isEnabled()


def test_cancelled_file_dialog_does_nothing(view, tmp_path, save_dialog):
    view.pdf_button.click()
    assert view.runner.task is None
    assert not view.result_panel.isVisible()


def test_attendance_decides_the_participants(view):
    """The example lab has its attendance recorded: the report's figure, not a typed count."""
    assert not view.participants_spin.isEnabled() and view.participants_spin.value() == 27
    assert "Anwesenheit" in view.participants_hint.text()
    assert any("Teilnehmende: 27" in t for t in view.check_texts())


def test_participants_count_is_saved(qtbot, db):
    with db.session() as s:
        lab_id = create_lab(s, "Ohne Anwesenheit", "Mengede").id
    view = ExportView(db, lab_id)
    qtbot.addWidget(view)
    assert view.participants_spin.isEnabled()
    view.participants_spin.setValue(31)
    with db.session() as s:
        assert s.get(Lab, lab_id).participants_count == 31
    assert any("Teilnehmende: 31" in t for t in view.check_texts())
    view.participants_spin.setValue(0)
    with db.session() as s:
        assert s.get(Lab, lab_id).participants_count is None


def test_check_list_warns_about_missing_data(qtbot, db):
    with db.session() as s:
        lab_id = create_lab(s, "Leeres Labor", "Mengede").id
    widget = ExportView(db, lab_id)
    qtbot.addWidget(widget)
    texts = widget.check_texts()
    assert any(t.startswith("⚠") and "Kein Datum" in t for t in texts)
    assert any(t.startswith("⚠") and "Teilnehmenden fehlt" in t for t in texts)
    assert any(t.startswith("⚠") and "keine Handlungsempfehlungen" in t for t in texts)
    assert widget.default_name(".pdf") == "Quartierslabor_Mengede.pdf"
