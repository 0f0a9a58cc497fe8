"""``quartierslabor verify RECORD.json DATEN`` – recompute a selection from its record and say whether it matches."""
from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify", help="Ziehung anhand ihres Datensatzes (.json neben dem Protokoll) nachrechnen",
        description="Rechnet eine Ziehung aus dem Datensatz (JSON neben dem Protokoll) und den Ausgangsdaten "
                    "nach und sagt in einer Zeile, ob alle Eingeladenen und Prüfsummen übereinstimmen oder was "
                    "abweicht. Rückgabewert 0: stimmt, 1: weicht ab.")
    p.add_argument("record", metavar="DATENSATZ.json", help="Datensatz der Ziehung (neben dem Protokoll)")
    p.add_argument("data", metavar="DATEN", help="Registerauszug der Einladungsziehung (CSV oder XLSX) oder die Zusagen des Panels (CSV)")
    p.add_argument("--street-directory", metavar="DATEI",
                   help="Straßenverzeichnis, falls die Ziehung eines verwendet hat")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.selection.verification import VerifyOptions, verify_record
    options = VerifyOptions(street_directory=Path(args.street_directory) if args.street_directory else None)
    outcome = verify_record(args.record, args.data, options=options)
    print(outcome.line)
    return 0 if outcome.ok else 1
