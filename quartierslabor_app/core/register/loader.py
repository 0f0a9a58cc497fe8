"""Read + recognise columns + validate in one call (CLI and tests)."""
from __future__ import annotations

import datetime as dt
import os
from typing import Mapping, Optional, Union

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, scaled
from .headers import ambiguous_columns, ambiguous_columns_message, guess_mapping, required_fields_missing_messages
from .model import FIELD_LABELS, ColumnMapping, Field, ValidatedRegister
from .reader import read_register
from .street_directory import StreetDirectory
from .validate import validate_register


def load_register(path: Union[str, os.PathLike], *, sheet: Optional[str] = None,
                  mapping: Optional[ColumnMapping] = None,
                  street_directory: Optional[StreetDirectory] = None,
                  reference_date: Optional[dt.date] = None,
                  require_district: bool = True, require_gender: bool = True,
                  columns: Optional[Mapping[Field, int]] = None,
                  progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None) -> ValidatedRegister:
    """Read the extract, recognise (or take) the column mapping, validate.

    ``columns`` overrides single fields of the recognised mapping (field -> column index),
    the way to choose between two columns with the same header. Raises :class:`UserError`
    naming the missing required columns, and naming a recognised field whose header occurs
    in several columns unless ``columns`` chooses one. The district column is required
    unless a street directory is given (or ``require_district=False``).
    """
    table = read_register(path, sheet=sheet, progress=scaled(progress, 0.0, 0.5), cancel=cancel)
    chosen = dict(columns or {})
    automatic = mapping is None
    if automatic:
        mapping = guess_mapping(table.headers)
        for idx in chosen.values():  # a chosen column serves only the field it was chosen for
            mapping = {f: i for f, i in mapping.items() if i != idx}
        mapping.update(chosen)
    for fld, idx in mapping.items():
        if not 0 <= idx < len(table.headers):
            raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Zuordnung für „{field}“ verweist "
                                                                      "auf Spalte {column}, die Datei hat aber "
                                                                      "nur {columns} Spalten."),
                                    field=fld.value, column=idx + 1, columns=len(table.headers)),
                            file=table.file_name)
    ambiguous = [item for item in ambiguous_columns(table.headers, mapping) if item[0] not in chosen]
    if automatic and ambiguous:
        fld, cols = ambiguous[0]
        raise UserError(ambiguous_columns_message(table.headers, mapping, ambiguous), file=table.file_name,
                        row=table.format.header_row,
                        hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte angeben, welche Spalte gilt "
                                                                       "(Kommandozeile: --column {field}={first} "
                                                                       "oder --column {field}={second}), oder eine "
                                                                       "der Überschriften umbenennen."),
                                     field=FIELD_LABELS[fld], first=cols[0] + 1, second=cols[1] + 1))
    missing = required_fields_missing_messages(mapping, need_district=require_district and street_directory is None,
                                               need_gender=require_gender)
    if missing:
        found = Message.join(", ", [Message(QT_TRANSLATE_NOOP("RegisterFile", "„{name}“"), name=h)
                                    for h in table.headers])
        names = Message.join(", ", [Message(QT_TRANSLATE_NOOP("RegisterFile", "„{name}“"), name=m)
                                    for m in missing])
        if len(missing) > 1:
            what = Message(QT_TRANSLATE_NOOP("RegisterFile", "Es fehlen die Pflichtspalten {names}."), names=names)
        else:
            what = Message(QT_TRANSLATE_NOOP("RegisterFile", "Es fehlt die Pflichtspalte {names}."), names=names)
        if street_directory or not require_district:
            hint = Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die Spaltenüberschriften anpassen, die Zuordnung "
                                                             "in der Oberfläche korrigieren."))
        else:
            hint = Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die Spaltenüberschriften anpassen, die Zuordnung "
                                                             "in der Oberfläche korrigieren oder ein "
                                                             "Straßenverzeichnis laden (für den Stadtbezirk)."))
        raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "{missing} Gefundene Spalten in Zeile {row}: "
                                                                  "{found}."),
                                missing=what, row=table.format.header_row, found=found),
                        file=table.file_name, row=table.format.header_row, hint=hint)
    return validate_register(table, mapping, reference_date=reference_date, street_directory=street_directory,
                             progress=scaled(progress, 0.5, 1.0), cancel=cancel)
