"""Quality and speed of the clustering on cards in the residents' languages (issue 10).

Usage:  .venv/bin/python benchmarks/bench_clustering_languages.py [--blind] [--german] [--speed]

- dev:    tests/data/concerns_multilingual_dev.csv (the set the language cue data was tuned on)
- blind:  tests/data/concerns_multilingual_blind.csv (written and committed before any tuning, never looked at
          while tuning; only with ``--blind``)
- blind2: tests/data/concerns_multilingual_blind2.csv (84 cards, 12 per language, written later by another
          person who never saw the language cue data; frozen, never tuned on; only with ``--blind``)
- german: the German sets (dev, holdout, independent) as a guard that language handling costs German cards nothing
- speed:  time to place one card (``Clusterer.assign``) with 500 learned cards on the board, p50/p95 in ms

Per language: accuracy (card placed in its labelled cluster) and moves to fix per 100 cards (one-to-one cluster
matching over that language's cards), and how often the language was recognised correctly.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quartierslabor_app.core.clustering import Clusterer  # noqa: E402
from quartierslabor_app.core.clustering.metrics import moves_per_100  # noqa: E402

DATA = ROOT / "tests" / "data"
LANGS = ("tr", "ar", "pl", "ru", "bg", "ro", "en")


def load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def report_set(label: str, rows: list[dict]) -> None:
    clusterer = Clusterer()
    assigned = [clusterer.assign(r["text"]) for r in rows]
    pred = [a.cluster_key for a in assigned]
    total_ok = 0
    for lang in LANGS + ("de",):
        idx = [i for i, r in enumerate(rows) if r.get("lang", "de") == lang]
        if not idx:
            continue
        p = [pred[i] for i in idx]
        g = [rows[i]["cluster"] for i in idx]
        ok = sum(a == b for a, b in zip(p, g))
        total_ok += ok
        lang_ok = sum(getattr(assigned[i], "language", "?") == lang for i in idx)
        print(f"{label:<6} {lang}  n={len(idx):>3}  accuracy={100 * ok / len(idx):5.1f} %  "
              f"moves/100={moves_per_100(p, g):5.1f}  language recognised={lang_ok}/{len(idx)}")
    gold = [r["cluster"] for r in rows]
    print(f"{label:<6} all n={len(rows):>3}  accuracy={100 * total_ok / len(rows):5.1f} %  "
          f"moves/100={moves_per_100(pred, gold):5.1f}")


def german() -> None:
    for name in ("concerns_dev.csv", "concerns_holdout.csv", "concerns_independent.csv"):
        rows = load(name)
        texts, gold = [r["text"] for r in rows], [r["cluster"] for r in rows]
        pred = [a.cluster_key for a in Clusterer().recluster(texts, discovery=False)]
        acc = 100 * sum(a == b for a, b in zip(pred, gold)) / len(gold)
        print(f"german {name:<26} n={len(rows):>3}  accuracy={acc:5.1f} %  moves/100={moves_per_100(pred, gold):5.1f}")


def speed() -> None:
    board = [r["text"] for r in load("concerns_dev.csv")] + [r["text"] for r in load("concerns_independent.csv")]
    clusterer = Clusterer()
    for text in board[:500]:
        clusterer.learn(text, clusterer.assign(text).cluster_key)
    cards = [r["text"] for r in load("concerns_multilingual_dev.csv")]
    times = []
    for text in cards:
        t0 = time.perf_counter()
        clusterer.assign(text + " ")      # a fresh text: no cached match
        times.append((time.perf_counter() - t0) * 1000)
    print(f"speed  assign with 500 learned cards: n={len(times)}  p50={np.percentile(times, 50):6.2f} ms  "
          f"p95={np.percentile(times, 95):6.2f} ms  max={max(times):6.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blind", action="store_true", help="also report the blind set (only for final figures)")
    parser.add_argument("--german", action="store_true", help="German sets as a regression guard")
    parser.add_argument("--speed", action="store_true", help="time per card")
    args = parser.parse_args()
    report_set("dev", load("concerns_multilingual_dev.csv"))
    if args.blind:
        report_set("blind", load("concerns_multilingual_blind.csv"))
        report_set("blind2", load("concerns_multilingual_blind2.csv"))
    if args.german:
        german()
    if args.speed:
        speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
