"""Realistic boards for the wall tests and screenshots: card texts from the labelled dev set."""
from __future__ import annotations

import csv
from pathlib import Path

from quartierslabor_app.core.board.state import CardState, ClusterState

DATA = Path(__file__).resolve().parent / "data" / "concerns_dev.csv"
TOPICS = ["Lärm", "Parken", "Angsträume", "Sauberkeit/Müll", "Verkehr und Radwege", "Beleuchtung",
          "Jugend und Treffpunkte", "Nachbarschaft", "Sonstiges"]
COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]


def dev_texts() -> list[str]:
    with open(DATA, encoding="utf-8") as fh:
        return [row["text"] for row in csv.DictReader(fh)]


def wall_board(n_cards: int, *, offset: int = 0) -> tuple[list[ClusterState], list[CardState]]:
    """``n_cards`` distinct cards (the dev set's lengths: mostly short, some of two or three lines)
    spread unevenly over nine topics, some with points."""
    texts = dev_texts()
    clusters = [ClusterState(i + 1, f"topic{i}", name, COLORS[i], i) for i, name in enumerate(TOPICS)]
    weights = [5, 4, 3, 4, 3, 2, 2, 1, 1]          # a few big topics, some small ones
    slots = [i for i, w in enumerate(weights) for _ in range(w)]
    cards = []
    for k in range(n_cards):
        text = texts[(offset + k * 7) % len(texts)]
        cards.append(CardState(id=k + 1, cluster_id=clusters[slots[k % len(slots)]].id, text=text,
                               votes=(k * 5) % 7 if k % 3 == 0 else 0))
    return clusters, cards
