"""Progress reporting and cancellation for long-running domain jobs (Qt-free).

Every long job takes an optional ``progress`` callback ``(fraction, message)`` where
``fraction`` is 0.0..1.0 and ``message`` a short German text, plus an optional
:class:`CancelToken`. The Qt layer wraps both in a worker thread.

Jobs pass :func:`report` a :class:`~.messages.Message` for a text the GUI shows in its
language; the callback receives it as a :class:`~.messages.MessageText`, a ``str`` that is
the German text (the CLI prints it as it is) and carries the message for
``quartierslabor_app.qt.i18n.localized`` (the progress dialog).
"""
from __future__ import annotations

import threading
from typing import Callable, Optional, Union

from .messages import QT_TRANSLATE_NOOP, Message, german_text

ProgressCallback = Callable[[float, str], None]


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it.

    ``str()`` is the German text; ``message_obj`` shows it in the UI language
    (``quartierslabor_app.qt.i18n.localized``).
    """

    def __init__(self) -> None:
        self.message_obj = Message(QT_TRANSLATE_NOOP("Progress", "Vorgang abgebrochen."))
        super().__init__(str(self.message_obj))


class CancelToken:
    """Thread-safe flag a GUI sets and a job polls."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def report(progress: Optional[ProgressCallback], fraction: float, message: Union[str, Message],
           cancel: Optional[CancelToken] = None) -> None:
    """Report progress (if anyone listens) and honour cancellation."""
    if cancel is not None:
        cancel.raise_if_cancelled()
    if progress is not None:
        progress(max(0.0, min(1.0, fraction)), german_text(message))


def scaled(progress: Optional[ProgressCallback], start: float, end: float) -> Optional[ProgressCallback]:
    """A callback that maps 0..1 of a sub-job onto start..end of the parent job."""
    if progress is None:
        return None

    def _inner(fraction: float, message: str) -> None:
        progress(start + (end - start) * max(0.0, min(1.0, fraction)), message)

    return _inner
