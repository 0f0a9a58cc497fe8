"""Background work off the GUI thread, with a modal progress dialog and cancellation.

A :class:`BackgroundTask` runs a core function that accepts ``progress`` and ``cancel``
keyword arguments (see :mod:`quartierslabor_app.core.progress`) on a worker thread.
Progress is relayed by signals to a :class:`QProgressDialog` whose "Abbrechen" button
sets the :class:`CancelToken`. ``on_success(result)`` / ``on_failure(exc)`` run on the GUI
thread. Without ``on_failure`` a :class:`UserError` becomes a German message box, any other
exception the error dialog; :class:`Cancelled` is quiet.

Work that writes to the database goes through one serialised pool (one thread), so
writes never race each other; reading and computing use a small general pool.
"""
from __future__ import annotations

import enum
import logging
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid

from ..core.errors import UserError
from ..core.progress import CancelToken, Cancelled
from .i18n import localized, translate

log = logging.getLogger(__name__)

#: progress bar resolution (QProgressDialog works with ints)
PROGRESS_STEPS = 1000


class TaskState(str, enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class _Runnable(QRunnable):
    """Runs the job on a pool thread; talks to the GUI only through the task's signals."""

    def __init__(self, task: "BackgroundTask") -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = task._fn
        self._cancel = task.cancel_token
        self._signals = task._signals

    def run(self) -> None:  # worker thread
        cancel = self._cancel
        signals = self._signals

        def progress(fraction: float, message: str) -> None:
            if cancel.cancelled:
                raise Cancelled()
            # the text object as it is (a MessageText keeps its Message): localized on the GUI thread
            signals.progress.emit(float(fraction), message)

        try:
            cancel.raise_if_cancelled()
            result = self._fn(progress=progress, cancel=cancel)
        except BaseException as exc:  # noqa: BLE001 - relayed to the GUI thread
            signals.failed.emit(exc)
        else:
            signals.succeeded.emit(result)


class _Signals(QObject):
    progress = Signal(float, object)
    succeeded = Signal(object)
    failed = Signal(object)


class TaskRunner(QObject):
    """Thread pools for background tasks: general work and serialised database writes."""

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.general_pool = QThreadPool(self)
        self.general_pool.setMaxThreadCount(2)
        self.database_pool = QThreadPool(self)
        self.database_pool.setMaxThreadCount(1)  # one writer at a time, in submission order
        self._active: set[BackgroundTask] = set()

    def submit(self, task: "BackgroundTask") -> None:
        self._active.add(task)
        task.done.connect(lambda *_: self._active.discard(task))
        pool = self.database_pool if task.writes_database else self.general_pool
        pool.start(_Runnable(task))

    @property
    def active_tasks(self) -> int:
        return len(self._active)

    def cancel_all(self) -> None:
        for task in list(self._active):
            task.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until all pools are idle (used when the app quits)."""
        ok_general = self.general_pool.waitForDone(msecs)
        ok_db = self.database_pool.waitForDone(msecs)
        return ok_general and ok_db


_runner: Optional[TaskRunner] = None


def task_runner() -> TaskRunner:
    """The application's task runner (created on first use)."""
    global _runner
    if _runner is None:
        _runner = TaskRunner()
    return _runner


class BackgroundTask(QObject):
    """One background job with progress, cancellation and GUI-thread callbacks.

    ``fn`` is called as ``fn(progress=..., cancel=...)`` on a worker thread. Use
    :func:`functools.partial` or a lambda to pass other arguments.
    """

    progress = Signal(float, str)
    #: emitted once after the callbacks ran; argument is the final :class:`TaskState` value
    done = Signal(str)

    def __init__(self, fn: Callable[..., Any], *, title: str, parent: Optional[QWidget] = None,
                 on_success: Optional[Callable[[Any], None]] = None,
                 on_failure: Optional[Callable[[BaseException], None]] = None,
                 on_cancelled: Optional[Callable[[], None]] = None,
                 writes_database: bool = False, show_dialog: bool = True,
                 cancellable: bool = True, runner: Optional[TaskRunner] = None) -> None:
        super().__init__(None)
        self._fn = fn
        self.title = title
        self.parent_widget = parent
        self.on_success = on_success
        self.on_failure = on_failure
        self.on_cancelled = on_cancelled
        self.writes_database = writes_database
        self.cancel_token = CancelToken()
        self.state = TaskState.PENDING
        self.result: Any = None
        self.error: Optional[BaseException] = None
        self.last_message = ""
        self.last_fraction = 0.0
        self._runner = runner
        self._signals = _Signals()
        self._signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.dialog: Optional[QProgressDialog] = None
        if show_dialog:
            self.dialog = self._make_dialog(cancellable)

    # -- dialog ---------------------------------------------------------------------------
    def _make_dialog(self, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(self.parent_widget)
        dialog.setWindowTitle(self.title)
        dialog.setLabelText(f"{self.title} …")
        dialog.setRange(0, PROGRESS_STEPS)
        dialog.setValue(0)
        dialog.setMinimumWidth(420)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(400)  # quick jobs finish without a flashing dialog
        if cancellable:
            dialog.setCancelButtonText(translate("BackgroundTask", "Abbrechen"))
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        return dialog

    # -- control --------------------------------------------------------------------------
    def start(self) -> "BackgroundTask":
        if self.state is not TaskState.PENDING:
            raise RuntimeError("task already started")
        self.state = TaskState.RUNNING
        (self._runner or task_runner()).submit(self)
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report."""
        if self.state is TaskState.RUNNING and not self.cancel_token.cancelled:
            self.cancel_token.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText(translate("BackgroundTask", "Wird abgebrochen …"))

    @property
    def finished(self) -> bool:
        return self.state in (TaskState.SUCCEEDED, TaskState.FAILED, TaskState.CANCELLED)

    # -- GUI-thread slots -----------------------------------------------------------------
    def _on_progress(self, fraction: float, message: object) -> None:
        message = localized(message)      # a core text (MessageText) in the UI language
        self.last_fraction = fraction
        self.last_message = message
        dialog = self.dialog
        if dialog is not None and not isValid(dialog):
            dialog = self.dialog = None
        if dialog is not None and not self.cancel_token.cancelled and not self.finished:
            if message:
                dialog.setLabelText(message)
            # a modal QProgressDialog processes events in setValue: the task may finish in there
            dialog.setValue(int(round(fraction * PROGRESS_STEPS)))
        self.progress.emit(fraction, message)

    def _owner_gone(self) -> bool:
        """True when the widget that started the task was deleted (e.g. its window closed)."""
        return self.parent_widget is not None and not isValid(self.parent_widget)

    def _close_dialog(self) -> None:
        if self.dialog is not None and not isValid(self.dialog):
            self.dialog = None
        if self.dialog is not None:
            try:
                self.dialog.canceled.disconnect(self.cancel)
            except (RuntimeError, TypeError):
                pass
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_succeeded(self, result: Any) -> None:
        self._close_dialog()
        self.result = result
        if self.cancel_token.cancelled:
            # finished despite a late cancel request: the result is valid, keep it
            log.info("Task %r finished after a cancel request", self.title)
        self.state = TaskState.SUCCEEDED
        try:
            if self.on_success is not None and not self._owner_gone():
                self.on_success(result)
        finally:
            self.done.emit(self.state.value)

    def _on_failed(self, exc: BaseException) -> None:
        self._close_dialog()
        self.error = exc
        try:
            if isinstance(exc, Cancelled):
                self.state = TaskState.CANCELLED
                if self.on_cancelled is not None and not self._owner_gone():
                    self.on_cancelled()
                return
            self.state = TaskState.FAILED
            if self._owner_gone():
                show_task_error(None, self.title, exc)
            elif self.on_failure is not None:
                self.on_failure(exc)
            else:
                show_task_error(self.parent_widget, self.title, exc)
        finally:
            self.done.emit(self.state.value)


def show_task_error(parent: Optional[QWidget], title: str, exc: BaseException) -> None:
    """German message box for a :class:`UserError`; the error dialog for anything else."""
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, title, localized(exc))
        return
    from .error_dialog import show_exception_dialog
    show_exception_dialog(exc, parent=parent, context=title)


def run_in_background(fn: Callable[..., Any], *, title: str, parent: Optional[QWidget] = None,
                      **kwargs: Any) -> BackgroundTask:
    """Create and start a :class:`BackgroundTask` (see its arguments)."""
    return BackgroundTask(fn, title=title, parent=parent, **kwargs).start()
