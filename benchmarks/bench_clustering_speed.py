"""Speed of the concern clustering with 500 cards on the board.

Usage:  .venv/bin/python benchmarks/bench_clustering_speed.py

Prints per-card ``assign`` latency (p50/p95/max; first call of each card, so the word cache is mostly cold),
``learn`` + ``assign`` latency, and the time of a full ``recluster`` of 500 cards with and without discovery.
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


def board_latency(cards: list[str]) -> None:
    """Card -> placed with learning on the board (BoardService.add_card on SQLite: implicit confirmation of the
    previous card, assignment, commit) with 500 cards on the board; every tenth card is also moved (learned)."""
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
        database.dispose()
    print(f"board: card -> placed with learning, 500 cards on the board (100 cards, every 10th moved): "
          f"p50={pct(lat, 50):.1f} ms p95={pct(lat, 95):.1f} ms (CPU p95={pct(cpu, 95):.1f} ms)")


def main() -> int:
    cards = board_cards(500)
    t0 = time.perf_counter()
    clusterer = Clusterer()
    build_ms = (time.perf_counter() - t0) * 1000
    lat, lat_cpu = [], []
    for text in cards:
        t, c = time.perf_counter(), time.process_time()
        clusterer.assign(text)
        lat.append((time.perf_counter() - t) * 1000)
        lat_cpu.append((time.process_time() - c) * 1000)
    print(f"Clusterer() construction: {build_ms:.1f} ms")
    print(f"assign, 500 cards: p50={pct(lat, 50):.2f} ms  p95={pct(lat, 95):.2f} ms  max={max(lat):.2f} ms  "
          f"mean={statistics.mean(lat):.2f} ms  (CPU mean={statistics.mean(lat_cpu):.2f} ms)")
    lat2 = []
    for i, text in enumerate(cards[:100]):
        t = time.perf_counter()
        clusterer.learn(text + " (korrigiert)", clusterer.clusters[i % len(clusterer.clusters)].key)
        clusterer.assign(cards[-1 - i])
        lat2.append((time.perf_counter() - t) * 1000)
    print(f"learn + assign (100 moves): p50={pct(lat2, 50):.2f} ms  p95={pct(lat2, 95):.2f} ms")
    for discovery in (True, False):
        times, cpu = [], []
        for _ in range(5):
            fresh = Clusterer()
            t, c = time.perf_counter(), time.process_time()
            fresh.recluster(cards, discovery=discovery)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        print(f"recluster 500 cards (fresh clusterer, discovery={'on' if discovery else 'off'}): "
              f"wall median={statistics.median(times):.0f} ms max={max(times):.0f} ms; "
              f"CPU median={statistics.median(cpu):.0f} ms")
    warm = Clusterer()
    warm.recluster(cards)
    times, cpu = [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.process_time()
        warm.recluster(cards)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    print(f"recluster 500 cards (warm clusterer, discovery on): wall median={statistics.median(times):.0f} ms; "
          f"CPU median={statistics.median(cpu):.0f} ms")
    board_latency(cards)
    try:
        import os
        print(f"load average while measuring: {os.getloadavg()[0]:.2f} (CPUs: {os.cpu_count()})")
    except (AttributeError, OSError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
