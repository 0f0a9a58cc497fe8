"""Entry point of the frozen app (PyInstaller): the same ``quartierslabor`` command as installed.

In a Windows GUI build (no console) ``sys.stdout``/``sys.stderr`` are ``None``; CLI output and
``--self-test`` messages then go to ``console.log`` in the app's log folder instead of vanishing.
"""
from __future__ import annotations

import multiprocessing
import sys


def _route_missing_console_to_log() -> None:
    if sys.stdout is not None and sys.stderr is not None:
        return
    from quartierslabor_app.core.paths import log_dir

    stream = open(log_dir() / "console.log", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


if __name__ == "__main__":
    multiprocessing.freeze_support()
    _route_missing_console_to_log()
    from quartierslabor_app.cli.main import main

    sys.exit(main())
