"""Synthetic demo data: a realistic register extract of Dortmund (no real personal data)."""
from .register_generator import (DEFAULT_COLUMNS, ROW_KEYS, generate_register, generate_register_columns,
                                 street_directory_entries, write_register_csv, write_register_xlsx,
                                 write_street_directory)

__all__ = ["DEFAULT_COLUMNS", "ROW_KEYS", "generate_register", "generate_register_columns",
           "street_directory_entries", "write_register_csv", "write_register_xlsx", "write_street_directory"]
