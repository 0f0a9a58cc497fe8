"""The same draw through the GUI wizard and through ``quartierslabor draw`` gives the same files, byte for byte."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from quartierslabor_app.cli.main import main
from quartierslabor_app.core import demo, lab_service
from quartierslabor_app.core.hashing import file_sha256
from quartierslabor_app.core.lab_service import LabValues
from quartierslabor_app.core.selection import draw_service
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import DrawRecord
from quartierslabor_app.qt.draw.letter_dialog import DEFAULT_TIME_TEXT

from draw_gui import no_blocking_message_boxes, open_wizard, wait_task, wizard_at_settings  # noqa: F401 - autouse fixture

LAB_DATE = dt.date.today() + dt.timedelta(days=45)
FIXED_NOW = dt.datetime(2026, 3, 2, 18, 30, 5)
SEED = "Lotto 7.3.: 2 11 19 28 33 41"


def _gui_draw(qtbot, monkeypatch, db, lab_id: int, register: Path, out: Path) -> None:
    _view, wizard = wizard_at_settings(qtbot, db, lab_id, register)
    page = wizard.settings_page
    page.size_spin.setValue(35)
    page.replacements_spin.setValue(7)
    page.edges_edit.setText("16 30  45 60")            # spaces: the one parser accepts them
    page.edges_edit.editingFinished.emit()
    page.min_age_spin.setValue(18)
    page.max_age_spin.setValue(80)
    page.extra_oversampling_edit.setText("gender:w=1,2")   # the CLI's --oversample, same parser
    page.household_by_combo.setCurrentIndex(page.household_by_combo.findData("address_family_name"))
    page.seed_edit.setText(SEED)
    wizard.next()
    assert wizard.currentPage() is wizard.run_page
    wizard.run_page.run_button.click()
    wait_task(qtbot, wizard.run_page.task)
    for name, button in (("liste.csv", wizard.run_page.list_button), ("briefe.pdf", wizard.run_page.letters_button),
                         ("protokoll.pdf", wizard.run_page.protocol_button)):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, _p=out / name, **k: (str(_p), ""))
        button.click()
        wait_task(qtbot, wizard.run_page.task)


def _cli_draw(database_path: Path, register: Path, out: Path) -> None:
    code = main(["draw", str(register), "--size", "35", "--replacements", "7", "--age-bands", "16,30,45,60",
                 "--min-age", "18", "--max-age", "80", "--household-by", "adresse-name", "--district", "Eving",
                 "--oversample", "gender:w=1.2",
                 "--seed", SEED, "--reference-date", LAB_DATE.isoformat(), "--exclude-history",
                 "--lab", "Eving 2027", "--db", str(database_path), "--event-time", DEFAULT_TIME_TEXT,
                 "--out", str(out / "liste.csv"), "--letters", str(out / "briefe.pdf"),
                 "--protocol", str(out / "protokoll.pdf")])
    assert code == 0


def _new_lab(database) -> int:
    return lab_service.create_lab(database, LabValues("Eving 2027", "Eving", LAB_DATE, "Bürgerhaus Eving", 4)).id


def test_gui_and_cli_write_identical_list_letters_protocol_and_record(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(draw_service, "now", lambda: FIXED_NOW)
    register = tmp_path / "auszug.csv"
    demo.write_register_csv(register, demo.generate_register(2000, seed=5))
    gui_out, cli_out = tmp_path / "gui", tmp_path / "cli"
    gui_out.mkdir()
    cli_out.mkdir()

    gui_db = open_database(tmp_path / "gui.sqlite3")
    cli_db = open_database(tmp_path / "cli.sqlite3")
    try:
        _gui_draw(qtbot, monkeypatch, gui_db, _new_lab(gui_db), register, gui_out)
        _new_lab(cli_db)
        cli_db.dispose()
        _cli_draw(tmp_path / "cli.sqlite3", register, cli_out)

        for name in ("liste.csv", "briefe.pdf", "protokoll.pdf", "protokoll.json"):
            assert (gui_out / name).read_bytes() == (cli_out / name).read_bytes(), name
        record = json.loads((gui_out / "protokoll.json").read_text(encoding="utf-8"))
        assert record["kind"] == "draw" and len(record["invitees"]) == 42
        assert record["settings"]["age_edges"] == [16, 30, 45, 60] and record["settings"]["max_age"] == 80
        assert record["settings"]["household_by"] == "address_family_name"
        assert record["settings"]["oversampling"] == {"gender:w": 1.2}
        hashes = {o["file_name"]: o["sha256"] for o in record["outputs"]}
        assert hashes["liste.csv"] == file_sha256(gui_out / "liste.csv")
        assert hashes["briefe.pdf"] == file_sha256(gui_out / "briefe.pdf")
        assert hashes["protokoll.pdf"] == file_sha256(gui_out / "protokoll.pdf")
        cli_db = open_database(tmp_path / "cli.sqlite3")
        stored = []
        for database in (gui_db, cli_db):
            with database.session() as s:
                stored.append(s.query(DrawRecord).one().protocol_sha256)
        assert stored == [hashes["protokoll.pdf"]] * 2
    finally:
        gui_db.dispose()
        cli_db.dispose()

    # and a third party confirms it from the record and the register alone
    assert main(["verify", str(gui_out / "protokoll.json"), str(register)]) == 0


def test_gui_draws_from_several_districts_like_repeated_district(qtbot, db, tmp_path):
    register = tmp_path / "auszug.csv"
    demo.write_register_csv(register, demo.generate_register(1500, seed=9))
    _view, wizard = wizard_at_settings(qtbot, db, _new_lab(db), register)
    page = wizard.settings_page
    others = sorted({str(d) for d in wizard.session.validated.district.tolist()} - {"Eving"})[:2]
    page.more_districts_edit.setText(f"{others[0]}; {others[1]} ;")
    page.more_districts_edit.editingFinished.emit()
    page.seed_edit.setText("mehrere")
    wizard.next()
    assert wizard.session.settings.districts == ("Eving", *others)
    assert "Eving" in wizard.run_page.settings_label.text() and others[1] in wizard.run_page.settings_label.text()

    wizard.back()
    page.more_districts_edit.setText("Atlantis")
    page.more_districts_edit.editingFinished.emit()
    assert "Atlantis" in page.eligible_label.text()
    wizard.next()
    assert wizard.currentPage() is page and "Atlantis" in page.error_label.text()


def test_gui_stichtag_like_reference_date(qtbot, db, tmp_path):
    """The Stichtag chosen in the wizard is what the ages count at, in the settings and the record."""
    register = tmp_path / "auszug.csv"
    demo.write_register_csv(register, demo.generate_register(600, seed=4))
    view, wizard = open_wizard(qtbot, db, _new_lab(db))
    wizard.file_page.set_register_path(register)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    wizard.next()
    wait_task(qtbot, wizard.validation_page.task)
    first_ages = wizard.session.validated.age.copy()
    later = LAB_DATE + dt.timedelta(days=3 * 365)
    wizard.validation_page.reference_edit.setDate(later)
    wait_task(qtbot, wizard.validation_page.task)
    assert wizard.session.validated.reference_date == later
    assert (wizard.session.validated.age >= first_ages + 2).all()
    wizard.next()
    wizard.settings_page.seed_edit.setText("Stichtag")
    wizard.next()
    assert wizard.session.settings.reference_date == later
