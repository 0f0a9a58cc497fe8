"""Fingerprint of every placement the clustering makes on the labelled sets, to check that a speed change alters
no result.

Usage:  .venv/bin/python benchmarks/clustering_fingerprint.py --record /tmp/before.json
        .venv/bin/python benchmarks/clustering_fingerprint.py --check /tmp/before.json

Records, for the dev, holdout, independent and both multilingual sets: each card assigned by a fresh clusterer
(cluster, reason, score, alternatives, language, matched words), a full ``recluster`` with discovery, a learning
session on the clusterer (every card assigned, then confirmed or moved to its labelled cluster) and the board
replay of ``quartierslabor cluster CARDS.csv --replay`` (proposed cluster, final cluster, corrected). ``--check``
recomputes everything and lists the first differences; exit code 1 when anything differs.

The expectation is recorded from the code before an optimisation (or from main after another developer changed
the clustering logic) and is not committed: the clustering's logic legitimately changes its placements.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quartierslabor_app.core.board.replay import replay_session  # noqa: E402
from quartierslabor_app.core.clustering import Clusterer, default_taxonomy  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = ("concerns_dev.csv", "concerns_holdout.csv", "concerns_independent.csv",
        "concerns_multilingual_dev.csv", "concerns_multilingual_blind.csv", "concerns_multilingual_blind2.csv")


def labelled(name: str) -> list[tuple[str, str]]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as fh:
        return [(r["text"], r["cluster"]) for r in csv.DictReader(fh)]


def placement(a) -> list:
    return [a.cluster_key, a.cluster_name, a.reason, a.score, a.is_new_cluster,
            [list(x) for x in a.alternatives], repr(a.language), list(a.matched),
            repr(a.details)]


def learning_session(cards: list[tuple[str, str]]) -> list:
    """Each card assigned, then left in place (confirmed) or moved to its labelled cluster (learned)."""
    clusterer = Clusterer()
    keys = {c.key for c in clusterer.clusters}
    out = []
    for text, wanted in cards:
        a = clusterer.assign(text)
        out.append(placement(a))
        if wanted == a.cluster_key:
            clusterer.confirm(text, wanted)
        elif wanted in keys:
            clusterer.learn(text, wanted, moved_from=a.cluster_key)
    return out


def fingerprint(sets=SETS) -> dict:
    names = {c.key: c.name for c in default_taxonomy()}
    out: dict = {}
    for name in sets:
        cards = labelled(name)
        texts = [t for t, _ in cards]
        fresh = Clusterer()
        out[f"{name}/assign"] = [placement(fresh.assign(t)) for t in texts]
        out[f"{name}/recluster"] = [placement(a) for a in Clusterer().recluster(texts)]
        out[f"{name}/learning"] = learning_session(cards)
        rows = replay_session([(t, names.get(k, k)) for t, k in cards])
        out[f"{name}/replay"] = [[r.text, r.proposed, r.cluster, r.corrected] for r in rows]
        print(f"{name}: {len(cards)} cards", file=sys.stderr)
    return out


def compare(expected: dict, actual: dict, limit: int = 10) -> list[str]:
    diffs = []
    for part in sorted(set(expected) | set(actual)):
        e, a = expected.get(part), actual.get(part)
        if e is None or a is None:
            diffs.append(f"{part}: only in {'actual' if e is None else 'expected'}")
            continue
        if len(e) != len(a):
            diffs.append(f"{part}: {len(e)} rows expected, {len(a)} found")
        for i, (x, y) in enumerate(zip(e, a)):
            if x != y:
                diffs.append(f"{part} row {i}:\n  expected {x}\n  found    {y}")
    if len(diffs) > limit:
        diffs = diffs[:limit] + [f"… and {len(diffs) - limit} more differences"]
    return diffs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--record", metavar="FILE.json")
    group.add_argument("--check", metavar="FILE.json")
    args = parser.parse_args()
    actual = json.loads(json.dumps(fingerprint()))       # same types as the stored file (tuples -> lists)
    if args.record:
        Path(args.record).write_text(json.dumps(actual, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"recorded {sum(len(v) for v in actual.values())} placements -> {args.record}")
        return 0
    diffs = compare(json.loads(Path(args.check).read_text(encoding="utf-8")), actual)
    if diffs:
        print("DIFFERENT:\n" + "\n".join(diffs))
        return 1
    print(f"identical: {sum(len(v) for v in actual.values())} placements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
