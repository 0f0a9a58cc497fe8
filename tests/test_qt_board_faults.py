"""The workshop board when the disk is full: a German dialog says the card was NOT saved; it stays typed."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine
from test_qt_board import open_view

from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import Card


def _refuse_commit(_connection):
    raise sqlite3.OperationalError("database or disk is full")


@pytest.fixture
def board(qtbot, tmp_path):
    database = open_database(tmp_path / "board.sqlite3")
    with database.session() as session:
        lab = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    view = open_view(qtbot, database, lab)
    yield view, database
    view.close()
    database.dispose()


def test_full_disk_card_not_saved_dialog_and_text_kept(qtbot, board) -> None:
    view, database = board
    event.listen(Engine, "commit", _refuse_commit)
    try:
        view.entry.line.setText("Laute Musik nachts am Kiosk")
        qtbot.keyClick(view.entry.line, Qt.Key.Key_Return)
    finally:
        event.remove(Engine, "commit", _refuse_commit)
    box = view.storage_full_box
    assert box is not None and box.isVisible()
    assert "NICHT gespeichert" in box.text() and "Speicherplatz ist voll" in box.text()
    assert "OperationalError" not in box.text()
    assert view.entry.line.text() == "Laute Musik nachts am Kiosk"
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Card)) == 0
    box.close()
    qtbot.keyClick(view.entry.line, Qt.Key.Key_Return)        # disk has space again: the same text is saved
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Card)) == 1


def test_unexpected_full_disk_error_is_explained_in_german(qtbot, isolated_data_dir) -> None:
    from sqlalchemy.exc import OperationalError

    from quartierslabor_app.qt import error_dialog

    exc = OperationalError("INSERT INTO cards …", {}, sqlite3.OperationalError("database or disk is full"))
    dialog = error_dialog.show_exception_dialog(exc, context="Export")
    qtbot.addWidget(dialog)
    assert dialog.message_label.text().startswith("Der Speicherplatz ist voll.")
    assert "OperationalError" not in dialog.message_label.text()
    dialog.accept()
