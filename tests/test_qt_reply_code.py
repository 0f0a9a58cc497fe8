"""The invitation view takes the reply code from the letter: type it, press Z (or A …) – the reply is saved."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from quartierslabor_app.cli.main import main
from quartierslabor_app.core import demo
from quartierslabor_app.core.draw.reply_codes import format_reply_code, reply_code
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import Invitee, Lab
from quartierslabor_app.qt.draw.invitation_view import InvitationView

from draw_gui import no_blocking_message_boxes  # noqa: F401 - autouse fixture


def test_reply_code_then_key_marks_the_reply(qtbot, tmp_path):
    path = tmp_path / "app.sqlite3"
    date = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    assert main(["lab", "create", "--name", "Eving", "--district", "Eving", "--date", date, "--db", str(path)]) == 0
    register = demo.write_register_csv(tmp_path / "r.csv", demo.generate_register(800, seed=3))
    assert main(["draw", str(register), "--size", "12", "--replacements", "3", "--seed", "s", "--lab", "Eving",
                 "--db", str(path), "--out", str(tmp_path / "l.csv")]) == 0
    db = open_database(path)
    try:
        with db.session() as s:
            lab_id = s.query(Lab).one().id
            people = s.query(Invitee).order_by(Invitee.draw_order).all()
            first, second = (people[0].id, people[0].person_key), (people[5].id, people[5].person_key)
        view = InvitationView(db, lab_id)
        qtbot.addWidget(view)
        view.refresh()

        qtbot.keyClicks(view.code_edit, format_reply_code(reply_code(first[1])).lower())
        qtbot.keyClick(view.code_edit, Qt.Key.Key_Z)
        qtbot.keyClicks(view.code_edit, reply_code(second[1]))
        qtbot.keyClick(view.code_edit, Qt.Key.Key_A)
        assert view.wait_for_writes()
        with db.session() as s:
            assert s.get(Invitee, first[0]).reply == "zugesagt"
            assert s.get(Invitee, second[0]).reply == "abgesagt"
        assert view.code_edit.text() == ""
        assert view.model.row_at(view.model.row_of(first[0])).reply == "zugesagt"

        # an incomplete code: Z is just a character of the code; an unknown code is named, nothing changes
        qtbot.keyClicks(view.code_edit, "ab")
        qtbot.keyClick(view.code_edit, Qt.Key.Key_Z)
        assert view.code_edit.text().upper() == "ABZ"
        view.code_edit.clear()
        unknown = next(c for c in ("ZZZZZZ", "YYYYYY", "XXXXXX")
                       if c not in {reply_code(p.person_key) for p in people})
        qtbot.keyClicks(view.code_edit, unknown)
        qtbot.keyClick(view.code_edit, Qt.Key.Key_Z)
        assert f"Zum Antwortcode „{unknown}“ gibt es in diesem Labor keine eingeladene Person" in \
            view.panel_label.text()
        assert view.wait_for_writes()
        with db.session() as s:
            assert sum(i.reply == "zugesagt" for i in s.query(Invitee)) == 1
    finally:
        db.dispose()
