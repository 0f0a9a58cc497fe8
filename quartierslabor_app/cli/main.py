"""The ``quartierslabor`` command: no arguments opens the GUI, subcommands run headless.

Each subcommand lives in its own module under ``quartierslabor_app.cli`` with a
``register(subparsers)`` function that adds its parser and sets ``func(args) -> int``.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Optional, Sequence

from .. import __version__
from ..core.errors import UserError
from ..core.progress import Cancelled

#: subcommand modules, in the order they appear in --help
COMMAND_MODULES = (
    "lab_command",
    "draw_command",
    "cluster_command",
    "retention_command",
    "cards_command",
    "export_command",
)

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 3


class GermanHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: D401 - argparse API
        super().add_usage(usage, actions, groups, prefix="Aufruf: " if prefix is None else prefix)


class GermanArgumentParser(argparse.ArgumentParser):
    """argparse with German headings, help text and error messages."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", GermanHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="diese Hilfe zeigen und beenden")

    def error(self, message: str) -> None:  # argparse prints English by default
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"Fehler: ungültiger Aufruf ({message}).\n"
                                   f"Hilfe: {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = GermanArgumentParser(
        prog="quartierslabor",
        description="Quartierslabor – Einladung, Workshop und Bericht. Ohne Argumente startet die Oberfläche.")
    parser.add_argument("--version", action="version", version=f"quartierslabor {__version__}",
                        help="Versionsnummer zeigen und beenden")
    parser.add_argument("--self-test", action="store_true",
                        help="Oberfläche offscreen starten, alle Hauptansichten öffnen und beenden.")
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=GermanArgumentParser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        module.register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ..qt.app import run_gui  # Qt only when the GUI is wanted
        return run_gui(self_test=args.self_test)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Cancelled:
        print("Abgebrochen.", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # last line of defence: never a traceback for the user
        from ..core.crashlog import write_crash_log
        path = write_crash_log(exc)
        print(f"Interner Fehler: {exc.__class__.__name__}: {exc}\n"
              f"Details stehen in {path}. Bitte melden Sie den Fehler mit dieser Datei.", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
