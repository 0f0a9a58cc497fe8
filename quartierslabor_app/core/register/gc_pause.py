"""Pausing Python's cyclic garbage collector while building millions of small lists.

The rows of a register are lists of strings and contain no reference cycles; the
collector would otherwise traverse the growing table again and again (3x slower).
"""
from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
