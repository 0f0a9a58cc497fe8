"""The invitation draw: stratified random sample from a register extract, its outputs and storage."""
from .allocation import ALLOCATION_RULE_TEXT, allocate, largest_remainder
from .engine import HOUSEHOLD_RULE_TEXT, run_draw
from .model import DIMENSION_LABELS, STRATUM_DIMENSIONS, DrawnPerson, DrawResult, DrawSettings, StratumSummary
from .seed import HASH_RULE_TEXT, derive_generator, seed_digest
from .strata import age_bands

__all__ = [
    "ALLOCATION_RULE_TEXT", "DIMENSION_LABELS", "DrawResult", "DrawSettings", "DrawnPerson",
    "HASH_RULE_TEXT", "HOUSEHOLD_RULE_TEXT", "STRATUM_DIMENSIONS", "StratumSummary", "age_bands",
    "allocate", "derive_generator", "largest_remainder", "run_draw", "seed_digest",
]
