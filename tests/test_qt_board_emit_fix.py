"""The PySide6 emit() workaround keeps the reference count of True stable over many emits."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import quartierslabor_app.qt.board  # noqa: F401  (installs the workaround when needed)
from quartierslabor_app.qt.board.pyside_emit_fix import emit_leaks_bool_reference


class Sender(QObject):
    changed = Signal(object)
    pinged = Signal()


def test_many_emits_do_not_drain_bool_references():
    sender = Sender()
    received = []
    sender.changed.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(20000):
        sender.changed.emit(i)
        sender.pinged.emit()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
    assert len(received) == 20000
    # with the workaround installed the probe sees no leak any more
    assert emit_leaks_bool_reference() is False
