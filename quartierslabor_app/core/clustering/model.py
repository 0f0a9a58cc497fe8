"""Data contract of the concern clustering (issue 3), used by the board, cards import and reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..messages import Message


@dataclass
class ClusterDef:
    """One cluster of the taxonomy (built-in, city default, or the lab's own) with its knowledge.

    ``cues`` are weighted cue words in the ``term:weight`` syntax of ``resources/clustering/README`` (see
    ``resources/README.md``), ``examples`` typical cards; ``languages`` maps a language code ("tr", "ar", …) to
    ``{"cues": [...], "examples": [...]}`` of that language. ``description`` says what belongs in the cluster
    and is used as evidence too.
    """

    key: str                                   # stable id, e.g. "laerm"
    name: str                                  # German display name, e.g. "Lärm"
    color: str = "#cccccc"
    handlungsfeld_codes: tuple[str, ...] = ()  # Masterplan 2.0 codes, e.g. ("2.3",)
    description: str = ""
    cues: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    languages: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def all_cues(self) -> tuple[str, ...]:
        """German and per-language cue entries."""
        return self.cues + tuple(c for lang in sorted(self.languages) for c in self.languages[lang].get("cues", ()))

    def all_examples(self) -> tuple[str, ...]:
        return self.examples + tuple(e for lang in sorted(self.languages)
                                     for e in self.languages[lang].get("examples", ()))

    def has_knowledge(self) -> bool:
        return bool(self.all_cues() or self.all_examples())


@dataclass(frozen=True)
class Reason:
    """Why a card went where it went, as data (the GUI renders it in the UI language).

    ``kind``: "cues" (cue words recognised: ``words`` in the card's own spelling), "similar" (like the example card
    ``example``), "learned" (like ``example``, a card the facilitator placed or left in this cluster; ``learned``
    cards learned for it in this session), "weak" (chosen on weak evidence), "nothing" (fits nothing well, went to the catch-all;
    ``alternative`` names the nearest cluster),
    "new_cluster" / "split" (discovery proposal; ``words`` shared, ``source`` the cluster split from; ``note`` why
    groups were combined). ``core.card_reasons`` stores and renders it (with the board's own kinds).
    """

    kind: str
    cluster: str                               # display name of the cluster
    words: tuple[str, ...] = ()
    example: str = ""
    learned: int = 0
    alternative: str = ""
    source: str = ""
    language: str = "de"                       # language the card was read in (cue words named in it)
    note: Optional[Message] = None             # discovery: why groups were combined


@dataclass
class Assignment:
    """Where a card goes and why (German reason for the facilitator)."""

    cluster_key: str
    cluster_name: str
    reason: str                                # e.g. "Lärm – erkannt an: laut, Musik, nachts"
    score: float = 0.0                         # confidence 0..1
    is_new_cluster: bool = False               # proposed new cluster (discovery)
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    language: str = "de"                       # language the card was read in ("tr", "ar", …; see .language)
    matched: tuple[str, ...] = ()              # the card's own words the reason names ("gürültü")
    details: Optional[Reason] = None           # the reason as data
