"""``quartierslabor db backups|restore``: list the automatic backups of the database and restore one."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..core.errors import DatabaseError, UserError
from ..core.storage.database import list_backups, restore_backup, sqlite_path
from .common import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("db", help="Sicherungen der Datenbank anzeigen und wiederherstellen")
    db_sub = parser.add_subparsers(dest="db_command", metavar="AKTION", required=True)

    backups = db_sub.add_parser("backups", help="Sicherungen auflisten (neueste zuerst)")
    add_db_argument(backups)
    backups.set_defaults(func=_backups)

    restore = db_sub.add_parser(
        "restore", help="eine Sicherung wiederherstellen",
        description="Ersetzt die Datenbankdatei durch eine Sicherung. Die bisherige Datei bleibt als "
                    "„….defekt“ daneben liegen (die Aufbewahrungsfrist löscht auch darin die Namen).")
    add_db_argument(restore)
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("--backup", metavar="DATEI", help="diese Sicherungsdatei wiederherstellen")
    which.add_argument("--latest", action="store_true", help="die neueste intakte Sicherung wiederherstellen")
    restore.set_defaults(func=_restore, not_saved="Die Sicherung wurde nicht wiederhergestellt.")


def _database_file(args: argparse.Namespace) -> Path:
    path = sqlite_path(getattr(args, "db", None))
    if path is None:
        raise UserError("Sicherungen gibt es nur für die Datenbankdatei dieses Rechners (SQLite).",
                        hint="Eine gemeinsame PostgreSQL-Datenbank sichert die IT der Stadt auf dem Server.")
    return path


def _describe(backup: Path) -> str:
    info = backup.stat()
    when = dt.datetime.fromtimestamp(info.st_mtime).strftime("%d.%m.%Y %H:%M")
    return f"{when}\t{info.st_size / 1024:,.0f} KB\t{backup}".replace(",", ".")


def _backups(args: argparse.Namespace) -> int:
    path = _database_file(args)
    found = list_backups(path)
    if not found:
        print(f"Keine Sicherungen von {path}.")
        return 0
    print(f"Sicherungen von {path} (neueste zuerst):")
    for backup in found:
        print("  " + _describe(backup))
    return 0


def _restore(args: argparse.Namespace) -> int:
    path = _database_file(args)
    if args.backup:
        candidates = [Path(args.backup).expanduser()]
        if not candidates[0].is_file():
            raise UserError("Die Sicherungsdatei gibt es nicht.", file=str(candidates[0]),
                            hint="Die vorhandenen Sicherungen zeigt: quartierslabor db backups")
    else:
        candidates = list_backups(path)
        if not candidates:
            raise UserError(f"Es gibt keine Sicherung von {path}.",
                            hint="Ohne Sicherung lässt sich die Datenbank nicht wiederherstellen.")
    for backup in candidates:
        try:
            restore_backup(backup, path)
        except DatabaseError as exc:
            if args.backup:
                raise
            print(f"Übersprungen (beschädigt): {backup.name} – {exc.message}")
            continue
        print(f"Wiederhergestellt: {path}\n  aus der Sicherung {backup}")
        return 0
    raise UserError("Keine der Sicherungen ist intakt; die Datenbank wurde nicht verändert.", file=str(path),
                    hint="Wählen Sie mit --backup eine Sicherung von einem anderen Ort.")
