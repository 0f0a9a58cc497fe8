"""``quartierslabor retention [--db FILE] [--apply] [--today DATE] [--set-months N]``.

Lists the labs whose invitees' personal data is due for deletion (DSGVO retention period)
and deletes it with ``--apply``; aggregated statistics and the draw's audit record stay.
"""
from __future__ import annotations

import argparse
import datetime as dt

from ..core import count_texts, retention
from ..core.dates import parse_date
from .common import add_db_argument, open_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "retention", help="Aufbewahrungsfrist: fällige personenbezogene Daten anzeigen und löschen",
        description="Zeigt die Quartierslabore, deren Einladungsdaten (Namen, Adressen) nach Ablauf der "
                    "Aufbewahrungsfrist gelöscht werden müssen. Mit --apply werden sie gelöscht; "
                    "zusammengefasste Statistiken und das Protokoll der Auslosung bleiben erhalten.")
    add_db_argument(parser)
    parser.add_argument("--apply", action="store_true", help="fällige Daten jetzt löschen")
    parser.add_argument("--today", metavar="DATUM", help="Stichtag statt heute (JJJJ-MM-TT)")
    parser.add_argument("--set-months", type=int, metavar="MONATE",
                        help="Aufbewahrungsfrist der Stadt in Monaten nach dem Workshop festlegen")
    parser.set_defaults(func=_run, not_saved="Was vor dem Fehler gelöscht wurde, bleibt gelöscht; die übrigen "
                                             "Daten sind noch gespeichert. Wiederholen Sie „quartierslabor "
                                             "retention --apply“, sobald wieder Platz ist.")


def _run(args: argparse.Namespace) -> int:
    today = parse_date(args.today, what="Stichtag") if args.today else dt.date.today()
    db = open_db(args)
    try:
        with db.session() as s:
            if args.set_months is not None:
                retention.set_retention_months(s, args.set_months)
                print(f"Aufbewahrungsfrist: {count_texts.months(args.set_months)} nach dem Workshop.")
            months = retention.retention_months(s)
            overview = retention.retention_overview(s, today)
        due = [status for status in overview if status.due]
        print(f"Stichtag {today:%d.%m.%Y}, Frist {count_texts.months(months)} nach dem Workshop.")
        if not overview:
            print("Keine gespeicherten personenbezogenen Daten von Eingeladenen.")
            if args.apply:   # copies that appeared since an earlier deletion (e.g. .defekt) are cleaned all the same
                _print_copies(retention.apply_retention(db, today, lab_ids=[]))
            return 0
        for status in overview:
            print(("* " if status.due else "  ") + status.german_summary())
        if not due:
            print("Nichts ist fällig.")
            if args.apply:
                _print_copies(retention.apply_retention(db, today, lab_ids=[]))
            return 0
        if not args.apply:
            print(f"{count_texts.labs(len(due))} fällig. Zum Löschen: quartierslabor retention --apply")
            return 0
        run = retention.apply_retention(db, today, lab_ids=[status.lab_id for status in due])
        for result in run.deleted:
            keys = " (Personenschlüssel behalten)" if result.person_keys_kept else ""
            print(f"Gelöscht: {result.lab_name} – {count_texts.invitees(result.invitees_cleared)}{keys}.")
        if run.backups_cleaned:
            print(f"{count_texts.backup_copies(len(run.backups_cleaned))} ebenfalls bereinigt.")
        _print_copies(run)
        return 0
    finally:
        db.dispose()


def _print_copies(run: retention.RetentionRun) -> None:
    if run.copies_cleaned:
        print(f"Ebenfalls bereinigt oder gelöscht: {count_texts.database_copies(len(run.copies_cleaned))} "
              f"(„.defekt“, früherer Datenordner).")
    if run.logs_cleared:
        print(f"Protokolldateien geleert: {len(run.logs_cleared)}.")
