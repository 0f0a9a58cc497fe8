"""The settings dialog: values round-trip, invalid input keeps the dialog open and saves nothing."""
from __future__ import annotations

import json

import pytest
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


# --- the data folder chosen in the dialog -------------------------------------------------------
@pytest.fixture
def platform_dir(tmp_path, monkeypatch):
    """The platform folder redirected to tmp and no QUARTIERSLABOR_DATA_DIR, so the pointer file counts."""
    from quartierslabor_app.core import paths
    folder = tmp_path / "standard"
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(paths, "platform_data_dir", lambda: folder)
    return folder


def _live_database_with_labs(names):
    from quartierslabor_app.core.paths import default_database_path
    from quartierslabor_app.core.storage.database import open_database
    from quartierslabor_app.core.storage.models import Lab
    database = open_database(default_database_path())
    with database.session() as s:
        for name in names:
            s.add(Lab(name=name, district="Eving"))
    return database


def _choose_in_file_dialog(monkeypatch, dialog, folder):
    from PySide6.QtWidgets import QFileDialog
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, title, start: asked.append(start) or str(folder))
    dialog.data_tab.choose_button.click()
    return asked


def _pointer(platform_dir):
    from quartierslabor_app.core import paths
    path = platform_dir / paths.POINTER_FILE
    return json.loads(path.read_text(encoding="utf-8"))[paths.POINTER_KEY] if path.exists() else None


def _capture_information(monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *rest: shown.append(text))
    return shown


def test_data_folder_chosen_in_dialog_is_copied_and_used_after_restart(qtbot, platform_dir, tmp_path, monkeypatch):
    from quartierslabor_app.core import paths
    database = _live_database_with_labs(["Eving 2026", "Huckarde 2026"])
    try:
        dialog = _dialog(qtbot, database)
        tab = dialog.data_tab
        assert tab.folder_edit.text() == str(platform_dir)
        assert not tab.default_button.isEnabled()          # already the default folder
        target = tmp_path / "it-gesichert"
        target.mkdir()
        asked = _choose_in_file_dialog(monkeypatch, dialog, target)
        assert asked == [str(platform_dir)]
        assert tab.folder_edit.text() == str(target)
        assert tab.database_label.text() == str(target / "quartierslabor.sqlite3")
        assert not tab.copy_check.isHidden() and tab.copy_check.isChecked()
        assert "werden die Daten" in tab.change_label.text() and "nichts gelöscht" in tab.change_label.text()
        assert tab.default_button.isEnabled()
        assert _pointer(platform_dir) is None                # nothing happens before OK
        dialog.backup_tab.keep_spin.setValue(5)
        shown = _capture_information(monkeypatch)
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert dialog.needs_restart
        assert _pointer(platform_dir) == str(target)
        assert shown and f"„{target}“" in shown[0] and f"„{platform_dir}“ wurde nichts gelöscht" in shown[0]
    finally:
        database.dispose()
    import sqlite3
    con = sqlite3.connect(str(target / "quartierslabor.sqlite3"))
    assert sorted(r[0] for r in con.execute("SELECT name FROM labs")) == ["Eving 2026", "Huckarde 2026"]
    con.close()
    assert (platform_dir / "quartierslabor.sqlite3").exists()      # the old folder keeps everything
    assert paths.user_data_dir() == target and configured_backup_keep() == 5   # settings copied after saving

    again = SettingsDialog(None)
    qtbot.addWidget(again)
    assert again.data_tab.folder_edit.text() == str(target)
    assert again.data_tab.change_label.isHidden()
    again.accept()
    assert not again.needs_restart and _pointer(platform_dir) == str(target)


def test_data_folder_refused_keeps_dialog_open_and_saves_nothing(qtbot, platform_dir, monkeypatch):
    dialog = SettingsDialog(None)
    qtbot.addWidget(dialog)
    inside = platform_dir / "unterordner"
    inside.mkdir()
    _choose_in_file_dialog(monkeypatch, dialog, inside)
    assert "innerhalb des bisherigen Datenordners" in dialog.data_tab.change_label.text()
    assert dialog.data_tab.copy_check.isHidden()
    dialog.backup_tab.keep_spin.setValue(3)
    dialog.tabs.setCurrentWidget(dialog.backup_tab)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentWidget() is dialog.data_tab
    assert "innerhalb des bisherigen Datenordners" in dialog.error_label.text()
    assert _pointer(platform_dir) is None
    assert not machine_settings_path().exists()


def test_existing_data_folder_is_used_not_overwritten(qtbot, platform_dir, tmp_path, monkeypatch):
    import sqlite3
    from quartierslabor_app.core.storage.database import open_database
    from quartierslabor_app.core.storage.models import Lab
    _live_database_with_labs(["Hier"]).dispose()
    other = tmp_path / "alter-datenordner"
    existing = open_database(other / "quartierslabor.sqlite3")
    with existing.session() as s:
        s.add(Lab(name="Dort", district="Mengede"))
    existing.dispose()
    dialog = SettingsDialog(None)
    qtbot.addWidget(dialog)
    _choose_in_file_dialog(monkeypatch, dialog, other)
    assert "bereits eine Datenbank" in dialog.data_tab.change_label.text()
    assert dialog.data_tab.copy_check.isHidden()
    shown = _capture_information(monkeypatch)
    dialog.accept()
    assert dialog.needs_restart and "mit der dort vorhandenen Datenbank" in shown[0]
    con = sqlite3.connect(str(other / "quartierslabor.sqlite3"))
    assert [r[0] for r in con.execute("SELECT name FROM labs")] == ["Dort"]
    con.close()
    assert _pointer(platform_dir) == str(other)


def test_large_data_is_copied_in_the_background(qtbot, platform_dir, tmp_path, monkeypatch):
    from quartierslabor_app.qt.settings import settings_dialog
    monkeypatch.setattr(settings_dialog, "SYNC_COPY_LIMIT", 0)
    database = _live_database_with_labs([f"Labor {i}" for i in range(10)])
    try:
        dialog = _dialog(qtbot, database)
        target = tmp_path / "grosse-platte"
        _choose_in_file_dialog(monkeypatch, dialog, target)
        shown = _capture_information(monkeypatch)
        with qtbot.waitSignal(dialog.finished):
            dialog.accept()
            assert dialog.move_task is not None and not dialog.buttons.isEnabled()
        assert dialog.result() == QDialog.DialogCode.Accepted and dialog.needs_restart
        assert dialog.data_folder_move.copied and shown
        assert _pointer(platform_dir) == str(target)
    finally:
        database.dispose()
    assert (target / "quartierslabor.sqlite3").exists()


def test_missing_data_folder_is_reported_and_default_can_be_chosen(qtbot, platform_dir, tmp_path, monkeypatch):
    from quartierslabor_app.core import paths
    stick = tmp_path / "usb" / "Quartierslabor"
    platform_dir.mkdir()
    (platform_dir / paths.POINTER_FILE).write_text(json.dumps({paths.POINTER_KEY: str(stick)}), encoding="utf-8")
    dialog = SettingsDialog(None)
    qtbot.addWidget(dialog)
    tab = dialog.data_tab
    assert not tab.problem_label.isHidden()
    assert f"„{stick}“ ist nicht erreichbar" in tab.problem_label.text()
    assert tab.folder_edit.text() == str(platform_dir)
    assert tab.default_button.isEnabled()
    tab.default_button.click()
    assert "vergessen" in tab.change_label.text()
    shown = _capture_information(monkeypatch)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.needs_restart and not shown
    assert _pointer(platform_dir) is None


def test_data_folder_fixed_by_environment_cannot_be_chosen(qtbot, isolated_data_dir):
    dialog = SettingsDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.data_tab.folder_edit.text() == str(isolated_data_dir)
    assert not dialog.data_tab.choose_button.isEnabled()
    assert not dialog.data_tab.default_button.isEnabled()
    values = dialog.values()
    assert not values.data_folder_changed


def test_failed_background_copy_keeps_dialog_open(qtbot, platform_dir, tmp_path, monkeypatch):
    from quartierslabor_app.core import data_location
    from quartierslabor_app.qt.settings import settings_dialog
    monkeypatch.setattr(settings_dialog, "SYNC_COPY_LIMIT", 0)
    _live_database_with_labs(["Eins"]).dispose()
    (platform_dir / "logs").mkdir(exist_ok=True)
    (platform_dir / "logs" / "quartierslabor.log").write_text("Start\n", encoding="utf-8")

    def disk_full(src, dst, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(data_location.shutil, "copy2", disk_full)
    dialog = SettingsDialog(None)
    qtbot.addWidget(dialog)
    target = tmp_path / "voller-stick"
    _choose_in_file_dialog(monkeypatch, dialog, target)
    dialog.tabs.setCurrentWidget(dialog.backup_tab)
    task_states = []
    dialog.accept()
    task = dialog.move_task            # runs on a worker thread; its result arrives through the event loop
    task.done.connect(task_states.append)
    with qtbot.waitSignal(task.done):
        pass
    assert task_states == ["failed"]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentWidget() is dialog.data_tab
    assert "No space left on device" in dialog.error_label.text()
    assert dialog.buttons.isEnabled() and dialog.move_task is None
    assert _pointer(platform_dir) is None and not target.exists()


def test_city_extends_taxonomy_exports_and_imports_it(qtbot, db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from quartierslabor_app.core.board.taxonomy_store import city_default_taxonomy
    from quartierslabor_app.core.clustering import Clusterer
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = _dialog(qtbot, db)
    tab = dialog.taxonomy_tab
    tab.select_cluster("sauberkeit")
    assert "muell" in tab.cues_edit.toPlainText().split("\n")
    tab.name_edit.setText("Müll und Dreck")                         # renaming keeps the cue words
    tab.cues_edit.setPlainText(tab.cues_edit.toPlainText() + "\nTaubendreck:0.9")
    assert tab.apply_edit()
    tab.cues_edit.setPlainText("Taubendreck:7")                      # a weight outside 0–1 is refused
    assert not tab.apply_edit() and "kein gültiges Gewicht" in warnings[-1]
    assert tab.add_cluster("Grünflächen", "Die Wiese im Park ist ungepflegt\nBänke im Park fehlen")
    assert not tab.add_cluster("grünflächen") and "gibt es schon" in warnings[-1]
    tab.cues_edit.setPlainText("Wiese, Grünfläche")                  # the new cluster is selected for editing
    assert tab.apply_edit()
    path = tmp_path / "stadt.json"
    assert tab.export_file(path)
    dialog.accept()
    with db.session() as s:
        stored = city_default_taxonomy(s)
    mine = {c.key: c for c in stored}
    assert mine["sauberkeit"].name == "Müll und Dreck" and "Taubendreck:0.9" in mine["sauberkeit"].cues
    assert "muell" in mine["sauberkeit"].cues
    assert mine["stadt-gruenflaechen"].examples == ("Die Wiese im Park ist ungepflegt", "Bänke im Park fehlen")
    assert mine["stadt-gruenflaechen"].cues == ("Wiese", "Grünfläche")
    # the shared file holds everything; another facilitator imports it and the clusterer uses it
    shared = json.loads(path.read_text(encoding="utf-8"))
    assert all("cues" in c and "examples" in c for c in shared["clusters"])
    other = _dialog(qtbot, db)
    assert other.taxonomy_tab.load_file(path)
    clusterer = Clusterer(other.taxonomy_tab.clusters())
    assert clusterer.assign("Überall Taubendreck auf den Fensterbänken").cluster_key == "sauberkeit"
    assert clusterer.assign("Die Wiese im Park ist völlig ungepflegt").cluster_key == "stadt-gruenflaechen"
