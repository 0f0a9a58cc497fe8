"""Helpers shared by the subcommands."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.storage.database import Database


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="DATEI|URL", default=None,
                        help="Datenbankdatei oder -adresse (Standard: die eigene Datenbank der App)")


def open_db(args: argparse.Namespace) -> "Database":
    from ..core.storage.database import open_database   # the storage layer only when a database is used
    return open_database(getattr(args, "db", None))
