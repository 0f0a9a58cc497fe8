"""Work around a reference-count bug of PySide6 6.12.0: ``SignalInstance.emit()`` returns
``True``/``False`` without taking a reference, so every emit from Python takes one reference
away from ``True``. After a few thousand emits (one workshop) the interpreter aborts with
"Fatal Python error: bool_dealloc" (in tests: at exit, after a few hundred).

:func:`install` checks whether the running PySide6 has the bug and, only then, wraps
``emit`` so that it returns a properly referenced bool. Safe to call more than once.
"""
from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_leaks_bool_reference(samples: int = 16) -> bool:
    """True when ``emit()`` drops a reference to its bool result (and repairs what it took)."""
    probe = _Probe()
    result = probe.ping.emit()
    if not isinstance(result, bool):
        return False
    before = sys.getrefcount(result)
    for _ in range(samples):
        probe.ping.emit()
    lost = before - sys.getrefcount(result)
    for _ in range(max(0, lost) + 1):       # give back what the probe took (including `result`)
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
    return lost >= samples


def install() -> bool:
    """Patch ``SignalInstance.emit`` if needed; returns whether the patch is active."""
    global _installed
    if _installed:
        return True
    if not emit_leaks_bool_reference():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    py_object = ctypes.py_object

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            incref(py_object(result))
        return result

    SignalInstance.emit = emit
    _installed = True
    return True
