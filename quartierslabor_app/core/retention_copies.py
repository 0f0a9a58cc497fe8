"""Personal data outside the live database, cleaned when retention deletes it there.

* ``.defekt`` copies of the database (kept beside it when a backup was restored or the app started
  with a new database): cleaned like backups, or deleted when they cannot be opened;
* the database, backups and ``.defekt`` copies left in an earlier data folder (the folder a move
  came from, named ``previous`` in the pointer file, and the platform folder when another is chosen):
  a move copies the data and never deletes the old folder;
* log files (error details may quote what was typed): rotated logs deleted, the current one emptied;
* temporary files left by an interrupted write (older than an hour, so no running write is touched).
"""
from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import Iterable

from . import paths
from .crashlog import LOG_FILE_NAME

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
#: names of temporary files the app writes (settings, pointer, restore, data-folder copy, exports)
TEMP_PATTERNS = ("*.tmp", "*.restore-tmp", ".~ql*", "*.kopie.tmp*")
STALE_TEMP_SECONDS = 3600


def damaged_copies(database: Path) -> list[Path]:
    """``.defekt`` copies beside ``database`` (``x.sqlite3.<time>.defekt``, ``x.sqlite3.defekt2`` …)."""
    return sorted(p for p in database.parent.glob(database.name + ".*defekt*")
                  if p.is_file() and not p.name.endswith(SIDE_SUFFIXES))


def earlier_data_folders(current: Path) -> list[Path]:
    """Data folders used before the current one (not when ``QUARTIERSLABOR_DATA_DIR`` overrides them)."""
    state = paths.data_folder_state()
    if state.source == paths.SOURCE_ENV:
        return []
    candidates = [paths.platform_data_dir()]
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(paths.pointer_path().read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("previous"), str):
            candidates.append(Path(data["previous"]).expanduser())
    seen = {_key(current), _key(state.folder)}
    found = []
    for folder in candidates:
        if _key(folder) not in seen and folder.is_dir():
            seen.add(_key(folder))
            found.append(folder)
    return found


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def database_copies_in(folder: Path) -> list[Path]:
    """In an earlier data folder: its database, its backups and ``.defekt`` copies."""
    database = folder / paths.DATABASE_FILE
    found = [database] if database.is_file() else []
    found += damaged_copies(database)
    backups = folder / "backups"
    if backups.is_dir():
        found += sorted(backups.glob("*.sqlite3"))
    return found


def remove_side_files(path: Path) -> None:
    for suffix in SIDE_SUFFIXES:
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()


def clear_logs(folders: Iterable[Path]) -> list[Path]:
    """Delete rotated log files and empty the current one in each folder's ``logs/``; returns the files."""
    touched = []
    for folder in folders:
        logs = folder / "logs"
        if not logs.is_dir():
            continue
        for path in sorted(logs.glob(LOG_FILE_NAME + "*")):
            with contextlib.suppress(OSError):
                if path.name == LOG_FILE_NAME:
                    with open(path, "r+b") as fh:   # the running process keeps appending to it
                        fh.truncate(0)
                else:
                    path.unlink()
                touched.append(path)
    return touched


def remove_stale_temp_files(folders: Iterable[Path], now: float | None = None) -> list[Path]:
    """Temporary files older than :data:`STALE_TEMP_SECONDS` in the folders and their ``backups/``."""
    limit = (time.time() if now is None else now) - STALE_TEMP_SECONDS
    removed = []
    for folder in folders:
        for place in (folder, folder / "backups"):
            if not place.is_dir():
                continue
            for pattern in TEMP_PATTERNS:
                for path in place.glob(pattern):
                    with contextlib.suppress(OSError):
                        if path.is_file() and path.stat().st_mtime < limit:
                            path.unlink()
                            removed.append(path)
    return removed
