"""The Einladung step in English: wizard, invitation view and letter editor use the compiled catalogue.

Replies stay stored in German; only their display follows the UI language.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard

from quartierslabor_app.core import demo
from quartierslabor_app.core.storage.models import Invitee
from quartierslabor_app.qt.draw.invitation_view import InvitationView
from quartierslabor_app.qt.draw.invitee_model import COL_REPLY, ReplyDelegate
from quartierslabor_app.qt.draw.letter_dialog import LetterDialog
from quartierslabor_app.core import lab_service
from quartierslabor_app.core.lab_service import LabValues
from draw_gui import no_blocking_message_boxes, wait_task  # noqa: F401 - autouse fixture

HEADER = Qt.Orientation.Horizontal
DISPLAY = Qt.ItemDataRole.DisplayRole
#: words and letters that give German away in an English text (names of places aside)
GERMAN_WORDS = re.compile(r"\b(und|oder|der|die|das|nicht|wird|werden|eine?|je|Sie|mit|für)\b|ß")


@pytest.fixture
def lab_id(db) -> int:
    values = LabValues("Nordstadt", "Eving", dt.date.today() + dt.timedelta(days=60), "Saal", 4)
    return lab_service.create_lab(db, values).id


def _headers(model) -> list[str]:
    return [model.headerData(c, HEADER, DISPLAY) for c in range(model.columnCount())]


def test_invitation_view_in_english(qtbot, english, db, lab_id):
    view = InvitationView(db, lab_id)
    qtbot.addWidget(view)
    assert view.new_draw_button.text() == "New draw …"
    assert view.letter_button.text() == "Letter text …"
    assert view.panel_button.text() == "Draw participants fairly …"
    assert view.filter_edit.placeholderText() == "Search by name, street, stratum …"
    assert _headers(view.draw_model)[5:] == ["Seed", "Invitees", "Replacements"]
    assert _headers(view.model)[COL_REPLY] == "Reply"
    assert view.reply_filter.itemText(0) == "all replies"
    # display in English, the stored value as item data
    assert view.reply_filter.itemText(view.reply_filter.findData("zugesagt")) == "accepted"
    assert view.reply_buttons["zugesagt"].text() == "accepted (A)"
    assert view.reply_buttons["abgesagt"].text() == "declined (D)"
    assert view.empty_hint.text().startswith("This lab has no draw yet.")
    assert "Acceptances: <b>0</b> of 4 places" in view.counts_label.text()


def test_draw_wizard_in_english(qtbot, english, db, lab_id, tmp_path):
    register = tmp_path / "auszug.csv"
    demo.write_register_csv(register, demo.generate_register(2500, seed=5))
    view = InvitationView(db, lab_id)
    qtbot.addWidget(view)
    wizard = view.open_wizard()
    assert wizard.windowTitle() == "New draw – Nordstadt"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< &Back"
    assert wizard.file_page.title() == "Choose the register extract"
    assert wizard.mapping_page.title() == "Assign columns"
    assert wizard.validation_page.title() == "Validation report"
    assert wizard.settings_page.title() == "Draw settings"
    assert wizard.run_page.title() == "Run the draw"
    assert wizard.run_page.run_button.text() == "Run and save the draw"
    assert _headers(wizard.run_page.strata_model)[:2] == ["Stratum", "Population"]

    wizard.file_page.set_register_path(register)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    assert "<b>Read:</b> 2,500 rows" in wizard.file_page.info_label.text()
    assert wizard.currentPage() is wizard.mapping_page
    assert wizard.mapping_page.missing_label.text().endswith("All required fields are assigned.</span>")
    wizard.next()
    wait_task(qtbot, wizard.validation_page.task)
    assert _headers(wizard.validation_page.issue_model) == ["Row", "Column", "Kind", "Message"]
    assert "rows</b> read" in wizard.validation_page.summary_label.text()
    wizard.next()
    settings = wizard.settings_page
    assert settings.district_combo.itemText(0) == "all districts in the extract"
    assert settings.strata_checks["age"].text() == "Age group"
    assert settings.history_check.text() == "Exclude invitees of earlier labs (from this app: 0 people)"
    # no German tooltip on any page (the household rule's long explanation was the protocol's German text)
    tips = {w.toolTip() for w in wizard.findChildren(QWidget) if w.toolTip()}
    assert settings.household_check.toolTip() in tips
    assert [t for t in tips if GERMAN_WORDS.search(t)] == []
    settings.seed_edit.setText("dice 1 2 3")
    wizard.next()
    wait_task(qtbot, wizard.run_page.start_draw())
    assert "Drawn: 40 invitations" in wizard.run_page.result_label.text()
    wizard.accept()
    view.refresh()

    # a reply chosen in the English combo box is stored as the German value, and shown in English
    source_row = next(r for r in range(view.model.rowCount()) if not view.model.row_at(r).is_replacement)
    index = view.model.index(source_row, COL_REPLY)
    delegate = ReplyDelegate(view.table)
    editor = delegate.createEditor(view.table, None, index)
    assert [editor.itemText(i) for i in range(editor.count())] == ["open", "accepted", "declined", "undeliverable"]
    delegate.setEditorData(editor, index)
    assert editor.currentData() == "offen"
    editor.setCurrentIndex(editor.findData("zugesagt"))
    delegate.setModelData(editor, view.model, index)
    assert view.wait_for_writes()
    with db.session() as s:
        assert s.get(Invitee, view.model.row_at(source_row).id).reply == "zugesagt"
    assert index.data(DISPLAY) == "accepted"
    assert index.data(Qt.ItemDataRole.EditRole) == "zugesagt"


def test_letter_editor_in_english(qtbot, english, db, lab_id):
    dialog = LetterDialog(db, lab_service.load_lab_row(db, lab_id))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit invitation letter"
    tabs = [dialog.editor.tabText(i) for i in range(dialog.editor.count())]
    assert tabs == ["Letter text", "Sender", "Date and time"]
    assert dialog.reset_button.text() == "Default text"
    assert "Given name(s) of the invitee" in dialog.editor.placeholder_label.text()
    assert dialog.subject_edit is dialog.editor.subject_edit
    # the letter itself stays German
    assert dialog.body_edit.toPlainText().startswith("{anrede},")


def test_validation_rows_and_settings_letter_tab_in_english(qtbot, english):
    from quartierslabor_app.qt.draw.wizard_validation_page import _display_rows
    from quartierslabor_app.qt.settings.letter_tab import LetterTab
    rows = [(3, "PLZ", "Fehler", "PLZ fehlt"), (4, "", "Hinweis", "Alter über 110")]
    assert [r[2] for r in _display_rows(rows)] == ["Error", "Note"]
    tab = LetterTab(has_database=True)
    qtbot.addWidget(tab)
    assert [tab.editor.tabText(i) for i in range(tab.editor.count())] == ["Letter text", "Sender", "Privacy notice"]
    assert tab.subject_edit is tab.editor.subject_edit
