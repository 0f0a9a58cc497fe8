"""Helpers shared by the subcommands."""
from __future__ import annotations

import argparse

from ..core.storage.database import Database, open_database


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="DATEI|URL", default=None,
                        help="Datenbankdatei oder -adresse (Standard: die eigene Datenbank der App)")


def open_db(args: argparse.Namespace) -> Database:
    return open_database(getattr(args, "db", None))
