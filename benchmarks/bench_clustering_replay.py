"""Live-session replay: corrections per 100 cards (by thirds of the session) and new-theme capture.

Usage:  .venv/bin/python benchmarks/bench_clustering_replay.py [--sets tuned,blind] [--limit N]

Every card goes through the board exactly as ``quartierslabor cluster CARDS.csv --replay`` does
(:func:`quartierslabor_app.core.board.replay.replay_session`: ``BoardService.add_card``, a move to the wanted
cluster when the app chose another one, that cluster created the first time, learning as on the board).

Sets (see README, "Labelled sets"):
- tuned (looked at while changing the clustering): dev, independent half A (even rows), cycling dialogues Bonn
  (``dataset == B``; the first 600 cards were used to tune the learning)
- blind (frozen, never tuned on): independent half B (odd rows), multilingual blind part, cycling dialogues
  Moers + Köln-Ehrenfeld (``dataset`` M and E)
- holdout: tests/data/concerns_holdout.csv

With ``--discovery`` each set is replayed a second time in which the facilitator accepts every discovery
proposal of the board after every 50 cards and moves the cards of it that belong elsewhere: with must never be
worse than without.

Figures: ``corr/100`` = cards the facilitator had to move per 100 cards; ``thirds`` = the same for the first,
middle and last third of the session; ``capture`` = share of the cards of themes the facilitator created during
the session (names not in the taxonomy) that land in their theme without a move, from the theme's 5th card on.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quartierslabor_app.core.board.clusters import same_name  # noqa: E402
from quartierslabor_app.core.board.replay import replay_session  # noqa: E402
from quartierslabor_app.core.clustering import default_taxonomy  # noqa: E402

DATA = ROOT / "tests" / "data"
#: with --discovery: the simulated facilitator reviews the board's proposals after every this many cards
DISCOVERY_EVERY = 50
CYCLING = Path("/work/shared/data/cycling-dialogues/dataset.csv")
#: the facilitator's German theme names for the cycling dialogues' level-1 categories
CYCLING_THEMES = {"cycling_traffic_management": "Radverkehrsführung", "cycle_path_quality": "Zustand der Radwege",
                  "obstacles": "Hindernisse", "traffic_lights": "Ampeln", "signage": "Beschilderung",
                  "bicycle_parking": "Fahrradparken", "misc": "Sonstiges", "lighting": "Beleuchtung"}


def labelled(name: str) -> list[tuple[str, str]]:
    names = {c.key: c.name for c in default_taxonomy()}
    with open(DATA / name, encoding="utf-8-sig", newline="") as fh:
        return [(r["text"], names.get(r["cluster"], r["cluster"])) for r in csv.DictReader(fh)]


def cycling(cities: set[str]) -> list[tuple[str, str]]:
    with open(CYCLING, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["main_category_level1"].strip() and r["dataset"] in cities]
    return [((r["title"].strip() + ". " + r["text"].strip()).strip(". "),
             CYCLING_THEMES[r["main_category_level1"].replace("level1_", "")]) for r in rows]


def sets(which: set[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    out = []
    independent = labelled("concerns_independent.csv")
    if "tuned" in which:
        out += [("dev [tuned]", labelled("concerns_dev.csv")), ("independent A [tuned]", independent[0::2])]
        if CYCLING.exists():
            out.append(("cycling Bonn [tuned]", cycling({"B"})))
    if "holdout" in which:
        out.append(("holdout", labelled("concerns_holdout.csv")))
    if "blind" in which:
        out += [("independent B [blind]", independent[1::2]),
                ("multilingual blind [blind]", labelled("concerns_multilingual_blind.csv"))]
        if CYCLING.exists():
            out.append(("cycling Moers+Ehrenfeld [blind]", cycling({"M", "E"})))
    return out


def figures(cards: list[tuple[str, str]], discovery: bool = False) -> str:
    t0 = time.perf_counter()
    rows = replay_session(cards)
    seconds = time.perf_counter() - t0
    n = len(rows)
    moved = [r.corrected for r in rows]
    thirds = [moved[i * n // 3:(i + 1) * n // 3] for i in range(3)]
    known = {same_name(c.name) for c in default_taxonomy()} | {same_name(c.key) for c in default_taxonomy()}
    seen: dict[str, int] = defaultdict(int)
    caught = total = 0
    for (_, wanted), row in zip(cards, rows):
        theme = same_name(wanted)
        seen[theme] += 1
        if theme not in known and seen[theme] >= 5:
            total += 1
            caught += not row.corrected
    capture = f"{100 * caught / total:5.1f} % of {total}" if total else "   – (no new theme)"
    line = (f"n={n:5d}  corr/100={100 * sum(moved) / n:5.1f}  thirds=" +
            "/".join(f"{100 * sum(t) / max(1, len(t)):.1f}" for t in thirds) +
            f"  capture={capture}  ({1000 * seconds / n:.0f} ms/card)")
    if discovery:
        with_rows = replay_session(cards, discovery_every=DISCOVERY_EVERY)
        with_moves = sum(r.corrected for r in with_rows) + sum(r.discovery_moves for r in with_rows)
        line += (f"\n{'':34s} discovery (every proposal accepted each {DISCOVERY_EVERY} cards): "
                 f"without {100 * sum(moved) / n:5.1f}  with {100 * with_moves / n:5.1f} moves/100 "
                 f"({sum(r.discovery_moves for r in with_rows)} moves after accepting)")
    return line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="tuned,holdout,blind", help="tuned, holdout, blind (comma-separated)")
    parser.add_argument("--limit", type=int, default=0, help="replay only the first N cards of each set")
    parser.add_argument("--discovery", action="store_true",
                        help="also replay with discovery: every proposal accepted after each "
                             f"{DISCOVERY_EVERY} cards, cards that belong elsewhere moved back (with vs without)")
    args = parser.parse_args()
    for name, cards in sets(set(args.sets.split(","))):
        if args.limit:
            cards = cards[:args.limit]
        print(f"{name:34s} {figures(cards, args.discovery)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
