"""Headless board driver for the crash-safety test and scripted use.

    python -m quartierslabor_app.core.board.driver --db FILE --lab NAME

Reads one card per line on stdin (``Text @Ort #Tisch`` syntax), adds each through
:meth:`BoardService.add_card` and prints ``CONFIRMED <id> <text>`` only after the
commit returned. Creates the lab if it does not exist. Prints ``READY`` once it accepts input.
"""
from __future__ import annotations

import argparse
import sys

from ..errors import UserError
from ..labs import create_lab, get_lab
from ..storage.database import open_database
from .entry_syntax import parse_entry
from .service import BoardService


def _lab_id(database, name: str) -> int:
    with database.session() as session:
        try:
            return get_lab(session, name).id
        except UserError:
            return create_lab(session, name, "Innenstadt-Nord").id


def main(argv: "list[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(prog="quartierslabor-board-driver")
    parser.add_argument("--db", required=True, help="SQLite-Datei")
    parser.add_argument("--lab", required=True, help="Name des Quartierslabors")
    args = parser.parse_args(argv)
    database = open_database(args.db, backup_before_migrate=False)
    service = BoardService(database, _lab_id(database, args.lab))
    service.warm_up()
    print("READY", flush=True)
    for line in sys.stdin:
        entry = parse_entry(line.rstrip("\n"))
        if not entry.text:
            continue
        try:
            card = service.add_card(entry.text, entry.place, entry.table)
        except UserError as exc:
            print(f"ERROR {exc}", flush=True)
            continue
        print(f"CONFIRMED {card.id} {card.text}", flush=True)
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
