"""Import of the register extract (Melderegister): read, recognise columns, validate.

The extract is held in memory only and never written to disk or the database.
"""
from .headers import guess_mapping, header_key, required_fields_missing
from .loader import load_register
from .model import (FIELD_LABELS, GENDER_CODES, GENDER_LABELS, ColumnMapping, DetectedFormat, Field, RawTable,
                    ValidatedRegister, ValidationIssue)
from .normalize import household_key, normalise_gender, person_key
from .reader import MAX_FILE_BYTES, MAX_ROWS, list_sheets, read_register
from .street_directory import StreetDirectory
from .validate import validate_register

__all__ = [
    "FIELD_LABELS", "GENDER_CODES", "GENDER_LABELS", "MAX_FILE_BYTES", "MAX_ROWS", "ColumnMapping",
    "DetectedFormat", "Field", "RawTable", "StreetDirectory", "ValidatedRegister", "ValidationIssue",
    "guess_mapping", "header_key", "household_key", "list_sheets", "load_register", "normalise_gender",
    "person_key", "read_register", "required_fields_missing", "validate_register",
]
