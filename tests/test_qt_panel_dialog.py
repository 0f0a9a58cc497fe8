"""The panel dialog: quotas that cannot be met give the German message in the dialog, nothing is stored."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from test_draw_support import random_register

from draw_gui import wait_task
from quartierslabor_app.core.draw import DrawSettings, run_draw, save_draw
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.models import Invitee, Lab
from quartierslabor_app.qt.draw.panel_dialog import PanelDialog


def test_unmeetable_quotas_are_explained_in_the_dialog_and_nothing_is_stored(qtbot, db):
    reg = random_register(2000, seed=3)
    res = run_draw(reg, DrawSettings(size=40), "Einladung")
    with db.session() as s:
        lab = create_lab(s, "Klein", "Eving", capacity=12)
        save_draw(s, lab, reg, res, user="u")
        for inv in s.scalars(select(Invitee).where(Invitee.lab_id == lab.id)).all()[:13]:
            inv.reply = "zugesagt"
        lab_id = lab.id
    dialog = PanelDialog(db, lab_id, 12)
    qtbot.addWidget(dialog)
    dialog.seed_edit.setText("Würfel 6 6 1")
    task = wait_task(qtbot, dialog.start())
    assert task is not None and dialog.result is None
    text = dialog.summary_label.text()
    assert "Quote „Altersgruppe = 50–64“ ist nicht erfüllbar" in text and "1 Person zu wenig.<br>Senken" in text
    assert "Traceback" not in text and dialog.start_button.isEnabled() and not dialog.table.isVisible()
    with db.session() as s:
        assert not s.scalars(select(Invitee).where(Invitee.selected.is_(True))).all()
        assert "Panel" not in (s.get(Lab, lab_id).notes or "")


def _lab_with_50_acceptances(db, name: str) -> int:
    """A lab with 12 places, 80 invitees drawn from 3000 people and 50 acceptances."""
    reg = random_register(3000, seed=8)
    with db.session() as s:
        lab = create_lab(s, name, "Eving", capacity=12)
        save_draw(s, lab, reg, run_draw(reg, DrawSettings(size=80), "Einladung"), user="u")
        for inv in s.scalars(select(Invitee).where(Invitee.lab_id == lab.id)).all()[:50]:
            inv.reply = "zugesagt"
        return lab.id


def _as_an_older_version_with_one_dropout(db, lab_id: int) -> None:
    """Drop the quotas from the selection's audit line, as an older version wrote it; one member declines."""
    import json

    with db.session() as s:
        lab = s.get(Lab, lab_id)
        label, text = lab.notes.split(": ", 1)
        audit = {k: v for k, v in json.loads(text).items() if k not in ("quotas", "quotas_source")}
        lab.notes = f"{label}: {json.dumps(audit)}"
        s.scalars(select(Invitee).where(Invitee.selected.is_(True))).first().reply = "abgesagt"


def test_replacement_for_an_older_lab_shows_that_the_quotas_were_not_recorded(qtbot, db):
    from quartierslabor_app.core.selection.panel.lab_panel import run_lab_panel
    lab_id = _lab_with_50_acceptances(db, "Alt")
    run_lab_panel(db, lab_id, "Lotto 1")
    recorded = PanelDialog(db, lab_id, 12, replace_dropouts=True)
    qtbot.addWidget(recorded)
    assert not recorded.slack_spin.isVisibleTo(recorded)      # the selection's quotas are used as recorded
    _as_an_older_version_with_one_dropout(db, lab_id)
    dialog = PanelDialog(db, lab_id, 12, replace_dropouts=True)
    qtbot.addWidget(dialog)
    assert dialog.slack_spin.isVisibleTo(dialog)              # defaults: the organiser chooses their slack
    dialog.seed_edit.setText("Lotto 2")
    task = wait_task(qtbot, dialog.start())
    assert task is not None and dialog.result is not None
    text = dialog.summary_label.text()
    assert "Nachgerückt:" in text and "Die Quoten der Panel-Auswahl sind für das Labor „Alt“ nicht gespeichert" in text
    assert "Standardquoten" in text



@pytest.mark.parametrize("language", ["de", "en"])
def test_replacement_intro_for_an_older_lab_agrees_with_the_note_on_default_quotas(qtbot, request, db, language):
    from quartierslabor_app.core.selection.panel.lab_panel import run_lab_panel
    if language == "en":
        request.getfixturevalue("english")
    kept = {"de": "alle Quoten bleiben erfüllt", "en": "every quota stays met"}[language]
    differ = {"de": "die davon abweichen können", "en": "which may differ from them"}[language]
    lab_id = _lab_with_50_acceptances(db, "Alt")
    run_lab_panel(db, lab_id, "Lotto 1")
    recorded = PanelDialog(db, lab_id, 12, replace_dropouts=True)
    qtbot.addWidget(recorded)
    assert kept in recorded.intro_label.text() and differ not in recorded.intro_label.text()
    _as_an_older_version_with_one_dropout(db, lab_id)
    older = PanelDialog(db, lab_id, 12, replace_dropouts=True)
    qtbot.addWidget(older)
    intro = older.intro_label.text()
    assert kept not in intro and differ in intro
    older.seed_edit.setText("Lotto 2")
    wait_task(qtbot, older.start())
    assert older.result is not None
    # the note after the run says the same: default quotas, possibly not the selection's
    assert {"de": "abweichen", "en": "differ"}[language] in older.summary_label.text()

def test_form_stays_together_before_the_run_and_chances_show_in_percent_as_in_the_summary(qtbot, db):
    lab_id = _lab_with_50_acceptances(db, "Form")
    dialog = PanelDialog(db, lab_id, 12)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # the spare room of the tall dialog is below the form, not spread between intro, form and button
    spacing = dialog.layout().spacing()
    intro = dialog.layout().itemAt(0).widget()
    assert intro.y() <= dialog.layout().contentsMargins().top() + 1
    assert dialog.start_button.y() - dialog.seed_edit.geometry().bottom() < 4 * dialog.seed_edit.height() + 4 * spacing
    assert dialog.start_button.width() < dialog.width() // 2          # a button, not a bar across the dialog
    dialog.seed_edit.setText("Lotto 3")
    wait_task(qtbot, dialog.start())
    assert dialog.result is not None and dialog.table.isVisible()
    column = dialog.model.columnCount() - 2
    shown = [dialog.model.index(r, column).data() for r in range(dialog.model.rowCount())]
    assert all(v.endswith(" %") for v in shown), shown[:3]
    smallest = min(shown, key=lambda v: float(v[:-2].replace(",", ".")))
    assert f"Kleinste Chance {smallest}" in dialog.summary_label.text()


@pytest.mark.parametrize("language", ["de", "en"])
def test_panel_column_is_named_as_in_the_invitee_list(qtbot, request, db, language):
    from quartierslabor_app.qt.draw.invitee_model import COL_SELECTED, invitee_headers

    if language == "en":
        request.getfixturevalue("english")
    dialog = PanelDialog(db, _lab_with_50_acceptances(db, "Name"), 12)
    qtbot.addWidget(dialog)
    dialog.seed_edit.setText("Lotto 4")
    wait_task(qtbot, dialog.start())
    last = dialog.model.headerData(dialog.model.columnCount() - 1, Qt.Orientation.Horizontal)
    assert last == invitee_headers()[COL_SELECTED] == {"de": "Im Panel", "en": "In panel"}[language]
