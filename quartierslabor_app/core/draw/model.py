"""Data contract of the invitation draw: settings in, result out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from ..messages import QT_TRANSLATE_NOOP

#: household definitions for the household rule
HOUSEHOLD_DEFINITIONS = {"address": "gleiche Anschrift",
                         "address_family_name": "gleiche Anschrift und gleicher Familienname"}

#: strata dimensions a draw can use
STRATUM_DIMENSIONS = ("district", "subdistrict", "age", "gender")
#: German dimension names (marked: ``Message(DIMENSION_LABELS[d])`` is translated in the GUI)
DIMENSION_LABELS = {"district": QT_TRANSLATE_NOOP("Strata", "Stadtbezirk"),
                    "subdistrict": QT_TRANSLATE_NOOP("Strata", "Statistischer Bezirk"),
                    "age": QT_TRANSLATE_NOOP("Strata", "Altersgruppe"),
                    "gender": QT_TRANSLATE_NOOP("Strata", "Geschlecht")}


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
    #: what makes a household: "address" (same normalised address, the register's household_key)
    #: or "address_family_name" (same address and same family name: flats in one building apart)
    household_by: str = "address"

    def to_dict(self) -> dict:
        """JSON-ready dict (for ``DrawRecord.settings_json`` and the protocol)."""
        return {
            "size": self.size, "strata": list(self.strata), "age_edges": list(self.age_edges),
            "min_age": self.min_age, "max_age": self.max_age, "oversampling": dict(self.oversampling),
            "household_rule": self.household_rule, "replacements": self.replacements,
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
            "districts": list(self.districts), "household_by": self.household_by,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "DrawSettings":
        ref = data.get("reference_date")
        return cls(size=int(data["size"]), strata=tuple(data.get("strata", ())),
                   age_edges=tuple(int(x) for x in data.get("age_edges", (16, 25, 35, 50, 65))),
                   min_age=int(data.get("min_age", 16)),
                   max_age=None if data.get("max_age") is None else int(data["max_age"]),
                   oversampling={str(k): float(v) for k, v in (data.get("oversampling") or {}).items()},
                   household_rule=bool(data.get("household_rule", True)),
                   replacements=int(data.get("replacements", 0)),
                   reference_date=dt.date.fromisoformat(ref) if ref else None,
                   districts=tuple(data.get("districts", ())),
                   household_by=str(data.get("household_by", "address")))


@dataclass
class DrawnPerson:
    order: int              # 1-based position in the invitation order (Nachrücker continue it)
    row_index: int          # index into RawTable.rows
    stratum: str            # stratum label, e.g. "Eving | 25–34 | w"
    is_replacement: bool = False
    valid_pos: int = -1     # index into the ValidatedRegister arrays (-1: unknown)
    age_band: str = ""      # age band label, e.g. "25–34"


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
    notes: list[str] = field(default_factory=list)  # German remarks for the protocol (MessageText: GUI localizes)
    candidates: int = 0     # people who could be drawn (after exclusions and household rule)
    age_band_labels: tuple[str, ...] = ()
    #: aggregates over the eligible population (no personal data):
    #: dimension ("age_band"/"gender"/"district"/"subdistrict") -> [(category, population, invited)]
    aggregates: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    created_at: Optional[dt.datetime] = None         # local time the draw ran
    duration_seconds: float = 0.0

    @property
    def main_list(self) -> list[DrawnPerson]:
        return [p for p in self.invitees if not p.is_replacement]

    @property
    def replacement_list(self) -> list[DrawnPerson]:
        return [p for p in self.invitees if p.is_replacement]
