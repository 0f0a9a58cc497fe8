"""``quartierslabor panel``: the fair final panel from a respondents file or a lab's stored replies."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Optional

from ..core import count_texts
from ..core.errors import UserError
from ..core.input_files import read_utf8_text
from ..core.messages import QT_TRANSLATE_NOOP, Message, german_text
from ..core.selection.panel import files
from ..core.selection.panel.lab_panel import run_lab_panel
from ..core.selection.panel.outputs import PanelFiles, default_copy_path, write_panel_files
from ..core.selection.panel.service import PanelOutcome, PanelRequest, select_panel
from .common import add_db_argument, open_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "panel", help="Teilnehmende fair auslosen (Quoten, größtmögliche kleinste Chance)",
        description="Wählt unter den Zusagen ein Panel, das alle Quoten erfüllt, mit der fairsten Verteilung "
                    "(Leximin) und dem öffentlichen Startwert. Zusagen aus einer CSV-Datei (Spalte id und je "
                    "Merkmal eine Spalte) oder aus einem gespeicherten Labor (--db/--lab).")
    parser.add_argument("respondents", nargs="?", metavar="ZUSAGEN.csv",
                        help="Zusagen: Spalte id und eine Spalte je Merkmal der Quoten")
    parser.add_argument("--categories", metavar="QUOTEN.csv",
                        help="Quoten (Spalten feature, value, min, max wie bei der Sortition Foundation); bei --lab "
                             "ohne diese Angabe aus den Bevölkerungszahlen des Labors")
    parser.add_argument("--seats", type=int, metavar="N", help="Plätze im Panel (bei --lab Standard: Plätze des Labors)")
    parser.add_argument("--slack", type=int, default=0, metavar="N",
                        help="Spielraum der abgeleiteten Quoten (Personen je Wert nach unten und oben, Standard 0)")
    parser.add_argument("--seed", required=True, metavar="TEXT", help="öffentlicher Startwert (Text)")
    parser.add_argument("--out", required=True, metavar="PANEL.csv", help="das ausgeloste Panel (CSV)")
    parser.add_argument("--probabilities", metavar="WAHRSCHEINLICHKEITEN.csv",
                        help="die Auswahlwahrscheinlichkeit jeder Zusage (CSV)")
    parser.add_argument("--protocol", metavar="PROTOKOLL.pdf", help="Protokoll (PDF)")
    parser.add_argument("--record", metavar="PROTOKOLL.json",
                        help="maschinenlesbares Protokoll für quartierslabor verify (Standard: neben --out, .json)")
    parser.add_argument("--previous", metavar="PANEL.json",
                        help="Nachrücken: das Protokoll (JSON) der bisherigen Auswahl")
    parser.add_argument("--dropout", action="append", default=[], metavar="ID",
                        help="Nachrücken: Kennung eines Panel-Mitglieds, das abgesagt hat (mehrfach oder mit Komma)")
    parser.add_argument("--replace-dropouts", action="store_true",
                        help="Nachrücken bei --lab: für Panel-Mitglieder, die inzwischen abgesagt haben, aus den "
                             "übrigen Zusagen nachlosen")
    add_db_argument(parser)
    parser.add_argument("--lab", metavar="NAME", help="Labor (Name oder Nummer): die gespeicherten Zusagen verwenden und das Panel "
                                      "dort speichern")
    parser.set_defaults(func=run, not_saved="Das Panel wurde nicht gespeichert.")


def _fail(template: str, **args) -> UserError:
    return UserError(Message(template, **args))


def run(args: argparse.Namespace) -> int:
    if bool(args.respondents) == bool(args.lab):
        raise _fail(QT_TRANSLATE_NOOP("PanelCli", "Bitte entweder eine Datei mit Zusagen oder --lab angeben."))
    record_path = Path(args.record) if args.record else Path(args.out).with_suffix(".json")
    if args.lab:
        return _run_lab(args, record_path)
    if not args.categories or args.seats is None:
        raise _fail(QT_TRANSLATE_NOOP("PanelCli", "Mit einer Datei mit Zusagen sind --categories und --seats nötig."))
    categories = files.read_categories(args.categories)
    respondents = files.read_respondents(args.respondents, categories)
    previous, dropouts = _replacement(args)
    request = PanelRequest(respondents, categories, args.seats, args.seed, previous, dropouts)
    outcome = select_panel(request)
    _write(args, outcome, record_path, None)
    return 0


def _replacement(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    dropouts = [d.strip() for item in args.dropout for d in item.split(",") if d.strip()]
    if bool(dropouts) != bool(args.previous):
        raise _fail(QT_TRANSLATE_NOOP("PanelCli", "Zum Nachrücken sind --previous (bisheriges Protokoll) und "
                                                  "--dropout (wer abgesagt hat) beide nötig."))
    if not args.previous:
        return [], []
    try:
        previous = json.loads(read_utf8_text(args.previous))  # a folder or FIFO is named, never opened
        return [str(x) for x in previous["selected"]], dropouts
    except (OSError, ValueError, KeyError, TypeError):
        raise UserError(Message(QT_TRANSLATE_NOOP("PanelCli", "Das bisherige Panel-Protokoll lässt sich nicht lesen.")),
                        file=str(args.previous)) from None


def _run_lab(args: argparse.Namespace, record_path: Path) -> int:
    categories = files.read_categories(args.categories) if args.categories else None
    db = open_db(args)
    try:
        run_lab_panel(db, args.lab, args.seed, seats=args.seats, slack=args.slack, categories=categories,
                      replace_dropouts=args.replace_dropouts,
                      before_commit=lambda outcome, lab_name: _write(args, outcome, record_path, lab_name))
    finally:
        db.dispose()
    return 0


def _write(args: argparse.Namespace, outcome: PanelOutcome, record_path: Path, lab_name: Optional[str]) -> None:
    targets = PanelFiles(record_path, panel=Path(args.out),
                         probabilities=Path(args.probabilities) if args.probabilities else None,
                         protocol=Path(args.protocol) if args.protocol else None,
                         respondents=Path(args.respondents) if args.respondents else None,
                         respondents_copy=None if args.respondents else default_copy_path(record_path))
    write_panel_files(outcome, targets, lab_name=lab_name)
    comp = outcome.computation
    low = min(comp.probabilities.values())
    if outcome.request.quota_note is not None:
        print(f"Hinweis: {german_text(outcome.request.quota_note)}")
    if outcome.is_replacement:
        print(f"Panel: {count_texts.members(len(outcome.selected))} → {args.out}")
        print(f"Nachgerückt: {', '.join(outcome.draw.selected)} (für {', '.join(sorted(outcome.request.dropouts))}, "
              f"gelost {count_texts.among_remaining_acceptances(len(comp.respondents))})")
    else:
        print(f"Panel: {count_texts.of_total(len(outcome.selected), count_texts.acceptances(len(outcome.request.respondents)))} ausgelost "
              f"(kleinste Wahrscheinlichkeit {low:.6f}, bestmöglich {comp.maximin:.6f}) → {args.out}")
    if targets.respondents_copy is not None:
        print(f"Zusagen (Kennung und Merkmale) für die Prüfung: {targets.respondents_copy}")
    print(f"Prüfbares Protokoll: {record_path}")
