"""The panel dialog: quotas that cannot be met give the German message in the dialog, nothing is stored."""
from __future__ import annotations

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
