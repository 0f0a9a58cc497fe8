"""``quartierslabor lab create|list|rename|delete``."""
from __future__ import annotations

import argparse

from ..core import labs
from .common import add_db_argument, open_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("lab", help="Quartierslabore anlegen, auflisten, umbenennen, löschen")
    lab_sub = parser.add_subparsers(dest="lab_command", metavar="AKTION", required=True)

    create = lab_sub.add_parser("create", help="Quartierslabor anlegen")
    add_db_argument(create)
    create.add_argument("--name", required=True)
    create.add_argument("--district", required=True, help="Stadtbezirk")
    create.add_argument("--date", help="Datum JJJJ-MM-TT")
    create.add_argument("--venue", default="", help="Veranstaltungsort")
    create.add_argument("--capacity", type=int, default=30, help="Plätze (Standard 30)")
    create.set_defaults(func=_create, not_saved="Das Quartierslabor wurde nicht angelegt.")

    lst = lab_sub.add_parser("list", help="Quartierslabore auflisten")
    add_db_argument(lst)
    lst.add_argument("--district")
    lst.set_defaults(func=_list)

    ren = lab_sub.add_parser("rename", help="Quartierslabor umbenennen")
    add_db_argument(ren)
    ren.add_argument("--lab", required=True)
    ren.add_argument("--to", required=True)
    ren.set_defaults(func=_rename, not_saved="Der Name wurde nicht geändert.")

    delete = lab_sub.add_parser("delete", help="Quartierslabor mit allen Daten löschen")
    add_db_argument(delete)
    delete.add_argument("--lab", required=True)
    delete.add_argument("--yes", action="store_true", help="ohne Rückfrage löschen")
    delete.set_defaults(func=_delete, not_saved="Das Quartierslabor wurde nicht gelöscht.")


def _create(args: argparse.Namespace) -> int:
    date = labs.parse_date(args.date) if args.date else None
    db = open_db(args)
    try:
        with db.session() as s:
            lab = labs.create_lab(s, args.name, args.district, date, venue=args.venue, capacity=args.capacity)
    finally:
        db.dispose()
    print(f"Quartierslabor „{lab.name}“ ({lab.district}) angelegt.")   # only after the commit
    return 0


def _list(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.session() as s:
        for lab in labs.list_labs(s, args.district):
            date = lab.date.isoformat() if lab.date else "–"
            print(f"{lab.district}\t{date}\t{lab.name}")
    return 0


def _rename(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.session() as s:
        lab = labs.get_lab(s, args.lab)
        labs.rename_lab(s, lab, args.to)
    print(f"Umbenannt in „{args.to}“.")
    return 0


def _delete(args: argparse.Namespace) -> int:
    if not args.yes:
        try:
            answer = input(f"Quartierslabor „{args.lab}“ mit allen Daten löschen? [j/N] ")
        except EOFError:   # no terminal to answer (input from a closed pipe): the safe answer
            answer = ""
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            print("Nicht gelöscht.")
            return 1
    db = open_db(args)
    with db.session() as s:
        labs.delete_lab(s, labs.get_lab(s, args.lab))
    print("Gelöscht.")
    return 0
