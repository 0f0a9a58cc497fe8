"""The ``quartierslabor`` command: no arguments opens the GUI, subcommands run headless.

Each subcommand lives in its own module under ``quartierslabor_app.cli`` with a
``register(subparsers)`` function that adds its parser and sets ``func(args) -> int``.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from .. import __version__
from ..core.crashlog import format_exception_details, install_file_logging
from ..core.errors import DatabaseError, StorageFullError, UserError, is_storage_full, storage_full_error
from ..core.progress import Cancelled

#: subcommand modules, in the order they appear in --help
COMMAND_MODULES = (
    "lab_command",
    "draw_command",
    "panel_command",
    "verify_command",
    "cluster_command",
    "retention_command",
    "cards_command",
    "export_command",
    "db_command",
)

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 3
#: the reader of the output went away (128 + SIGPIPE, as a shell reports a tool ended by SIGPIPE)
EXIT_BROKEN_PIPE = 141


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


def build_parser(argv: Optional[Sequence[str]] = None) -> argparse.ArgumentParser:
    """The parser; with ``argv`` naming a subcommand only that subcommand's module is imported
    (``quartierslabor draw`` does not load the panel solver or the report modules)."""
    parser = GermanArgumentParser(
        prog="quartierslabor",
        description="Quartierslabor – Einladung, Workshop und Bericht. Ohne Argumente startet die Oberfläche.")
    parser.add_argument("--version", action="version", version=f"quartierslabor {__version__}",
                        help="Versionsnummer zeigen und beenden")
    parser.add_argument("--self-test", action="store_true",
                        help="Oberfläche offscreen starten, alle Hauptansichten öffnen und beenden.")
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=GermanArgumentParser)
    first = next((a for a in argv or () if not a.startswith("-")), None)
    names = (f"{first}_command",) if f"{first}_command" in COMMAND_MODULES else COMMAND_MODULES
    for name in names:
        module = importlib.import_module(f"{__package__}.{name}")
        module.register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        from ..qt.app import run_gui  # Qt only when the GUI is wanted
        return run_gui(self_test=args.self_test)
    log_path = _log_to_file_only()
    _never_fail_on_encoding()
    try:
        code = int(args.func(args) or 0)
        if sys.stdout is not None:   # None in the windowed (GUI) build
            sys.stdout.flush()   # a closed pipe shows here, not as "Exception ignored" at exit
        return code
    except BrokenPipeError:
        return _stdout_closed()
    except StorageFullError as exc:
        return _say(_storage_full_text(exc, args), EXIT_USER_ERROR)
    except DatabaseError as exc:
        return _say(f"Fehler: {exc}{_restore_hint(args)}", EXIT_USER_ERROR)
    except UserError as exc:
        return _say(f"Fehler: {exc}", EXIT_USER_ERROR)
    except (Cancelled, KeyboardInterrupt):
        return _say("Abgebrochen.", EXIT_USER_ERROR)
    except Exception as exc:  # last line of defence: never a traceback for the user
        if is_storage_full(exc):
            return _say(_storage_full_text(storage_full_error(), args), EXIT_USER_ERROR)
        logging.getLogger("quartierslabor.crash").error("Unhandled error\n%s", format_exception_details(exc))
        where = f"Details stehen in {log_path}." if log_path else "Details konnten nicht gespeichert werden."
        return _say(f"Interner Fehler ({exc.__class__.__name__}). {where} Bitte melden Sie den Fehler "
                    f"mit dieser Datei.", EXIT_INTERNAL_ERROR)


def _log_to_file_only() -> Optional[Path]:
    """Log (warnings, tracebacks) into the log file, never onto the terminal; ``None`` if it cannot be written."""
    root = logging.getLogger()
    logging.raiseExceptions = False        # a log file that cannot be written (disk full) prints nothing
    if not any(type(h) is logging.NullHandler for h in root.handlers):
        root.addHandler(logging.NullHandler())   # no "last resort" printing to stderr
    try:
        path = install_file_logging(logging.WARNING)
    except OSError:
        return None
    for handler in list(root.handlers):   # an earlier run in this process logged elsewhere (tests)
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) != path:
            root.removeHandler(handler)
            handler.close()
    return path


def _never_fail_on_encoding() -> None:
    """A terminal or pipe that cannot show „ü“ or „→“ (Windows code page, ``PYTHONIOENCODING=ascii``) gets a
    replacement character instead of ending the command with ``UnicodeEncodeError``."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors="replace")


def _restore_hint(args: argparse.Namespace) -> str:
    """For a damaged SQLite file with backups: the commands that list and restore them."""
    from ..core.storage.database import list_backups, sqlite_path

    if args.command == "db":
        return ""
    try:
        path = sqlite_path(getattr(args, "db", None))
        if path is None or not list_backups(path):
            return ""
    except (OSError, UserError):
        return ""
    db = f" --db {args.db}" if getattr(args, "db", None) else ""
    return (f"\nSicherungen anzeigen: quartierslabor db backups{db}; die neueste wiederherstellen: "
            f"quartierslabor db restore --latest{db}")


def _say(text: str, code: int) -> int:
    try:
        print(text, file=sys.stderr)
    except (BrokenPipeError, OSError):
        pass
    return code


def _stdout_closed() -> int:
    """The reader of our output went away (``… | head -2``): stop quietly, like other command-line tools."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())   # no second BrokenPipeError when Python flushes stdout at exit
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass
    return EXIT_BROKEN_PIPE


def _storage_full_text(exc: StorageFullError, args: argparse.Namespace) -> str:
    """The refusal plus what this command did not save (``not_saved`` set by the subcommand)."""
    note = getattr(args, "not_saved", None)
    text = str(storage_full_error(note)) if note else str(exc)
    return f"Fehler: {text}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
