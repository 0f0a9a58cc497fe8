"""Draw wizard inputs: XLSX sheet choice, street directory instead of a district column,
exclusion of earlier labs' invitees, the letter text saved as the city default."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from quartierslabor_app.core import demo
from quartierslabor_app.core.draw.letters import SETTING_KEY, LetterTemplate
from quartierslabor_app.core.register import Field
from quartierslabor_app.core.storage.models import Invitee, Setting
from quartierslabor_app.qt.draw.letter_dialog import LetterDialog, letter_lab_info
from quartierslabor_app.core import lab_service
from quartierslabor_app.core.lab_service import LabValues

from draw_gui import no_blocking_message_boxes, open_wizard, wait_task, wizard_at_settings  # noqa: F401 - autouse fixture

LAB_DATE = dt.date.today() + dt.timedelta(days=45)


def _lab(db, name="Labor", capacity=3):
    return lab_service.create_lab(db, LabValues(name, "Eving", LAB_DATE, "Saal", capacity))


def test_xlsx_sheet_is_chosen(qtbot, db, tmp_path):
    rows = demo.generate_register(300, seed=3)
    path = tmp_path / "auszug.xlsx"
    demo.write_register_xlsx(path, rows, sheet_name="Melderegister", sheets_before=("Hinweise",))
    view, wizard = open_wizard(qtbot, db, _lab(db).id)
    page = wizard.file_page
    page.set_register_path(path)
    assert page.sheet_combo.isVisibleTo(page)
    assert [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())] == ["Hinweise", "Melderegister"]
    page.set_register_path(path, sheet="Melderegister")
    wizard.next()
    wait_task(qtbot, page.task)
    assert wizard.currentPage() is wizard.mapping_page
    assert wizard.session.table.rows_read == 300
    assert "Tabellenblatt „Melderegister“" in wizard.mapping_page.info_label.text()


def test_street_directory_replaces_district_column(qtbot, db, tmp_path):
    rows = demo.generate_register(600, seed=4)
    register = tmp_path / "ohne_bezirk.csv"
    demo.write_register_csv(register, rows, with_district=False)
    directory = tmp_path / "strassen.csv"
    demo.write_street_directory(directory, rows)
    view, wizard = open_wizard(qtbot, db, _lab(db).id)
    wizard.file_page.set_register_path(register)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    assert "„Stadtbezirk“" in wizard.mapping_page.missing_label.text()  # no district column, no directory
    assert not wizard.mapping_page.isComplete()
    wizard.back()
    wizard.file_page.set_street_directory_path(directory)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    assert wizard.currentPage() is wizard.mapping_page
    assert Field.DISTRICT not in wizard.mapping_page.current_mapping()
    assert wizard.mapping_page.isComplete()
    wizard.next()
    wait_task(qtbot, wizard.validation_page.task)
    districts = set(wizard.session.validated.district.tolist())
    assert "Eving" in districts and len(districts) > 3


def _draw(qtbot, db, lab_id, register: Path, seed: str, exclude_history: bool = True):
    view, wizard = wizard_at_settings(qtbot, db, lab_id, register)
    wizard.settings_page.history_check.setChecked(exclude_history)
    wizard.settings_page.seed_edit.setText(seed)
    wizard.next()
    task = wizard.run_page.start_draw()
    wait_task(qtbot, task)
    wizard.accept()
    with db.session() as s:
        invitees = s.query(Invitee).filter(Invitee.lab_id == lab_id).all()
        return ({i.person_key for i in invitees if not i.is_replacement},
                {i.person_key for i in invitees})


def test_earlier_invitees_are_excluded(qtbot, db, tmp_path):
    rows = demo.generate_register(8000, seed=9)
    register = tmp_path / "auszug.csv"
    demo.write_register_csv(register, rows)
    first = _draw(qtbot, db, _lab(db, "Erstes", capacity=5).id, register, "eins")
    second_lab = _lab(db, "Zweites", capacity=5).id
    second = _draw(qtbot, db, second_lab, register, "zwei")
    first_main, first_all = first
    second_main, second_all = second
    assert len(first_main) == 50 and len(first_all) == 60 and len(second_all) == 60
    # everyone invited to the first lab is excluded; unused Nachrücker (never written to) are not
    assert not first_main & second_all
    # the settings page told the organiser how many were excluded
    view, wizard = wizard_at_settings(qtbot, db, second_lab, register)
    assert "50 Personen" in wizard.settings_page.history_check.text()


def test_letter_text_saved_as_city_default(qtbot, db):
    lab = _lab(db)
    dialog = LetterDialog(db, lab)
    qtbot.addWidget(dialog)
    dialog.body_edit.setPlainText("{anrede},\nbitte kommen Sie am {datum} nach {ort}. {unbekannt}")
    dialog.save_button.click()
    assert "Unbekannter Platzhalter" in dialog.error_label.text()
    with db.session() as s:
        assert s.get(Setting, SETTING_KEY) is None  # nothing half-saved
    dialog.body_edit.setPlainText("{anrede},\nbitte kommen Sie am {datum} nach {ort}.")
    dialog.time_edit.setText("18:00 bis 21:00 Uhr")
    dialog.save_button.click()
    with db.session() as s:
        saved = LetterTemplate.from_json(s.get(Setting, SETTING_KEY).value)
    assert saved.body == "{anrede},\nbitte kommen Sie am {datum} nach {ort}."
    assert letter_lab_info(lab).time_text == "18:00 bis 21:00 Uhr"
    again = LetterDialog(db, lab)
    qtbot.addWidget(again)
    assert again.body_edit.toPlainText() == saved.body


def test_closing_wizard_while_reading_is_safe(qtbot, db, tmp_path, monkeypatch):
    rows = demo.generate_register(20_000, seed=1)
    register = tmp_path / "gross.csv"
    demo.write_register_csv(register, rows)
    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: errors.append(a))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a))
    view, wizard = open_wizard(qtbot, db, _lab(db).id)
    wizard.file_page.set_register_path(register)
    task = wizard.file_page.start_loading()
    wizard.reject()
    wait_task(qtbot, task)
    assert task.cancel_token.cancelled
    assert errors == []
    assert view.model.rowCount() == 0


def test_unreadable_file_is_refused_on_the_first_page(qtbot, db, tmp_path):
    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    view, wizard = open_wizard(qtbot, db, _lab(db).id)
    wizard.file_page.set_register_path(empty)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    assert wizard.currentPage() is wizard.file_page
    assert "leer.csv" in wizard.file_page.info_label.text()
    assert wizard.session.table is None
    wizard.file_page.set_register_path(tmp_path / "gibt-es-nicht.csv")
    assert wizard.file_page.start_loading() is None
    assert "gibt es nicht" in wizard.file_page.info_label.text()


def test_duplicated_header_is_shown_and_the_column_can_be_chosen(qtbot, db, tmp_path):
    path = tmp_path / "doppelt.csv"
    path.write_text("Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Ort;Stadtbezirk;"
                    "Familienname\r\nAlt;Anna;01.02.1980;w;Bornstraße;5;44339;Dortmund;Eving;Neu\r\n",
                    encoding="utf-8")
    view, wizard = open_wizard(qtbot, db, _lab(db).id)
    wizard.file_page.set_register_path(path)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    page = wizard.mapping_page
    assert wizard.currentPage() is page
    text = page.missing_label.text()
    assert "Doppelte Spaltenüberschrift" in text and "Spalten 1, 10" in text and "Spalte 1 verwendet" in text
    page.set_mapping(Field.FAMILY_NAME, 9)
    assert page.current_mapping()[Field.FAMILY_NAME] == 9
    assert "Spalte 10 verwendet" in page.missing_label.text()
    assert page.isComplete()


def test_fifo_as_register_is_named_on_the_first_page(qtbot, db, tmp_path):
    import os
    if not hasattr(os, "mkfifo"):
        return
    fifo = tmp_path / "auszug.csv"
    os.mkfifo(fifo)
    view, wizard = open_wizard(qtbot, db, _lab(db).id)
    wizard.file_page.set_register_path(fifo)
    assert wizard.file_page.start_loading() is None
    assert "benannte Pipe (FIFO)" in wizard.file_page.info_label.text()
