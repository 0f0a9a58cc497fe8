"""``quartierslabor cards import --db FILE --lab NAME CARDS.csv|CARDS.xlsx``."""
from __future__ import annotations

import argparse
import sys

from ..core import labs
from .common import add_db_argument, open_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("cards", help="Anliegen-Karten importieren (z. B. abgetippte Papierkarten)")
    cards_sub = parser.add_subparsers(dest="cards_command", metavar="AKTION", required=True)
    imp = cards_sub.add_parser(
        "import", help="Karten aus CSV oder Excel importieren",
        description="Spalten: text (Pflicht), optional cluster (Thema), votes, place. Karten ohne Thema werden "
                    "automatisch zugeordnet. Bei einem Fehler wird nichts importiert.")
    add_db_argument(imp)
    imp.add_argument("--lab", required=True, help="Name des Quartierslabors")
    imp.add_argument("file", metavar="KARTEN.csv|KARTEN.xlsx", help="Datei mit den Karten")
    imp.set_defaults(func=_import, not_saved="Keine Karte wurde importiert (der Import gilt nur ganz oder gar "
                                              "nicht).")


def _import(args: argparse.Namespace) -> int:
    from ..core.cards_import import import_cards  # lazy: keeps app start fast

    db = open_db(args)
    try:
        with db.session() as s:
            lab = labs.get_lab(s, args.lab)
            summary = import_cards(s, lab, args.file)
        print(summary.message())
        for name, count in summary.cards_per_cluster.items():
            print(f"  {name}: {count}", file=sys.stdout)
    finally:
        db.dispose()
    return 0
