"""Small database set-ups shared by the tests of damaged databases and their backups."""
from __future__ import annotations

from pathlib import Path

from quartierslabor_app.core.storage.database import backup_sqlite, open_database
from quartierslabor_app.core.storage.models import Lab


def saved_lab_with_backup(path: Path, name: str = "Gerettet") -> Path:
    """Create ``path`` with one lab called ``name``, back it up and return the backup file."""
    db = open_database(path)
    with db.session() as s:
        s.add(Lab(name=name, district="Eving"))
    db.dispose()
    return backup_sqlite(path, reason="test")
