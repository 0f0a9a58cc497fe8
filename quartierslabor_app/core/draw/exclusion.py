"""Person keys of earlier invitees, to exclude them from a new draw.

Two sources:

* a file: an invitee list this app exported (it carries the column „Personenschlüssel“), or
  any list (CSV/XLSX, any encoding the register import understands) with columns for
  family name, given names, birth date (or none) and address. Keys are then computed with
  the register import's documented person-key rule (``register.normalize.person_key``),
  so the same person gives the same key in both;
* the app's own history: ``Invitee.person_key`` of earlier labs.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message, label
from ..register.headers import guess_mapping, header_key
from ..register.model import Field
from ..register.normalize import (DateProblem, household_key, parse_birth_date, parse_partial_birth_date,
                                  person_key, split_address)
from ..register.reader import read_register

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

KEY_COLUMN = "Personenschlüssel"
#: names of the columns a list without person keys needs (shown when they are missing)
_COLUMN_NAMES = {Field.FAMILY_NAME: QT_TRANSLATE_NOOP("ExclusionList", "Familienname"),
                 Field.GIVEN_NAMES: QT_TRANSLATE_NOOP("ExclusionList", "Vorname"),
                 Field.ADDRESS: QT_TRANSLATE_NOOP("ExclusionList", "Straße/Anschrift")}
_HEX = set("0123456789abcdef")


def load_exclusion_keys(path: "str | os.PathLike[str]", *, sheet: Optional[str] = None) -> frozenset[str]:
    """Person keys from an earlier invitee list (see module doc). Raises :class:`UserError`."""
    table = read_register(Path(path), sheet=sheet)
    keys: set[str] = set()
    key_col = next((i for i, h in enumerate(table.headers) if header_key(h) == header_key(KEY_COLUMN)), None)
    if key_col is not None:
        for row, row_no in zip(table.rows, table.row_numbers.tolist()):
            text = (row[key_col] if key_col < len(row) else "").strip().lower()
            if not text:
                continue
            if len(text) not in (32, 64) or not set(text) <= _HEX:
                raise UserError(Message(QT_TRANSLATE_NOOP("ExclusionList", "„{text}“ ist kein Personenschlüssel "
                                                                           "dieser Anwendung."), text=text[:40]),
                                file=table.file_name, row=row_no, column=table.headers[key_col],
                                hint=Message(QT_TRANSLATE_NOOP("ExclusionList", "Verwenden Sie die unveränderte Liste "
                                                                                "der Eingeladenen.")))
            keys.add(text)
        return frozenset(keys)

    mapping = guess_mapping(table.headers)
    has_address = Field.ADDRESS in mapping or Field.STREET in mapping
    missing = [_COLUMN_NAMES[fld] for fld in (Field.FAMILY_NAME, Field.GIVEN_NAMES) if fld not in mapping]
    if not has_address:
        missing.append(_COLUMN_NAMES[Field.ADDRESS])
    if missing:
        names = Message.join(", ", [Message(QT_TRANSLATE_NOOP("ExclusionList", "„{name}“"), name=label(m))
                                    for m in missing])
        raise UserError(Message(QT_TRANSLATE_NOOP("ExclusionList", "Die Liste früherer Eingeladener hat weder die "
                                                                   "Spalte „{key_column}“ noch die Spalten {names}."),
                                key_column=KEY_COLUMN, names=names),
                        file=table.file_name, row=table.format.header_row,
                        hint=Message(QT_TRANSLATE_NOOP("ExclusionList", "Nötig sind Familienname, Vorname, Anschrift "
                                                                        "(Straße und Hausnummer, PLZ) und möglichst "
                                                                        "das Geburtsdatum.")))

    def cell(row: list[str], fld: Field) -> str:
        idx = mapping.get(fld)
        return row[idx] if idx is not None and idx < len(row) else ""

    today = dt.date.today()
    for row, row_no in zip(table.rows, table.row_numbers.tolist()):
        family, given = cell(row, Field.FAMILY_NAME).strip(), cell(row, Field.GIVEN_NAMES).strip()
        if not family and not given:
            continue
        birth_text = cell(row, Field.BIRTH_DATE).strip()
        birth: "Optional[dt.date] | str" = None
        partial = parse_partial_birth_date(birth_text) if birth_text else None
        if partial is not None:
            birth = partial[1]  # same key text as the register validation uses
        elif birth_text:
            try:
                birth = parse_birth_date(birth_text, today, allow_serial=table.format.kind == "xlsx")
            except DateProblem as exc:
                col = mapping[Field.BIRTH_DATE]
                raise UserError(Message("{problem}.", problem=exc.message_obj), file=table.file_name, row=row_no,
                                column=table.headers[col],
                                hint=Message(QT_TRANSLATE_NOOP("ExclusionList", "Korrigieren Sie das Datum in der "
                                                                                "Liste früherer Eingeladener."))) from None
        if Field.STREET in mapping:
            street, number = cell(row, Field.STREET), cell(row, Field.HOUSE_NUMBER)
            suffix = cell(row, Field.HOUSE_NUMBER_SUFFIX).strip()
            if suffix:
                number = f"{number.strip()} {suffix}"
            if Field.HOUSE_NUMBER not in mapping:
                street, number, _ = split_address(street)
            plz = cell(row, Field.POSTCODE)
        else:
            street, number, plz_in_address = split_address(cell(row, Field.ADDRESS))
            plz = cell(row, Field.POSTCODE) if Field.POSTCODE in mapping else plz_in_address
        keys.add(person_key(family, given, birth, household_key(street, number, plz)))
    return frozenset(keys)


def excluded_keys_from_database(session: "Session", exclude_lab_id: Optional[int] = None, *,
                                include_unused_replacements: bool = False) -> frozenset[str]:
    """Person keys of everyone invited by this app before (optionally not counting one lab).

    Nachrücker who were never contacted (reply still „offen“) are not counted unless asked.
    """
    from sqlalchemy import select   # the storage layer only when the database is asked

    from ..storage.models import Invitee
    stmt = select(Invitee.person_key, Invitee.is_replacement, Invitee.reply).where(Invitee.person_key != "")
    if exclude_lab_id is not None:
        stmt = stmt.where(Invitee.lab_id != exclude_lab_id)
    keys = set()
    for key, is_rep, reply in session.execute(stmt):
        if is_rep and (reply or "offen") == "offen" and not include_unused_replacements:
            continue
        keys.add(key)
    return frozenset(keys)
