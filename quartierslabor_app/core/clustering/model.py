"""Data contract of the concern clustering (issue 3), used by the board, cards import and reports."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ClusterDef:
    """One cluster of the taxonomy (built-in, city default, or the lab's own)."""

    key: str                                   # stable id, e.g. "laerm"
    name: str                                  # German display name, e.g. "Lärm"
    color: str = "#cccccc"
    handlungsfeld_codes: tuple[str, ...] = ()  # Masterplan 2.0 codes, e.g. ("2.3",)
    description: str = ""


@dataclass
class Assignment:
    """Where a card goes and why (German reason for the facilitator)."""

    cluster_key: str
    cluster_name: str
    reason: str                                # e.g. "Lärm – erkannt an: laut, Musik, nachts"
    score: float = 0.0                         # confidence 0..1
    is_new_cluster: bool = False               # proposed new cluster (discovery)
    alternatives: list[tuple[str, float]] = field(default_factory=list)
