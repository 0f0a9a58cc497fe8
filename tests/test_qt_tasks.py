"""Background tasks: progress reaches the GUI thread, cancel stops the job, errors are routed."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.progress import report
from quartierslabor_app.qt.tasks import BackgroundTask, TaskState, task_runner


def test_progress_is_relayed_and_result_delivered_on_gui_thread(qtbot):
    gui_thread = threading.get_ident()
    seen: list[tuple[float, str]] = []
    results = []

    def job(progress, cancel):
        worker = threading.get_ident()
        for i in range(5):
            report(progress, i / 4, f"Schritt {i + 1} von 5", cancel)
        return worker

    task = BackgroundTask(job, title="Test", on_success=lambda r: results.append((r, threading.get_ident())))
    task.progress.connect(lambda f, m: seen.append((f, m)))
    with qtbot.waitSignal(task.done, timeout=10_000):
        task.start()
    assert task.state is TaskState.SUCCEEDED
    assert [m for _f, m in seen] == [f"Schritt {i} von 5" for i in range(1, 6)]
    assert seen[-1][0] == pytest.approx(1.0)
    worker_thread, callback_thread = results[0]
    assert worker_thread != gui_thread
    assert callback_thread == gui_thread


def test_cancel_button_stops_the_job_quietly(qtbot, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a))
    started = threading.Event()
    steps = []
    successes = []
    cancelled = []

    def job(progress, cancel):
        i = 0
        while True:  # runs until cancelled
            started.set()
            report(progress, (i % 100) / 100, "Arbeite …", cancel)
            steps.append(i)
            i += 1
            cancel._event.wait(0.01)

    task = BackgroundTask(job, title="Langer Vorgang", on_success=successes.append,
                          on_cancelled=lambda: cancelled.append(True))
    with qtbot.waitSignal(task.progress, timeout=10_000):
        task.start()
    assert started.is_set()
    assert task.dialog is not None
    with qtbot.waitSignal(task.done, timeout=10_000) as blocker:
        task.dialog.canceled.emit()  # what the "Abbrechen" button does
    assert blocker.args == [TaskState.CANCELLED.value]
    assert task.state is TaskState.CANCELLED
    assert task.cancel_token.cancelled
    assert successes == [] and cancelled == [True] and warnings == []
    assert task.dialog is None  # closed


def test_progress_dialog_shows_the_message(qtbot):
    gate = threading.Event()

    def job(progress, cancel):
        report(progress, 0.5, "Halbzeit", cancel)
        gate.wait(5)
        return 42

    task = BackgroundTask(job, title="Dialogtest")
    with qtbot.waitSignal(task.progress, timeout=10_000):
        task.start()
    assert task.dialog.value() == 500
    assert task.dialog.labelText() == "Halbzeit"
    with qtbot.waitSignal(task.done, timeout=10_000):
        gate.set()
    assert task.result == 42


def test_user_error_becomes_german_message_box(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))

    def job(progress, cancel):
        raise UserError("Die Datei ist leer.", file="leer.csv", row=1)

    task = BackgroundTask(job, title="Register einlesen")
    with qtbot.waitSignal(task.done, timeout=10_000):
        task.start()
    assert task.state is TaskState.FAILED
    assert shown == [("Register einlesen", "Datei „leer.csv“, Zeile 1: Die Datei ist leer.")]


def test_unexpected_error_opens_error_dialog(qtbot):
    from quartierslabor_app.qt import error_dialog

    def job(progress, cancel):
        raise ZeroDivisionError("kaputt")

    task = BackgroundTask(job, title="Rechnen")
    with qtbot.waitSignal(task.done, timeout=10_000):
        task.start()
    dialogs = error_dialog.open_error_dialogs()
    assert dialogs, "an error dialog must be open"
    dialog = dialogs[-1]
    assert "ZeroDivisionError" in dialog.details_edit.toPlainText()
    assert "Rechnen" in dialog.message_label.text()
    dialog.close()
    dialog.accept()


def test_database_writes_are_serialised(qtbot):
    active = []
    overlap = []
    lock = threading.Lock()

    def job(progress, cancel):
        with lock:
            active.append(1)
            if len(active) > 1:
                overlap.append(True)
        cancel._event.wait(0.02)
        with lock:
            active.pop()
        return True

    tasks = [BackgroundTask(job, title=f"Schreiben {i}", writes_database=True, show_dialog=False)
             for i in range(4)]
    for t in tasks[:-1]:
        t.start()
    with qtbot.waitSignal(tasks[-1].done, timeout=10_000):
        tasks[-1].start()
    task_runner().wait_for_done(5000)
    qtbot.waitUntil(lambda: all(t.finished for t in tasks), timeout=5000)
    assert overlap == []
    assert all(t.state is TaskState.SUCCEEDED for t in tasks)


def test_callbacks_skipped_when_owner_widget_was_deleted(qtbot):
    from PySide6.QtWidgets import QWidget
    owner = QWidget()
    gate = threading.Event()
    calls = []

    def job(progress, cancel):
        gate.wait(5)
        return 1

    task = BackgroundTask(job, title="Verwaist", parent=owner, on_success=calls.append)
    task.start()
    owner.deleteLater()
    qtbot.waitUntil(lambda: task.dialog is None or not __import__("shiboken6").isValid(task.dialog), timeout=5000)
    with qtbot.waitSignal(task.done, timeout=10_000):
        gate.set()
    assert task.state is TaskState.SUCCEEDED and task.result == 1
    assert calls == []
