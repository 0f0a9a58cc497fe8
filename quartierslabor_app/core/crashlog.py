"""Rotating log file in the user data folder, and crash reports (Qt-free)."""
from __future__ import annotations

import logging
import logging.handlers
import platform
import traceback
from pathlib import Path

from .. import __version__
from .paths import log_dir
from .private_files import make_private

LOG_FILE_NAME = "quartierslabor.log"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files (they can name people in error details) readable by their owner only."""

    def _open(self):
        stream = super()._open()
        make_private(Path(self.baseFilename))
        return stream


def install_file_logging(level: int = logging.INFO) -> Path:
    """Attach a rotating log file (1 MB x 5) to the root logger once."""
    path = log_dir() / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    return path


def format_exception_details(exc: BaseException) -> str:
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return (f"Quartierslabor {__version__}\nPython {platform.python_version()} on {platform.platform()}\n\n{tb}")


def write_crash_log(exc: BaseException) -> Path:
    path = install_file_logging()
    logging.getLogger("quartierslabor.crash").error("Unhandled error\n%s", format_exception_details(exc))
    return path
