"""Where the app keeps its data (Qt-free, so the CLI and tests share it).

The data folder is, in this order: the folder in ``QUARTIERSLABOR_DATA_DIR``; the folder chosen
in the settings, named by the pointer file ``datenordner.json`` in the platform's per-user folder
(used only while it is reachable, see :func:`data_folder_state`); the platform's per-user folder.
Changing the chosen folder (copying the data) is :mod:`quartierslabor_app.core.data_location`.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

from .private_files import private_dir

log = logging.getLogger(__name__)

DATA_DIR_ENV = "QUARTIERSLABOR_DATA_DIR"
DATABASE_URL_ENV = "QUARTIERSLABOR_DATABASE_URL"

#: in the platform default folder: which folder the user chose in the settings (see :func:`data_folder_state`)
POINTER_FILE = "datenordner.json"
POINTER_KEY = "data_folder"
DATABASE_FILE = "quartierslabor.sqlite3"

#: :attr:`DataFolderState.source` values
SOURCE_ENV = "env"
SOURCE_CHOSEN = "chosen"
SOURCE_DEFAULT = "default"
#: :attr:`DataFolderState.problem` values (the chosen folder is not used, the default is)
PROBLEM_MISSING = "missing"          # not there (USB stick not plugged in, network drive not connected)
PROBLEM_NOT_WRITABLE = "not_writable"
PROBLEM_POINTER_UNREADABLE = "pointer_unreadable"


@dataclass(frozen=True)
class DataFolderState:
    """Which data folder is in use and why.

    ``folder``: the folder in use; ``source``: :data:`SOURCE_ENV` (``QUARTIERSLABOR_DATA_DIR``),
    :data:`SOURCE_CHOSEN` (the folder named in the pointer file) or :data:`SOURCE_DEFAULT`;
    ``chosen``: the folder named in the pointer file (also when it cannot be used);
    ``problem``: why the chosen folder is not used (``None``: no problem).
    """

    folder: Path
    source: str
    chosen: Optional[Path] = None
    problem: Optional[str] = None
    detail: str = ""


def platform_data_dir() -> Path:
    """The platform's per-user data folder for the app (not created; no override applied)."""
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or str(Path.home())
        return Path(base) / "Quartierslabor"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Quartierslabor"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "quartierslabor"


def pointer_path() -> Path:
    """The pointer file naming a data folder chosen in the settings (in the platform folder)."""
    return platform_data_dir() / POINTER_FILE


def read_pointer() -> Optional[Path]:
    """The folder named in the pointer file; ``None`` without pointer. ``ValueError`` if unreadable."""
    path = pointer_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(f"{path}: {exc}") from exc
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from exc
    value = data.get(POINTER_KEY) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{path}: no {POINTER_KEY!r} entry")
    chosen = Path(value.strip()).expanduser()
    return chosen if chosen.is_absolute() else path.parent / chosen


#: (platform folder, pointer file identity) -> the state decided for it in this process
_decided: Optional[tuple[tuple, DataFolderState]] = None


def data_folder_state() -> DataFolderState:
    """Resolve the data folder: environment variable, else the chosen folder, else the default.

    A chosen folder that is missing or not writable (USB stick not plugged in) is not used:
    the default folder is, and ``problem`` says why (never raises). The decision holds for the
    running process until the pointer file changes: a stick plugged in (or pulled) during the
    session does not move settings and backups to another folder than the open database's.
    """
    global _decided
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return DataFolderState(Path(override), SOURCE_ENV)
    default = platform_data_dir()
    try:
        info = (default / POINTER_FILE).stat()
        key: tuple = (str(default), info.st_ino, info.st_mtime_ns, info.st_size)
    except OSError:
        key = (str(default), None)
    if _decided is not None and _decided[0] == key:
        return _decided[1]
    state = _resolve_state(default)
    _decided = (key, state)
    return state


def _resolve_state(default: Path) -> DataFolderState:
    try:
        chosen = read_pointer()
    except ValueError as exc:
        log.warning("Ignoring unreadable data folder pointer: %s", exc)
        return DataFolderState(default, SOURCE_DEFAULT, None, PROBLEM_POINTER_UNREADABLE, str(exc))
    if chosen is None:
        return DataFolderState(default, SOURCE_DEFAULT)
    try:
        usable = chosen.is_dir()
    except OSError:       # e.g. a network path that cannot be reached
        usable = False
    if not usable:
        return DataFolderState(default, SOURCE_DEFAULT, chosen, PROBLEM_MISSING)
    if not os.access(chosen, os.W_OK):
        return DataFolderState(default, SOURCE_DEFAULT, chosen, PROBLEM_NOT_WRITABLE)
    return DataFolderState(chosen, SOURCE_CHOSEN, chosen)


def user_data_dir() -> Path:
    """The app's data folder (created on demand).

    ``QUARTIERSLABOR_DATA_DIR`` overrides everything (tests, portable installs); else the folder
    chosen in the settings (pointer file :data:`POINTER_FILE` in the platform folder) when it is
    reachable; else the platform's per-user folder. See :func:`data_folder_state`.
    """
    return private_dir(data_folder_state().folder)


def default_database_path() -> Path:
    return user_data_dir() / DATABASE_FILE


def backup_dir() -> Path:
    return private_dir(user_data_dir() / "backups")


def log_dir() -> Path:
    return private_dir(user_data_dir() / "logs")


def resource_path(*parts: str) -> Path:
    """Path of a file shipped in ``resources/`` (works installed, editable and frozen)."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base, "quartierslabor_resources", *parts)
    return Path(str(resources.files("quartierslabor_resources").joinpath(*parts)))


def migrations_path() -> Path:
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base, "quartierslabor_migrations")
    return Path(str(resources.files("quartierslabor_migrations")))
