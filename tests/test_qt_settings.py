"""The settings dialog: values round-trip, invalid input keeps the dialog open and saves nothing."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog

from quartierslabor_app.core import retention
from quartierslabor_app.core.board.taxonomy_store import CITY_TAXONOMY_SETTING
from quartierslabor_app.core.clustering.model import ClusterDef
from quartierslabor_app.core.clustering.taxonomy import taxonomy_to_json
from quartierslabor_app.core.draw.letters import LetterTemplate, load_letter_template
from quartierslabor_app.core.settings_store import configured_database_url, load_machine_settings, machine_settings_path
from quartierslabor_app.core.storage.models import Setting
from quartierslabor_app.qt.settings.settings_dialog import SettingsDialog
from quartierslabor_app.qt.settings.settings_values import BACKUP_KEEP_KEY, configured_backup_keep

PG_URL = "postgresql+psycopg://moderation:geheim@rathaus.example/quartierslabor"


def _dialog(qtbot, db):
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_shown(qtbot, db, isolated_data_dir):
    dialog = _dialog(qtbot, db)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Sprache", "Datenordner / Datenbank", "Standard-Taxonomie", "Briefvorlage", "Sicherungen"]
    assert dialog.language_tab.combo.currentData() == "de"
    assert dialog.data_tab.folder_edit.text() == str(isolated_data_dir)
    assert dialog.data_tab.url_edit.text() == ""
    assert dialog.backup_tab.months_spin.value() == retention.DEFAULT_RETENTION_MONTHS
    assert dialog.letter_tab.subject_edit.text() == LetterTemplate().subject
    assert dialog.taxonomy_tab.is_builtin()
    assert dialog.taxonomy_tab.table.rowCount() >= 5
    assert "eingebaute Vorgabe" in dialog.taxonomy_tab.source_label.text()


def test_round_trip(qtbot, db):
    with db.session() as s:
        s.add(Setting(key=CITY_TAXONOMY_SETTING, value=taxonomy_to_json(
            [ClusterDef(key="laerm", name="Lärm"), ClusterDef(key="muell", name="Müll")])))
    dialog = _dialog(qtbot, db)
    assert not dialog.taxonomy_tab.is_builtin()
    assert dialog.taxonomy_tab.table.rowCount() == 2
    dialog.language_tab.combo.setCurrentIndex(dialog.language_tab.combo.findData("en"))
    dialog.data_tab.url_edit.setText(PG_URL)
    dialog.backup_tab.keep_spin.setValue(7)
    dialog.backup_tab.months_spin.setValue(6)
    dialog.backup_tab.keep_keys_check.setChecked(True)
    dialog.letter_tab.subject_edit.setText("Einladung nach {bezirk}")
    dialog.letter_tab.closing_edit.setText("Herzliche Grüße")
    dialog.taxonomy_tab.reset_button.click()
    assert dialog.taxonomy_tab.is_builtin()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.needs_restart

    machine = load_machine_settings()
    assert machine["language"] == "en"
    assert configured_database_url() == PG_URL
    assert machine[BACKUP_KEEP_KEY] == 7 and configured_backup_keep() == 7
    with db.session() as s:
        assert retention.retention_months(s) == 6
        assert retention.keeps_person_keys(s)
        template = load_letter_template(s)
        assert template.subject == "Einladung nach {bezirk}" and template.closing == "Herzliche Grüße"
        assert s.get(Setting, CITY_TAXONOMY_SETTING) is None

    again = _dialog(qtbot, db)
    assert again.language_tab.combo.currentData() == "en"
    assert again.data_tab.url_edit.text() == PG_URL
    assert again.backup_tab.keep_spin.value() == 7
    assert again.backup_tab.months_spin.value() == 6
    assert again.backup_tab.keep_keys_check.isChecked()
    assert again.letter_tab.closing_edit.text() == "Herzliche Grüße"
    assert again.taxonomy_tab.is_builtin()
    # clearing the URL goes back to the local file; an unchanged language needs no restart
    again.data_tab.url_edit.setText("  ")
    again.accept()
    assert configured_database_url() is None and again.needs_restart
    third = _dialog(qtbot, db)
    third.accept()
    assert not third.needs_restart


def test_invalid_url_keeps_dialog_open_and_saves_nothing(qtbot, db):
    dialog = _dialog(qtbot, db)
    dialog.backup_tab.months_spin.setValue(9)
    dialog.data_tab.url_edit.setText("mysql://server/db")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentWidget() is dialog.data_tab
    assert "Datenbank-Adresse „mysql://server/db“ ist ungültig" in dialog.error_label.text()
    assert not machine_settings_path().exists()
    with db.session() as s:
        assert retention.retention_months(s) == retention.DEFAULT_RETENTION_MONTHS
    dialog.data_tab.url_edit.setText("postgresql+psycopg://server/")
    dialog.accept()
    assert "fehlt der Name der Datenbank" in dialog.error_label.text()


def test_unknown_letter_placeholder_is_refused(qtbot, db):
    dialog = _dialog(qtbot, db)
    dialog.letter_tab.body_edit.setPlainText("Hallo {vornamen}")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentWidget() is dialog.letter_tab
    assert "Unbekannter Platzhalter „{vornamen}“" in dialog.error_label.text()
    dialog.letter_tab.reset_button.click()
    assert dialog.letter_tab.body_edit.toPlainText() == LetterTemplate().body.strip()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_taxonomy_loaded_from_file_becomes_city_default(qtbot, db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    path = tmp_path / "stadt.json"
    path.write_text(taxonomy_to_json([ClusterDef(key="parken", name="Parken", handlungsfeld_codes=("2.9",))]),
                    encoding="utf-8")
    dialog = _dialog(qtbot, db)
    assert dialog.taxonomy_tab.load_file(path)
    assert dialog.taxonomy_tab.table.item(0, 0).text() == "Parken"
    assert "Wird mit „OK“ gespeichert" in dialog.taxonomy_tab.source_label.text()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    broken = tmp_path / "kaputt.json"
    broken.write_text("{nicht json", encoding="utf-8")
    assert not dialog.taxonomy_tab.load_file(broken)
    assert warnings and "kein gültiges JSON" in warnings[0]
    dialog.accept()
    with db.session() as s:
        stored = json.loads(s.get(Setting, CITY_TAXONOMY_SETTING).value)
    assert [c["name"] for c in stored["clusters"]] == ["Parken"]


def test_without_database_only_machine_settings(qtbot):
    dialog = SettingsDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.letter_tab.isEnabled()
    assert not dialog.backup_tab.months_spin.isEnabled()
    dialog.backup_tab.keep_spin.setValue(3)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert configured_backup_keep() == 3


def test_rolling_backup_keeps_the_configured_number(db):
    from quartierslabor_app.core.settings_store import set_machine_setting
    from quartierslabor_app.qt.board.backup_timer import RollingBackup
    set_machine_setting(BACKUP_KEEP_KEY, 4)
    backup = RollingBackup(db)
    assert backup.policy.keep == 4
    backup.timer.stop()
    assert RollingBackup(db, keep=9).policy.keep == 9
