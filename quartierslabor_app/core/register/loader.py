"""Read + recognise columns + validate in one call (CLI and tests)."""
from __future__ import annotations

import datetime as dt
import os
from typing import Optional, Union

from ..errors import UserError
from ..progress import CancelToken, ProgressCallback, scaled
from .headers import guess_mapping, required_fields_missing
from .model import ColumnMapping, ValidatedRegister
from .reader import read_register
from .street_directory import StreetDirectory
from .validate import validate_register


def load_register(path: Union[str, os.PathLike], *, sheet: Optional[str] = None,
                  mapping: Optional[ColumnMapping] = None,
                  street_directory: Optional[StreetDirectory] = None,
                  reference_date: Optional[dt.date] = None,
                  require_district: bool = True, require_gender: bool = True,
                  progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None) -> ValidatedRegister:
    """Read the extract, recognise (or take) the column mapping, validate.

    Raises :class:`UserError` naming the missing required columns. The district column is
    required unless a street directory is given (or ``require_district=False``).
    """
    table = read_register(path, sheet=sheet, progress=scaled(progress, 0.0, 0.5), cancel=cancel)
    if mapping is None:
        mapping = guess_mapping(table.headers)
    else:
        for fld, idx in mapping.items():
            if not 0 <= idx < len(table.headers):
                raise UserError(f"Die Zuordnung für „{fld.value}“ verweist auf Spalte {idx + 1}, "
                                f"die Datei hat aber nur {len(table.headers)} Spalten.", file=table.file_name)
    missing = required_fields_missing(mapping, need_district=require_district and street_directory is None,
                                      need_gender=require_gender)
    if missing:
        found = ", ".join(f"„{h}“" for h in table.headers)
        names = ", ".join("„" + m + "“" for m in missing)
        what = f"Es fehlen die Pflichtspalten {names}." if len(missing) > 1 else f"Es fehlt die Pflichtspalte {names}."
        raise UserError(f"{what} "
                        f"Gefundene Spalten in Zeile {table.format.header_row}: {found}.",
                        file=table.file_name, row=table.format.header_row,
                        hint="Bitte die Spaltenüberschriften anpassen, die Zuordnung in der Oberfläche korrigieren"
                             + ("" if street_directory or not require_district else
                                " oder ein Straßenverzeichnis laden (für den Stadtbezirk)") + ".")
    return validate_register(table, mapping, reference_date=reference_date, street_directory=street_directory,
                             progress=scaled(progress, 0.5, 1.0), cancel=cancel)
