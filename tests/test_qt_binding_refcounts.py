"""PySide6 6.12.0 drops a reference to True on every Python-side signal emit ("bool_dealloc" crash
after a few hundred emits in a workshop). pyproject pins PySide6 below 6.12; this guards the pin."""
from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal(int)


def test_signal_emit_keeps_true_alive(qtbot):
    emitter = _Emitter()
    received = []
    emitter.ping.connect(received.append)
    gc.collect()
    before = sys.getrefcount(True)
    for i in range(3000):
        emitter.ping.emit(i)
    gc.collect()
    assert len(received) == 3000
    assert sys.getrefcount(True) >= before - 50
