"""The Einladung workflow in the GUI: import -> mapping -> validation -> draw -> export, replies, panel."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard
from pypdf import PdfReader

from quartierslabor_app.core import demo
from quartierslabor_app.core.register import Field
from quartierslabor_app.core.storage.models import DrawRecord, Invitee, Lab
from quartierslabor_app.core import lab_service
from quartierslabor_app.core.lab_service import LabValues
from quartierslabor_app.core.draw.reply_codes import format_reply_code, reply_code
from quartierslabor_app.qt.draw.invitee_model import COL_REPLY
from quartierslabor_app.cli.main import main

from draw_gui import no_blocking_message_boxes, open_wizard, wait_task, wizard_at_settings  # noqa: F401 - autouse fixture

LAB_DATE = dt.date.today() + dt.timedelta(days=60)


@pytest.fixture
def register_file(tmp_path) -> Path:
    rows = demo.generate_register(2500, seed=11)
    path = tmp_path / "auszug.csv"
    demo.write_register_csv(path, rows)
    return path


@pytest.fixture
def lab_id(db) -> int:
    return lab_service.create_lab(db, LabValues("Quartierslabor Eving", "Eving", LAB_DATE, "Bürgerhaus", 4)).id


def _save_to(monkeypatch, path: Path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_full_flow_import_to_exports(qtbot, db, lab_id, register_file, tmp_path, monkeypatch, isolated_data_dir):
    view, wizard = open_wizard(qtbot, db, lab_id)
    assert view.empty_hint.isVisibleTo(view)

    # a) file: Weiter reads the file in the background and moves on by itself
    wizard.file_page.set_register_path(register_file)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    assert wizard.currentPage() is wizard.mapping_page
    table = wizard.session.table
    assert table.rows_read == 2500
    assert "Windows-1252" in wizard.file_page.info_label.text() and "Semikolon" in wizard.file_page.info_label.text()
    assert table.sha256 in wizard.mapping_page.info_label.text()

    # b) mapping recognised, preview filled
    mapping = wizard.mapping_page.current_mapping()
    for fld in (Field.FAMILY_NAME, Field.GIVEN_NAMES, Field.BIRTH_DATE, Field.GENDER, Field.STREET, Field.DISTRICT):
        assert fld in mapping
    assert wizard.mapping_page.isComplete()
    assert wizard.mapping_page.preview_model.rowCount() == 30

    # c) validation
    wizard.next()
    wait_task(qtbot, wizard.validation_page.task)
    reg = wizard.session.validated
    assert reg.rows_valid == 2500 and wizard.validation_page.isComplete()

    # d) settings: size defaults to capacity x 10
    wizard.next()
    page = wizard.settings_page
    assert page.size_spin.value() == 40
    assert page.district_combo.currentData() == "Eving"
    assert not page.isComplete()  # no seed yet
    page.seed_edit.setText("Lottozahlen 4 8 15 16 23 42")
    page.replacements_spin.setValue(6)
    wizard.next()
    assert wizard.currentPage() is wizard.run_page
    settings = wizard.session.settings
    assert (settings.size, settings.replacements, settings.districts) == (40, 6, ("Eving",))
    assert settings.strata == ("district", "age", "gender")

    # e) draw + save
    wizard.run_page.run_button.click()
    wait_task(qtbot, wizard.run_page.task)
    result = wizard.session.result
    assert len(result.main_list) == 40 and len(result.replacement_list) == 6
    assert wizard.run_page.strata_model.rowCount() == len(result.strata)
    assert sum(wizard.run_page.strata_model.row_values(r)[4] for r in range(len(result.strata))) == 40
    with db.session() as s:
        invitees = s.query(Invitee).filter(Invitee.lab_id == lab_id).all()
        assert len(invitees) == 46
        assert sum(1 for i in invitees if i.is_replacement) == 6
        assert {i.district for i in invitees} == {"Eving"}
        record = s.query(DrawRecord).one()
        assert record.register_sha256 == table.sha256 and record.seed_text == "Lottozahlen 4 8 15 16 23 42"

    # exports through the buttons (save dialogs answered programmatically)
    xlsx = tmp_path / "out" / "liste.xlsx"
    xlsx.parent.mkdir()
    _save_to(monkeypatch, xlsx)
    wizard.run_page.list_button.click()
    wait_task(qtbot, wizard.run_page.task)
    csv_path = tmp_path / "out" / "liste.csv"
    _save_to(monkeypatch, csv_path)
    wizard.run_page.list_button.click()
    wait_task(qtbot, wizard.run_page.task)
    protocol = tmp_path / "out" / "protokoll.pdf"
    _save_to(monkeypatch, protocol)
    wizard.run_page.protocol_button.click()
    wait_task(qtbot, wizard.run_page.task)
    letters = tmp_path / "out" / "briefe.pdf"
    _save_to(monkeypatch, letters)
    wizard.run_page.letters_button.click()
    wait_task(qtbot, wizard.run_page.task)

    sheet = openpyxl.load_workbook(xlsx, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][:len(table.headers)]) == table.headers
    assert len(rows) == 1 + 46
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.reader(fh, delimiter=";"))) == 1 + 46
    protocol_text = "".join(p.extract_text() for p in PdfReader(protocol).pages)
    assert table.sha256[:16] in protocol_text.replace("\n", "")
    assert "Lottozahlen 4 8 15 16 23 42" in protocol_text
    assert len(PdfReader(letters).pages) == 80  # one letter (and its DSGVO back page) per invitee, Nachrücker not by default
    with db.session() as s:
        assert len(s.query(DrawRecord).one().protocol_sha256) == 64
    assert "Einladungsbriefe" in wizard.run_page.export_label.text()

    # finishing drops the register from memory; the view shows the invitees
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.session.table is None and wizard.session.validated is None
    view.refresh()
    assert view.model.rowCount() == 46
    assert not view.empty_hint.isVisibleTo(view)
    # the register was never written into the data folder
    assert not [p for p in isolated_data_dir.rglob("*") if p.suffix.lower() in (".csv", ".xlsx")]


def _write_bad_register(path: Path) -> None:
    lines = [
        "Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Ort;Stadtbezirk",
        "Yılmaz;Ayşe;01.02.1980;w;Lindenweg;3;44339;Dortmund;Eving",
        "Kowalski;Piotr;31.02.1975;m;Lindenweg;5;44339;Dortmund;Eving",       # impossible date (row 3)
        "Schmidt;Anna;12.12.1990;q;Birkenweg;1;44339;Dortmund;Eving",         # unknown gender (row 4)
        "Weber;Jonas;03.03.1999;m;Birkenweg;2;44339;Dortmund;Eving",
        "Klein;Mia;04.04.2001;w;Ahornweg;7",                                  # ragged row (row 6)
    ]
    lines += [f"Person{i};Vorname{i};0{1 + i % 9}.01.19{50 + i % 40};{'mw'[i % 2]};Ulmenweg;{i};44339;Dortmund;Eving"
              for i in range(60)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _validate(qtbot, wizard, register) -> None:
    """Choose a register file in the wizard and go on to its validation page (both tasks done)."""
    wizard.file_page.set_register_path(register)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    wizard.next()
    wait_task(qtbot, wizard.validation_page.task)

def test_invalid_rows_must_be_skipped_explicitly(qtbot, db, lab_id, tmp_path, monkeypatch):
    bad = tmp_path / "fehler.csv"
    _write_bad_register(bad)
    view, wizard = open_wizard(qtbot, db, lab_id)
    _validate(qtbot, wizard, bad)
    page = wizard.validation_page
    rows = {page.issue_model.row_values(r)[0]: page.issue_model.row_values(r) for r in range(page.issue_model.rowCount())}
    assert {3, 4, 6} <= set(rows)
    assert rows[3][1] == "Geburtsdatum" and rows[4][1] == "Geschlecht"
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "ausdrücklich" in page.gate_label.text()
    page.skip_check.setChecked(True)
    assert page.isComplete() and wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    report = tmp_path / "bericht.csv"
    _save_to(monkeypatch, report)
    page.save_button.click()
    text = report.read_text(encoding="utf-8-sig")
    assert "fehler.csv" in text and wizard.session.table.sha256 in text
    assert "3;Geburtsdatum;Fehler;" in text


def test_mapping_names_missing_fields_and_can_be_corrected(qtbot, db, lab_id, tmp_path):
    path = tmp_path / "andere.csv"
    path.write_text("Name;Rufname;Jahre;Sex;Adresse;Bezirk\n"
                    + "\n".join(f"N{i};V{i};{20 + i};w;Weg {i};Eving" for i in range(20)) + "\n", encoding="utf-8")
    view, wizard = open_wizard(qtbot, db, lab_id)
    wizard.file_page.set_register_path(path)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    page = wizard.mapping_page
    page.set_mapping(Field.GIVEN_NAMES, None)
    assert not page.isComplete()
    assert "Vorname(n)" in page.missing_label.text()
    page.set_mapping(Field.GIVEN_NAMES, 1)
    page.set_mapping(Field.AGE, 2)
    page.set_mapping(Field.GENDER, 3)
    page.set_mapping(Field.ADDRESS, 4)
    page.set_mapping(Field.DISTRICT, 5)
    page.set_mapping(Field.FAMILY_NAME, 0)
    assert page.missing() == []
    page.set_mapping(Field.CITY, 5)  # same column twice is refused
    assert not page.isComplete() and "mehreren Feldern" in page.missing_label.text()
    page.set_mapping(Field.CITY, None)
    assert page.isComplete()


def _invitees_with_draw(qtbot, db, lab_id, register_file):
    view, wizard = wizard_at_settings(qtbot, db, lab_id, register_file)
    wizard.settings_page.seed_edit.setText("Würfel 1 2 3")
    wizard.next()
    wait_task(qtbot, wizard.run_page.start_draw())
    wizard.accept()
    view.refresh()
    return view


def test_replies_saved_immediately_and_panel_selected(qtbot, db, lab_id, register_file, tmp_path):
    view = _invitees_with_draw(qtbot, db, lab_id, register_file)
    main_rows = [r for r in range(view.model.rowCount()) if not view.model.row_at(r).is_replacement]
    # reply via the editable cell (what the combo delegate does)
    index = view.model.index(main_rows[0], 7)
    assert view.model.setData(index, "abgesagt")
    assert view.wait_for_writes()          # shown at once, stored in the background
    with db.session() as s:
        assert s.get(Invitee, view.model.row_at(main_rows[0]).id).reply == "abgesagt"
    # reply for a selection of rows via the buttons
    view.table.clearSelection()
    for r in main_rows[1:8]:
        proxy_row = view.proxy.mapFromSource(view.model.index(r, 0)).row()
        view.table.selectionModel().select(view.proxy.index(proxy_row, 0),
                                           view.table.selectionModel().SelectionFlag.Select
                                           | view.table.selectionModel().SelectionFlag.Rows)
    view.reply_buttons["zugesagt"].click()
    assert view.wait_for_writes()
    with db.session() as s:
        accepted = s.query(Invitee).filter(Invitee.lab_id == lab_id, Invitee.reply == "zugesagt").count()
    assert accepted == 7
    assert "Zusagen: <b>7</b> von 4 Plätzen" in view.counts_label.text()
    assert view.panel_button.isEnabled()

    dialog = view.run_panel_selection()
    assert dialog.start() is None and "Startwert" in dialog.summary_label.text()   # no seed yet
    dialog.seed_edit.setText("Lotto 1 2 3 4 5 6")
    dialog.slack_spin.setValue(2)
    wait_task(qtbot, dialog.start())
    assert "Ausgelost: <b>4</b> von 7 Zusagen" in dialog.summary_label.text()
    assert dialog.model.rowCount() == 7 and dialog.table.isVisible()
    shown = [dialog.model.index(r, dialog.model.columnCount() - 2).data() for r in range(7)]
    assert all(text.endswith(" %") for text in shown), shown      # as the summary shows chances
    probs = [float(text.removesuffix(" %").replace(",", ".")) / 100 for text in shown]
    assert abs(sum(probs) - 4) < 7 * 0.0005 and min(probs) > 0     # each rounded to a tenth of a percent
    with db.session() as s:
        selected = s.query(Invitee).filter(Invitee.lab_id == lab_id, Invitee.selected.is_(True)).all()
        assert len(selected) == 4 and all(i.reply == "zugesagt" for i in selected)
        assert "Panel-Auswahl:" in s.get(Lab, lab_id).notes
        dropped_id = selected[0].id
    wait_task(qtbot, dialog.save_protocol(tmp_path / "panel.pdf"))   # the same files as the CLI writes
    assert "Gespeichert: panel_zusagen.csv, panel.pdf, panel.json" in dialog.summary_label.text()
    assert main(["verify", str(tmp_path / "panel.json"), str(tmp_path / "panel_zusagen.csv")]) == 0
    dialog.close()
    assert view.panel_only_check.isChecked() and view.proxy.rowCount() == 4

    view.reply_filter.setCurrentIndex(view.reply_filter.findData("abgesagt"))
    view.panel_only_check.setChecked(False)
    assert view.proxy.rowCount() == 1

    # a panel member declines: the others stay, one is drawn from the rest, quotas still met
    assert not view.replace_button.isVisible()
    row = next(r for r in range(view.model.rowCount()) if view.model.row_at(r).id == dropped_id)
    assert view.model.setData(view.model.index(row, COL_REPLY), "abgesagt")
    assert view.replace_button.isVisibleTo(view)
    dialog = view.run_panel_selection(replace_dropouts=True)
    dialog.seed_edit.setText("Würfel 4 4 2")
    dialog.slack_spin.setValue(2)
    wait_task(qtbot, dialog.start())
    assert "Nachgerückt:" in dialog.summary_label.text()
    with db.session() as s:
        now = {i.id for i in s.query(Invitee).filter(Invitee.lab_id == lab_id, Invitee.selected.is_(True))}
        assert len(now) == 4 and dropped_id not in now
    dialog.close()


def test_second_draw_asks_whether_to_replace(qtbot, db, lab_id, register_file, monkeypatch):
    _invitees_with_draw(qtbot, db, lab_id, register_file)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
    view, wizard = open_wizard(qtbot, db, lab_id)
    _validate(qtbot, wizard, register_file)
    wizard.next()
    wizard.settings_page.seed_edit.setText("anderer Startwert")
    wizard.next()
    assert wizard.run_page.start_draw() is None  # cancelled
    assert asked and "schon" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    wait_task(qtbot, wizard.run_page.start_draw())
    with db.session() as s:
        assert s.query(DrawRecord).count() == 2
        assert s.query(Invitee).filter(Invitee.lab_id == lab_id).count() == 40 + 8  # replaced, not added


def test_letters_for_selected_nachruecker_after_wizard_closed(qtbot, db, lab_id, register_file, tmp_path):
    view = _invitees_with_draw(qtbot, db, lab_id, register_file)
    reps = [r for r in range(view.model.rowCount()) if view.model.row_at(r).is_replacement][:2]
    view.table.clearSelection()
    flags = view.table.selectionModel().SelectionFlag.Select | view.table.selectionModel().SelectionFlag.Rows
    for r in reps:
        view.table.selectionModel().select(view.proxy.mapFromSource(view.model.index(r, 0)), flags)
    target = tmp_path / "nachruecker.pdf"
    task = view.export_letters_for_selection(target)
    wait_task(qtbot, task)
    pages = PdfReader(target).pages
    assert len(pages) == 4   # two letters, each with the DSGVO information on its back page
    names = [view.model.row_at(r) for r in reps]
    with db.session() as s:
        codes = [reply_code(s.get(Invitee, person.id).person_key) for person in names]
    assert all(format_reply_code(code) in pages[2 * i].extract_text() for i, code in enumerate(codes))
    text = "".join(p.extract_text() for p in pages)
    for person in names:
        assert person.family_name in text and person.street in text


@pytest.mark.parametrize("language", ["de", "en"])
def test_validation_without_problems_says_so_instead_of_an_empty_table(qtbot, request, db, lab_id, tmp_path, language):
    if language == "en":
        request.getfixturevalue("english")
    clean = tmp_path / "sauber.csv"
    clean.write_text("Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Ort;Stadtbezirk\n"
                     + "\n".join(f"Person{i};Vorname{i};0{1 + i % 9}.01.19{50 + i % 40};{'mw'[i % 2]};Ulmenweg;{i};"
                                 "44339;Dortmund;Eving" for i in range(1, 61)) + "\n", encoding="utf-8")
    view, wizard = open_wizard(qtbot, db, lab_id)
    wizard.show()
    _validate(qtbot, wizard, clean)
    page = wizard.validation_page
    assert page.issue_model.rowCount() == 0 and page.isComplete()
    assert not page.issue_view.isVisible() and not page.filter_edit.isVisible()
    assert page.no_issues_label.isVisible()
    assert page.save_button.width() < page.width() // 2          # a button, not a bar across the page
    expected = {"de": "Keine Probleme gefunden: 60 Zeilen geprüft, alle gültig.",
                "en": "No problems found: 60 rows checked, all valid."}[language]
    assert page.no_issues_label.text() == expected

    # a file with problems brings the table back
    bad = tmp_path / "fehler.csv"
    _write_bad_register(bad)
    wizard.back()
    wizard.back()
    _validate(qtbot, wizard, bad)
    assert page.issue_model.rowCount() > 0
    assert page.issue_view.isVisible() and not page.no_issues_label.isVisible()
    wizard.reject()
