"""Data contract of the invitation draw: settings in, result out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

#: strata dimensions a draw can use
STRATUM_DIMENSIONS = ("district", "subdistrict", "age", "gender")
DIMENSION_LABELS = {"district": "Stadtbezirk", "subdistrict": "Statistischer Bezirk",
                    "age": "Altersgruppe", "gender": "Geschlecht"}


@dataclass
class DrawSettings:
    size: int                                          # invitations wanted (without Nachrücker)
    strata: tuple[str, ...] = ("district", "age", "gender")
    age_edges: tuple[int, ...] = (16, 25, 35, 50, 65)  # bands [16,25) [25,35) ... [65, ∞)
    min_age: int = 16
    max_age: Optional[int] = None
    #: factor per stratum label or per dimension value, e.g. {"age:16–24": 1.5}
    oversampling: dict[str, float] = field(default_factory=dict)
    household_rule: bool = True                        # at most one letter per household
    replacements: int = 0                              # Nachrücker drawn after the main list
    reference_date: Optional[dt.date] = None           # date ages are computed for (default: today)
    districts: tuple[str, ...] = ()                    # restrict to these Stadtbezirke (empty: all)


@dataclass
class DrawnPerson:
    order: int              # 1-based position in the invitation order (Nachrücker continue it)
    row_index: int          # index into RawTable.rows
    stratum: str            # stratum label, e.g. "Eving | 25–34 | w"
    is_replacement: bool = False


@dataclass
class StratumSummary:
    label: str
    population: int         # eligible people in the stratum (before household rule)
    eligible: int           # candidates after household rule and exclusions
    quota: int              # allocated invitations
    drawn: int              # invitations actually drawn
    replacements: int = 0


@dataclass
class DrawResult:
    seed_text: str
    seed_digest: str        # hex SHA-256 the generator state is derived from
    settings: DrawSettings
    invitees: list[DrawnPerson]           # main list then Nachrücker, in order
    strata: list[StratumSummary]
    rows_read: int
    rows_valid: int
    rows_eligible: int      # valid and meeting the age/district criteria
    rows_excluded: int = 0  # excluded as earlier invitees
    households: int = 0     # distinct households among the eligible
    notes: list[str] = field(default_factory=list)  # German remarks for the protocol
