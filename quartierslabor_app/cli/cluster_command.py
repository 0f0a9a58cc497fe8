"""``quartierslabor cluster CARDS.csv|CARDS.txt|CARDS.xlsx --out assignments.csv``."""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ..core import count_texts
from ..core.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "cluster", help="Anliegen-Karten automatisch Themen zuordnen",
        description="Ordnet Karten (Spalte „text“ in CSV/XLSX oder eine Karte pro Zeile in TXT) den Themen zu "
                    "und schreibt eine CSV (UTF-8, Komma) mit text, cluster, cluster_key, score, reason, new_cluster.")
    parser.add_argument("cards", metavar="KARTEN", help="CSV-, XLSX- oder TXT-Datei mit den Karten")
    parser.add_argument("--out", required=True, metavar="ZIEL.csv", help="Ausgabedatei (CSV)")
    parser.add_argument("--taxonomy", metavar="DATEI.json", help="eigene Themenliste (JSON) statt der eingebauten")
    parser.add_argument("--replay", action="store_true",
                        help="Sitzung nachspielen: KARTEN hat die Spalten „text“ und „cluster“ (gewünschtes Thema); "
                             "jede Karte wird wie live auf der Tafel eingegeben, bei Abweichung verschoben (das "
                             "Thema wird beim ersten Mal angelegt) und gelernt; ZIEL.csv hat text, proposed, "
                             "cluster, corrected")
    parser.add_argument("--no-discovery", action="store_true",
                        help="keine neuen Themen vorschlagen (nicht passende Karten bleiben unter „Sonstiges“)")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from ..core.clustering import Clusterer, taxonomy_from_json  # lazy: keeps app start fast
    from ..core.clustering.card_files import read_cards, write_assignments
    from ..core.input_files import read_utf8_text

    taxonomy = None
    if args.taxonomy:
        path = Path(args.taxonomy)
        taxonomy = taxonomy_from_json(read_utf8_text(path), source=path.name)
    out = Path(args.out)
    if out.resolve() == Path(args.cards).resolve():
        raise UserError("Ausgabedatei und Kartendatei sind dieselbe Datei.", file=str(out),
                        hint="Bitte mit --out eine andere Datei angeben.")
    if args.replay:
        return _replay(args, out, taxonomy)
    texts = read_cards(args.cards)
    assignments = Clusterer(taxonomy).recluster(texts, discovery=not args.no_discovery)
    write_assignments(out, texts, assignments)
    counts = Counter(a.cluster_name for a in assignments)
    summary = ", ".join(f"{name} {n}" for name, n in counts.most_common())
    print(f"{count_texts.cards(len(texts))} zugeordnet → {out}\n{summary}", file=sys.stdout)
    return 0


def _replay(args: argparse.Namespace, out: Path, taxonomy) -> int:
    from ..core.board.replay import replay_session
    from ..core.clustering.card_files import check_target, read_labelled_cards, write_replay

    check_target(out)
    cards = read_labelled_cards(args.cards)
    rows = replay_session(cards, taxonomy)
    write_replay(out, rows)
    moved = sum(r.corrected for r in rows)
    print(f"{count_texts.cards(len(rows))} nachgespielt → {out}\n{moved} verschoben ({100 * moved / len(rows):.1f} je 100 Karten)",
          file=sys.stdout)
    return 0
