"""Speed of the concern clustering with 500 cards on the board.

Usage:  .venv/bin/python benchmarks/bench_clustering_speed.py

Prints the two figures of issue #10 ("Speed"), in wall and CPU time:
- card -> placed with learning, p95, 500 cards on the board (``BoardService.add_card`` on SQLite, every tenth card
  also moved);
- full re-clustering of 500 cards (discovery on): the first in the process (taxonomy knowledge built, all caches
  cold: the CLI's case), a fresh clusterer (new ``Clusterer()`` + ``recluster``, the knowledge of the same taxonomy
  already built once in the process: the board's re-cluster) and the same clusterer again (warm).
Then the details: per-card ``assign`` latency (first call of each card), ``learn`` + ``assign`` latency, and
``recluster`` without discovery. Wall time depends on the load of the machine (printed at the end); CPU time much less.
"""
from __future__ import annotations

import csv
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quartierslabor_app.core.clustering import Clusterer  # noqa: E402

PLACES = ("", " am Marktplatz", " in der Lindenstraße", " hinterm Bahnhof", " bei der Schule", " im Park")


def board_cards(n: int = 500) -> list[str]:
    with open(ROOT / "tests/data/concerns_dev.csv", encoding="utf-8", newline="") as fh:
        base = [r["text"] for r in csv.DictReader(fh)]
    return [base[i % len(base)] + PLACES[(i // len(base)) % len(PLACES)] for i in range(n)]


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def board_latency(cards: list[str]) -> list[tuple[float, float]]:
    """Card -> placed with learning on the board (BoardService.add_card on SQLite: implicit confirmation of the
    previous card, assignment, commit) with 500 cards on the board; every tenth card is also moved (learned).
    Returns (wall, CPU) ms of rebuilding the board's clusterer from the database afterwards (a reopened lab)."""
    import tempfile

    from quartierslabor_app.core.board import BoardService
    from quartierslabor_app.core.labs import create_lab
    from quartierslabor_app.core.storage.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "bench.sqlite", backup_before_migrate=False)
        with database.session() as session:
            lab_id = create_lab(session, "Bench", "Bench").id
        service = BoardService(database, lab_id)
        service.warm_up()
        for text in cards:
            service.add_card(text)
        targets = [c.id for c in service.clusters()]
        lat, cpu = [], []
        for i, text in enumerate(cards[:100]):
            t, c = time.perf_counter(), time.process_time()
            card = service.add_card(text + " nochmal")
            if i % 10 == 0:
                service.move_card(card.id, targets[i % len(targets)])
            lat.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        rebuild = [timed(BoardService(database, lab_id).warm_up) for _ in range(3)]
        database.dispose()
    print(f"card -> placed with learning, 500 cards on the board (100 cards, every 10th moved): "
          f"wall p50={pct(lat, 50):.1f} ms p95={pct(lat, 95):.1f} ms; CPU p50={pct(cpu, 50):.1f} ms "
          f"p95={pct(cpu, 95):.1f} ms")
    return rebuild


def timed(action) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call."""
    t, c = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000


def recluster_figures(cards: list[str], runs: int = 5) -> None:
    wall, cpu = timed(lambda: Clusterer().recluster(cards))
    print(f"re-cluster 500 cards, first in the process (new clusterer, knowledge built, caches cold): "
          f"wall={wall:.0f} ms CPU={cpu:.0f} ms")
    for discovery in (True, False):
        times = [timed(lambda: Clusterer().recluster(cards, discovery=discovery)) for _ in range(runs)]
        print(f"re-cluster 500 cards, fresh clusterer (new Clusterer() + recluster, discovery "
              f"{'on' if discovery else 'off'}): wall median={statistics.median(t[0] for t in times):.0f} ms "
              f"max={max(t[0] for t in times):.0f} ms; CPU median={statistics.median(t[1] for t in times):.0f} ms "
              f"max={max(t[1] for t in times):.0f} ms")
    warm = Clusterer()
    warm.recluster(cards)
    times = [timed(lambda: warm.recluster(cards)) for _ in range(runs)]
    print(f"re-cluster 500 cards, warm clusterer (same clusterer again, discovery on): "
          f"wall median={statistics.median(t[0] for t in times):.0f} ms max={max(t[0] for t in times):.0f} ms; "
          f"CPU median={statistics.median(t[1] for t in times):.0f} ms")
    board = session_clusterer(cards)
    times = [timed(lambda: board.recluster(cards)) for _ in range(runs)]
    print(f"re-cluster 500 cards, the board's clusterer (all 500 learned: left in place, every tenth moved; "
          f"discovery on): wall median={statistics.median(t[0] for t in times):.0f} ms "
          f"max={max(t[0] for t in times):.0f} ms; CPU median={statistics.median(t[1] for t in times):.0f} ms "
          f"min={min(t[1] for t in times):.0f} ms")


def session_clusterer(cards: list[str]) -> Clusterer:
    """A clusterer after a session of these cards: each left where it went (confirmed), every tenth moved."""
    clusterer = Clusterer()
    keys = [c.key for c in clusterer.clusters]
    for i, text in enumerate(cards):
        placed = clusterer.assign(text).cluster_key
        if i % 10 == 0 and keys[i % len(keys)] != placed:
            clusterer.learn(text, keys[i % len(keys)], moved_from=placed)
        else:
            clusterer.confirm(text, placed)
    return clusterer


def assign_figures(cards: list[str]) -> None:
    clusterer = Clusterer()
    lat, lat_cpu = [], []
    for text in cards:
        wall, cpu = timed(lambda: clusterer.assign(text))
        lat.append(wall)
        lat_cpu.append(cpu)
    print(f"assign, 500 cards (fresh clusterer): p50={pct(lat, 50):.2f} ms  p95={pct(lat, 95):.2f} ms  "
          f"max={max(lat):.2f} ms  mean={statistics.mean(lat):.2f} ms  (CPU mean={statistics.mean(lat_cpu):.2f} ms)")
    lat2 = []
    for i, text in enumerate(cards[:100]):
        t = time.perf_counter()
        clusterer.learn(text + " (korrigiert)", clusterer.clusters[i % len(clusterer.clusters)].key)
        clusterer.assign(cards[-1 - i])
        lat2.append((time.perf_counter() - t) * 1000)
    print(f"learn + assign (100 moves): p50={pct(lat2, 50):.2f} ms  p95={pct(lat2, 95):.2f} ms")


def main() -> int:
    cards = board_cards(500)
    print("== issue #10, Speed ==")
    recluster_figures(cards)
    rebuild = board_latency(cards)
    print("== details ==")
    print(f"board clusterer rebuilt from the database (600 cards, 10 moves; off the GUI thread): "
          f"wall median={statistics.median(t[0] for t in rebuild):.0f} ms; "
          f"CPU median={statistics.median(t[1] for t in rebuild):.0f} ms")
    assign_figures(cards)
    try:
        import os
        print(f"load average while measuring: {os.getloadavg()[0]:.2f} (CPUs: {os.cpu_count()})")
    except (AttributeError, OSError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
