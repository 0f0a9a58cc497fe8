"""Helpers shared by the GUI tests of the Einladung step (draw wizard, invitation view)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from quartierslabor_app.qt.draw.invitation_view import InvitationView


@pytest.fixture(autouse=True)
def no_blocking_message_boxes(monkeypatch):
    """A refusal would open a modal box and hang the test: fail instead (autouse where imported)."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse)


def wait_task(qtbot, task):
    """Wait until a BackgroundTask has finished (it may already be done); returns it."""
    assert task is not None
    if not task.finished:
        with qtbot.waitSignal(task.done, timeout=60_000):
            pass
    return task


def open_wizard(qtbot, db, lab_id):
    """The invitation view of ``lab_id`` and its draw wizard."""
    view = InvitationView(db, lab_id)
    qtbot.addWidget(view)
    return view, view.open_wizard()


def wizard_at_settings(qtbot, db, lab_id, register):
    """The invitation view and its wizard on the settings page, after reading and checking ``register``."""
    view, wizard = open_wizard(qtbot, db, lab_id)
    wizard.file_page.set_register_path(register)
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    wizard.next()
    wait_task(qtbot, wizard.validation_page.task)
    wizard.next()
    assert wizard.currentPage() is wizard.settings_page
    return view, wizard
