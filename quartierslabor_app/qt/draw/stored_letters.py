"""Letters for invitees already stored in the lab (e.g. the next Nachrücker), without the register.

The register extract is not kept after the draw, but each stored invitee has name, address,
gender and district. This module presents those few stored fields to the core letter writer
as a tiny register (Qt-free); nothing else of the register is needed for a letter.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable, Optional

import numpy as np
from sqlalchemy import select

from ...core.draw.letters import LabInfo, LetterTemplate, write_letters_pdf
from ...core.draw.model import DrawnPerson, DrawResult, DrawSettings
from ...core.errors import UserError
from ...core.messages import QT_TRANSLATE_NOOP, Message
from ...core.progress import CancelToken, ProgressCallback
from ...core.register.model import DetectedFormat, Field, RawTable, ValidatedRegister
from ...core.storage.database import Database
from ...core.storage.models import Invitee

_HEADERS = ["Familienname", "Vornamen", "Anschrift", "PLZ", "Ort"]
_MAPPING = {Field.FAMILY_NAME: 0, Field.GIVEN_NAMES: 1, Field.ADDRESS: 2, Field.POSTCODE: 3, Field.CITY: 4}


def _as_register_and_result(invitees: list[Invitee]) -> tuple[ValidatedRegister, DrawResult]:
    rows = [[i.family_name, i.given_names, i.street, i.postcode, i.city] for i in invitees]
    n = len(rows)
    table = RawTable(file_name="(gespeicherte Eingeladene)", sha256="", format=DetectedFormat(kind="csv"),
                     headers=list(_HEADERS), rows=rows, row_numbers=list(range(2, n + 2)))
    obj = lambda values: np.asarray(values, dtype=object)  # noqa: E731
    register = ValidatedRegister(
        table=table, mapping=dict(_MAPPING), reference_date=dt.date.today(),
        valid_index=np.arange(n, dtype=np.int64), age=np.zeros(n, dtype=np.int16),
        gender=obj([i.gender or "x" for i in invitees]), district=obj([i.district for i in invitees]),
        subdistrict=obj([i.subdistrict for i in invitees]), household_key=obj([""] * n),
        person_key=obj([i.person_key for i in invitees]))
    people = [DrawnPerson(order=i.draw_order, row_index=k, stratum=i.stratum, is_replacement=i.is_replacement,
                          valid_pos=k, age_band=i.age_band) for k, i in enumerate(invitees)]
    result = DrawResult(seed_text="", seed_digest="", settings=DrawSettings(size=max(1, n)), invitees=people,
                        strata=[], rows_read=n, rows_valid=n, rows_eligible=n)
    return register, result


def write_letters_for_invitees(path: "str | os.PathLike[str]", database: Database, lab_id: int,
                               invitee_ids: Iterable[int], template: LetterTemplate, lab_info: LabInfo, *,
                               progress: Optional[ProgressCallback] = None,
                               cancel: Optional[CancelToken] = None) -> Path:
    """One letter per chosen stored invitee (in draw order), written atomically as PDF."""
    ids = set(invitee_ids)
    with database.session() as s:
        invitees = list(s.scalars(select(Invitee).where(Invitee.lab_id == lab_id, Invitee.id.in_(ids))
                                  .order_by(Invitee.is_replacement, Invitee.draw_order)))
        if not invitees:
            raise UserError(Message(QT_TRANSLATE_NOOP("StoredLetters", "Es sind keine Eingeladenen markiert.")),
                            hint=Message(QT_TRANSLATE_NOOP("StoredLetters", "Markieren Sie die Zeilen in der "
                                                                            "Tabelle.")))
        if any(not i.family_name and not i.street for i in invitees):
            raise UserError(Message(QT_TRANSLATE_NOOP("StoredLetters", "Für einige markierte Personen sind Name und "
                                                                       "Anschrift schon gelöscht "
                                                                       "(Aufbewahrungsfrist abgelaufen).")))
        register, result = _as_register_and_result(invitees)
    return write_letters_pdf(path, register, result, template, lab_info, include_replacements=True,
                             progress=progress, cancel=cancel)
