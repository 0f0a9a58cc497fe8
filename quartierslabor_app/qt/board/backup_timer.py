"""Rolling automatic backups while the workshop view is open (Qt timer around BackupPolicy)."""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.board.backup_policy import DEFAULT_INTERVAL_S, BackupPolicy, configured_backup_keep
from ...core.storage.database import Database
from ..i18n import translate

log = logging.getLogger(__name__)


class RollingBackup(QObject):
    backed_up = Signal(str)        # path of the new backup
    failed = Signal(str)           # German message

    def __init__(self, database: Database, parent: Optional[QObject] = None, *,
                 interval_s: float = DEFAULT_INTERVAL_S, keep: Optional[int] = None,
                 target_dir: Optional[Path] = None, check_ms: int = 30_000) -> None:
        super().__init__(parent)
        if keep is None:      # the number chosen in the settings (default DEFAULT_KEEP)
            keep = configured_backup_keep()
        self.policy = BackupPolicy(database, interval_s=interval_s, keep=keep, target_dir=target_dir)
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.tick)
        self.start()

    @property
    def supported(self) -> bool:
        """False on PostgreSQL: there the city's database operators keep the backups."""
        return self.policy.supported

    @staticmethod
    def unsupported_notice() -> str:
        return translate('RollingBackup', 'Automatische Sicherungen gelten nur für die lokale SQLite-Datei; '
                                          'die PostgreSQL-Datenbank sichert die Datenbankverwaltung der Stadt.')

    def start(self) -> None:
        """Check regularly whether a backup is due (only where rolling backups apply)."""
        if self.supported:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def note_activity(self) -> None:
        self.policy.note_activity()

    def _run(self, fn) -> Optional[Path]:
        if not self.supported:
            return None
        try:
            path = fn()
        except (OSError, sqlite3.Error) as exc:      # a full disk must not stop the workshop
            log.warning("Backup failed: %s", exc)
            self.failed.emit(translate('RollingBackup', 'Die automatische Sicherung ist fehlgeschlagen: {exc}').format(exc=exc))
            return None
        if path is not None:
            self.backed_up.emit(str(path))
        return path

    def tick(self) -> Optional[Path]:
        return self._run(self.policy.tick)

    def finish(self) -> Optional[Path]:
        """Back up now if anything changed since the last backup (view closes)."""
        return self._run(self.policy.close)
