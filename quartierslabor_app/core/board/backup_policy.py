"""When to take a rolling backup of the lab database while a workshop runs (Qt-free)."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Optional

from ..storage.database import Database, backup_sqlite

#: keep this many workshop backups per database file
DEFAULT_KEEP = 12
#: per-machine key: how many rolling backups the workshop view keeps per database file
BACKUP_KEEP_KEY = "backup_keep"
MIN_BACKUP_KEEP, MAX_BACKUP_KEEP = 1, 200


def configured_backup_keep() -> int:
    """Rolling workshop backups to keep (per-machine setting, default 12)."""
    from ..settings_store import load_machine_settings   # lazy: settings_store imports the models

    value = load_machine_settings().get(BACKUP_KEEP_KEY)
    if isinstance(value, int) and MIN_BACKUP_KEEP <= value <= MAX_BACKUP_KEEP:
        return value
    return DEFAULT_KEEP
DEFAULT_INTERVAL_S = 300.0


class BackupPolicy:
    """Back up after ``interval_s`` seconds with activity, and on close if anything changed."""

    def __init__(self, database: Database, *, interval_s: float = DEFAULT_INTERVAL_S, keep: int = DEFAULT_KEEP,
                 target_dir: Optional[Path] = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.database = database
        self.interval_s = interval_s
        self.keep = keep
        self.target_dir = target_dir
        self._clock = clock
        self._dirty = False
        self._last_backup = clock()
        self.last_path: Optional[Path] = None

    @property
    def supported(self) -> bool:
        """Rolling backups copy the local SQLite file; a PostgreSQL server is backed up by its operators."""
        return self.database.sqlite_path is not None

    def note_activity(self) -> None:
        self._dirty = self.supported

    def due(self) -> bool:
        return self._dirty and self._clock() - self._last_backup >= self.interval_s

    def backup_now(self, reason: str = "workshop") -> Optional[Path]:
        path = self.database.sqlite_path
        if path is None:      # PostgreSQL: the server's own backups apply
            self._dirty = False
            return None
        self.last_path = backup_sqlite(path, reason=reason, target_dir=self.target_dir, keep=self.keep)
        self._dirty = False
        self._last_backup = self._clock()
        return self.last_path

    def tick(self) -> Optional[Path]:
        """Call regularly; backs up when due."""
        return self.backup_now("workshop") if self.due() else None

    def close(self) -> Optional[Path]:
        return self.backup_now("workshop-ende") if self._dirty else None
