"""English UI of the main window, the lab views, the start-up dialogs; language at start; settings menu."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from quartierslabor_app.core.errors import DatabaseError
from quartierslabor_app.core.retention import RetentionStatus
from quartierslabor_app.core.settings_store import get_machine_setting, set_machine_setting
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.qt import app as app_module
from quartierslabor_app.qt import error_dialog, i18n
from quartierslabor_app.core import lab_service
from quartierslabor_app.qt.labs import lab_texts
from quartierslabor_app.qt.labs.lab_dialog import LabDialog
from quartierslabor_app.core.lab_service import LabValues
from quartierslabor_app.qt.main_window import MainWindow
from quartierslabor_app.qt.widgets.shortcuts import ShortcutsDialog
from quartierslabor_app.qt.widgets.database_problem_dialog import DatabaseProblemDialog


def _lab(db, name="Nordstadt 2026", district="Innenstadt-Nord", capacity=30) -> int:
    return lab_service.create_lab(db, LabValues(name, district, dt.date(2026, 3, 14), "Bürgerhaus", capacity)).id


@pytest.fixture
def window(qtbot, db):
    win = MainWindow(db)
    qtbot.addWidget(win)
    return win


def test_main_window_menus_and_lab_list_in_english(qtbot, english, db):
    lab_id = _lab(db)
    win = MainWindow(db)
    qtbot.addWidget(win)
    assert [a.text() for a in win.menuBar().actions()] == ["&File", "&Lab", "&View", "&Help"]
    assert [a.text() for a in win.file_menu.actions() if not a.isSeparator()] == [
        "&New lab …", "Create &sample data …", "Se&ttings …", "&Quit"]
    assert [a.text() for a in win.lab_menu.actions() if not a.isSeparator()] == [
        "&Edit …", "&Rename …", "&Delete …", "Delete &personal data …"]
    assert [a.text() for a in win.help_menu.actions() if not a.isSeparator()] == [
        "&Keyboard shortcuts …", "&About Quartierslabor"]
    view_texts = [a.text() for a in win.view_menu.actions() if not a.isSeparator()]
    assert view_texts == ["Show &lab list", "&Filter labs", "&1  Invitation", "&2  Workshop", "&3  Recommendations", "&4  Export",
                          "&Compare labs"]
    assert win.new_action.toolTip() == "Create a new lab (Ctrl+N)"
    assert win.filter_edit.placeholderText() == "Filter by name, district, date, venue …"
    headers = [win.lab_model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
               for c in range(win.lab_model.columnCount())]
    assert headers == ["District", "Date", "Name"]
    tooltip = win.lab_proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.endswith("30 places")
    assert win.select_lab(lab_id)
    assert win.header.details_label.text().endswith("30 places")
    assert win.header.edit_button.text() == "Edit …"
    button = win.step_bar.buttons["Einladung"]
    assert button.text() == "1  Invitation\nno draw yet"
    assert button.toolTip() == "Step 1: Invitation (Ctrl+1)"
    assert win.step_bar.status_text("Workshop") == "no concerns yet"
    assert win.statusBar().currentMessage().startswith("Database: ")


def test_main_window_in_german_without_catalogue(window):
    """The source text with German key names (Qt's own catalogue: "Strg")."""
    assert [a.text() for a in window.menuBar().actions()] == ["&Datei", "&Labor", "&Ansicht", "&Hilfe"]
    assert window.new_action.toolTip() == "Neues Quartierslabor anlegen (Strg+N)"
    assert window.step_bar.buttons["Export"].toolTip() == "Schritt 4: Export (Strg+4)"


def test_empty_window_lab_dialog_and_delete_question_in_english(qtbot, english, db, monkeypatch):
    win = MainWindow(db)
    qtbot.addWidget(win)
    assert win.empty_label.text().startswith("No lab selected yet.")
    assert "(Ctrl+N)" in win.empty_label.text()
    dialog = LabDialog(lambda values: None, parent=win)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New lab"
    assert dialog.ok_button.text() == "Create"
    assert dialog.capacity_spin.suffix() == " places"
    lab_id = _lab(db)
    win.reload_labs(select_id=lab_id)
    questions = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: questions.append((a[1], a[2])) or QMessageBox.StandardButton.No)
    assert win.delete_lab() is False
    title, text = questions[0]
    assert title == "Delete lab"
    assert text.startswith("Delete the lab “Nordstadt 2026” (Innenstadt-Nord, 14.03.2026) permanently?")
    assert "The lab does not contain any data yet." in text


def test_step_status_and_deletion_summary_in_english(english):
    counts = lab_service.LabCounts(draws=1, invitees=12, accepted=4, replacements=2, cards=1, clusters=3, topics_in_use=3,
                                   recommendations=5)
    status = lab_texts.step_status_texts(counts, 10)
    assert status == {"Einladung": "10 invitees · 4/10 accepted", "Workshop": "1 concern · 3 topics",
                      "Empfehlungen": "5 recommendations", "Export": "ready"}
    assert lab_texts.deletion_summary(counts) == (
        "This deletes: 1 draw record, 12 invitees (names, addresses, replies), 1 concern, 3 topics, "
        "5 recommendations.")


def test_shortcut_list_in_english(qtbot, english, db, monkeypatch):
    lab_id = _lab(db)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.select_lab(lab_id)
    win.select_step("Workshop")
    shown = []
    monkeypatch.setattr(win, "run_dialog", lambda dialog: shown.append(dialog) or False)
    win.shortcuts_action.trigger()
    dialog = shown[0]
    assert isinstance(dialog, ShortcutsDialog)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Keyboard shortcuts"
    sections = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert sections == ["File", "View", "In the list of labs", "Step “Workshop”"]
    rows = dialog.rows()
    assert rows[:10] == [("New lab", "Ctrl+N"), ("Settings", "Ctrl+,"), ("Quit", "Ctrl+Q"),
                         ("Show lab list", "Ctrl+Shift+L"), ("Filter labs", "Ctrl+F"),
                         ("1  Invitation", "Ctrl+1"), ("2  Workshop", "Ctrl+2"), ("3  Recommendations", "Ctrl+3"),
                         ("4  Export", "Ctrl+4"), ("Rename", "F2")]
    assert ("Delete", "Del") in rows
    assert ("New topic", "Ctrl+Shift+N") in rows            # the board's own keys, from the open step
    assert ("Dot vote: +2", "2") in rows
    assert ("Redo", "Ctrl+Shift+Z or Ctrl+Y") in rows


def test_ctrl_n_is_new_lab_everywhere_and_the_board_has_its_own_key(qtbot, db, monkeypatch):
    """Ctrl+N means "new lab" on every step, also while the board has the focus; a new topic is Ctrl+Shift+N."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from quartierslabor_app.qt.widgets import name_dialog

    lab_id = _lab(db)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.select_lab(lab_id)
    win.select_step("Workshop")
    asked, opened = [], []
    monkeypatch.setattr(name_dialog, "ask_name", lambda *a, **k: asked.append(a[1]) or ("", False))
    monkeypatch.setattr(win, "run_dialog", lambda dialog: opened.append(type(dialog).__name__) or False)
    view = win.step_view("Workshop")
    view.entry.line.setFocus()
    QApplication.processEvents()
    assert view.isAncestorOf(QApplication.focusWidget())
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, shift_ctrl)
    assert asked == ["Neues Thema"] and opened == []
    view.entry.line.setFocus()
    QApplication.processEvents()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["LabDialog"] and asked == ["Neues Thema"]
    win.lab_view.setFocus()
    QApplication.processEvents()
    QTest.keyClick(win.lab_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["LabDialog", "LabDialog"] and asked == ["Neues Thema"]
    assert [seq.toString() for seq in win.new_action.shortcuts()][0] == "Ctrl+N"


def test_error_dialog_in_english(qtbot, english, isolated_data_dir):
    try:
        {}["missing"]
    except KeyError as exc:
        dialog = error_dialog.show_exception_dialog(exc, context="Export")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Quartierslabor – unexpected error"
    assert dialog.message_label.text().startswith("An unexpected error occurred during “Export”: KeyError")
    assert dialog.copy_button.text() == "Copy"
    assert dialog.close_button.text() == "Close"
    assert dialog.log_label.text().startswith("Log file: ")
    dialog.copy_button.click()
    assert dialog.copy_button.text() == "Copied ✓"
    assert "\nLog file: " in dialog.full_text()
    dialog.accept()


def test_database_problem_dialog_in_english(qtbot, english, tmp_path):
    backup = tmp_path / "labor-20260101-sicherung.sqlite3"
    open_database(backup).dispose()
    error = DatabaseError("Die Datenbank ist beschädigt.", file="labor.sqlite3")
    dialog = DatabaseProblemDialog(error, [backup], tmp_path / "labor.sqlite3")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Quartierslabor – the database cannot be opened"
    assert dialog.message_label.text().startswith("<b>The database cannot be opened.</b>")
    assert "beschädigt" in dialog.message_label.text()          # the domain error stays German
    assert dialog.restore_button.text() == "Restore latest backup"
    assert dialog.quit_button.text() == "Quit"
    no_backup = DatabaseProblemDialog(error, [], tmp_path / "labor.sqlite3")
    qtbot.addWidget(no_backup)
    assert no_backup.new_button.text() == "Start with an empty database"


def test_retention_reminder_lines_in_english(qtbot, english):
    from quartierslabor_app.qt.labs.retention_reminder import RetentionReminderDialog, status_summary

    soon = RetentionStatus(1, "Nordstadt", "Innenstadt-Nord", dt.date(2025, 9, 1), dt.date(2026, 3, 1), 40, 5)
    due = RetentionStatus(2, "Eving", "Eving", None, None, 3, None)
    assert status_summary(soon) == "Nordstadt (Innenstadt-Nord): 40 people, delete from 01.03.2026 – in 5 days"
    assert status_summary(due) == "Eving (Eving): 3 people, no deletion date yet (lab without a date)"
    one = RetentionStatus(3, "Hombruch", "Hombruch", None, dt.date(2026, 3, 1), 1, 1)
    assert status_summary(one) == "Hombruch (Hombruch): 1 person, delete from 01.03.2026 – in 1 day"
    dialog = RetentionReminderDialog([soon, due])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Delete personal data"
    assert dialog.delete_button.text() == "Delete checked now"
    assert dialog.list.item(0).text() == status_summary(soon)


def test_create_application_installs_the_configured_language(qapp, compiled_dir, monkeypatch, isolated_data_dir):
    monkeypatch.setattr(i18n, "translations_dir", lambda: compiled_dir)
    try:
        set_machine_setting(i18n.LANGUAGE_KEY, "en")
        assert app_module.create_application() is qapp
        assert qapp._quartierslabor_language == "en"
        assert i18n.translate("MainWindow", "&Datei") == "&File"
        assert qapp.translate("QPlatformTheme", "Cancel") == "Cancel"
        set_machine_setting(i18n.LANGUAGE_KEY, "de")
        app_module.create_application()
        assert qapp._quartierslabor_language == "de"
        assert i18n.translate("MainWindow", "&Datei") == "&Datei"
        assert qapp.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        i18n.install_translators(qapp, "de")


def test_self_test_stays_german_with_english_configured(qapp, compiled_dir, monkeypatch, capsys):
    monkeypatch.setattr(i18n, "translations_dir", lambda: compiled_dir)
    try:
        i18n.install_translators(qapp, "en")
        assert app_module.run_self_test() == 0
        assert qapp._quartierslabor_language == "de"
        assert "Selbsttest bestanden." in capsys.readouterr().out
    finally:
        i18n.install_translators(qapp, "de")


def _settings_runner(language: str | None, seen: list):
    """A ``run_dialog`` stand-in: pick ``language`` in the settings dialog (None: leave it) and press OK."""
    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        if language is not None:
            combo = dialog.language_tab.combo
            combo.setCurrentIndex(combo.findData(language))
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted
    return run


def test_settings_action_opens_settings_and_language_change_needs_restart(window, monkeypatch):
    from quartierslabor_app.qt.settings.settings_dialog import SettingsDialog

    assert window.settings_action in window.file_menu.actions()
    assert not window.settings_action.shortcut().isEmpty()
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    seen = []
    monkeypatch.setattr(window, "run_dialog", _settings_runner(None, seen))
    window.settings_action.trigger()
    assert len(seen) == 1 and isinstance(seen[0], SettingsDialog)
    assert seen[0].database is window.database
    assert infos == []                                   # nothing that needs a restart changed
    assert window.statusBar().currentMessage() == "Einstellungen gespeichert."

    monkeypatch.setattr(window, "run_dialog", _settings_runner("en", seen))
    window.settings_action.trigger()
    assert len(seen) == 2 and seen[1].needs_restart
    assert get_machine_setting(i18n.LANGUAGE_KEY) == "en"
    assert len(infos) == 1 and "nächsten Start" in infos[0]


def test_settings_restart_notice_in_english(qtbot, english, db, monkeypatch):
    win = MainWindow(db)
    qtbot.addWidget(win)
    boxes = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: boxes.append((a[1], a[2])))
    monkeypatch.setattr(win, "run_dialog", _settings_runner("en", []))
    assert win.open_settings() is True
    title, text = boxes[0]
    assert title == "Settings"
    assert text.endswith("takes effect the next time the program starts.")


def test_settings_cancel_changes_nothing(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: pytest.fail("no notice on cancel"))
    monkeypatch.setattr(window, "run_dialog", lambda dialog: False)
    assert window.open_settings() is False
    assert get_machine_setting(i18n.LANGUAGE_KEY) is None


def test_settings_reopen_step_views_after_saving(window, db, monkeypatch):
    """City settings (taxonomy, letter template) are read when a view opens: saving reopens the views."""
    lab_id = _lab(db)
    window.reload_labs(select_id=lab_id)
    window.select_step("Export")
    before = window.step_view("Export")
    assert before is not None
    monkeypatch.setattr(window, "run_dialog", _settings_runner(None, []))
    assert window.open_settings() is True
    assert window.current_lab().id == lab_id
    assert window.step_bar.current_step() == "Export"
    assert window.step_view("Export") is not None and window.step_view("Export") is not before


def test_counts_in_step_views_use_singular_and_english_scope(qtbot, english, db):
    """Leftovers in the step views: "1 concern · 1 dot", "1 concern in 1 topic, 1 dot", "all districts"."""
    from quartierslabor_app.core.board.service import BoardService
    from quartierslabor_app.qt.recommendations.recommendations_view import RecommendationsView
    from quartierslabor_app.qt.reports.comparison_view import ComparisonView
    from quartierslabor_app.qt.reports.export_view import ExportView

    lab_id = _lab(db)
    board = BoardService(db, lab_id)
    card = board.add_card("Nachts laute Musik und Geschrei am Kiosk", place="Nordmarkt")
    board.add_card_vote(card.id, 1)
    recommendations = RecommendationsView(db, lab_id)
    qtbot.addWidget(recommendations)
    assert recommendations.cluster_list.item(0).text().split("\n")[1] == "1 concern · 1 dot · no recommendation yet"
    export = ExportView(db, lab_id)
    qtbot.addWidget(export)
    checks = [export.checks.item(i).text() for i in range(export.checks.count())]
    assert any(text.endswith("1 concern in 1 topic, 1 dot") for text in checks), checks
    comparison = ComparisonView(db)
    qtbot.addWidget(comparison)
    assert comparison.summary_label.text().startswith("1 lab in 1 district (all districts).")


def test_database_problem_dialog_shows_a_core_database_error_in_english(qtbot, english, tmp_path):
    """A damaged file: the core's own DatabaseError is shown translated, the German original is not."""
    from quartierslabor_app.qt.i18n import localized

    damaged = tmp_path / "labor.sqlite3"
    damaged.write_bytes(b"kein SQLite " * 500)
    with pytest.raises(DatabaseError) as caught:
        open_database(damaged)
    german = str(caught.value)
    english_text = localized(caught.value)
    assert english_text and english_text != german
    dialog = DatabaseProblemDialog(caught.value, [], damaged)
    qtbot.addWidget(dialog)
    shown = dialog.message_label.text()
    assert _plain(english_text)[:40] in _plain(shown)
    assert _plain(german)[:40] not in _plain(shown)


def _plain(text: str) -> str:
    """Rich text of a label reduced to its words (tags, entities and line breaks dropped)."""
    import html
    import re
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
