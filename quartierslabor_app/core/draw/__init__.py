"""The invitation draw: stratified random sample from a register extract, its outputs and storage.

Storing a draw (``save_draw``, ``refresh_participation``: the storage layer, SQLAlchemy) is
imported on first use, so a draw that only writes files starts without the database code.
"""
from .allocation import ALLOCATION_RULE_TEXT, allocate, largest_remainder
from .engine import HOUSEHOLD_RULE_TEXT, NO_HOUSEHOLD_RULE_TEXT, SAMPLING_RULE_TEXT, run_draw
from .exclusion import excluded_keys_from_database, load_exclusion_keys
from .invitee_list import EXTRA_COLUMNS, invitee_list_headers, invitee_list_rows, write_invitee_list
from .letters import (PLACEHOLDERS, Addressee, LabInfo, LetterTemplate, draw_addressees, load_letter_template,
                      save_letter_template, write_letters_pdf)
from .model import DIMENSION_LABELS, STRATUM_DIMENSIONS, DrawnPerson, DrawResult, DrawSettings, StratumSummary
from .person_fields import PersonAddress, person_address
from .protocol import write_protocol_pdf
from .seed import HASH_RULE_TEXT, derive_generator, normalise_seed_text, seed_digest
from .strata import age_bands, normalise_dimensions, parse_age_edges

_STORE_NAMES = ("refresh_participation", "save_draw")


def __getattr__(name: str):
    if name in _STORE_NAMES:
        from . import store
        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ALLOCATION_RULE_TEXT", "DIMENSION_LABELS", "EXTRA_COLUMNS", "HASH_RULE_TEXT", "HOUSEHOLD_RULE_TEXT",
    "NO_HOUSEHOLD_RULE_TEXT", "PLACEHOLDERS", "SAMPLING_RULE_TEXT", "STRATUM_DIMENSIONS",
    "Addressee", "DrawResult", "DrawSettings", "DrawnPerson", "LabInfo", "LetterTemplate", "PersonAddress",
    "StratumSummary", "age_bands", "allocate", "derive_generator", "draw_addressees", "excluded_keys_from_database",
    "invitee_list_headers", "invitee_list_rows", "largest_remainder", "load_exclusion_keys",
    "load_letter_template", "normalise_dimensions", "normalise_seed_text", "parse_age_edges",
    "person_address", "refresh_participation", "run_draw", "save_draw", "save_letter_template", "seed_digest",
    "write_invitee_list", "write_letters_pdf", "write_protocol_pdf",
]
