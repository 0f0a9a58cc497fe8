"""The data folder and the files in it that can hold personal data are readable by their owner only.

On POSIX systems the data folder and its subfolders are created with mode 0700 and the database (SQLite
gives its -wal/-shm files the database file's mode), backups, ``.defekt`` copies, logs and settings with
mode 0600, whatever the umask. On Windows the per-user profile folder (``%LOCALAPPDATA%``) is already
private to the user; nothing is changed there.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _posix() -> bool:
    return os.name == "posix"


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) if needed; a folder created here gets mode 0700."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        if _posix():
            with contextlib.suppress(OSError):
                os.chmod(path, PRIVATE_DIR_MODE)   # mkdir's mode is reduced by the umask only, but be exact
    return path


def make_private(path: Path) -> None:
    """Mode 0600 for an existing file of ours (no error if that is not possible, e.g. on a FAT stick)."""
    if _posix():
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE_FILE_MODE)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist (before SQLite or a copy writes into it)."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
        os.close(fd)
    make_private(path)
