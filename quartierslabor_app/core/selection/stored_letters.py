"""Letters for invitees already stored in the lab (e.g. the next Nachrücker), without the register.

The register extract is not kept after the draw, but each stored invitee has name, address,
gender, district and person key: exactly what an :class:`Addressee` needs.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from sqlalchemy import select

from ..draw.letters import Addressee, LabInfo, LetterTemplate, write_letters_pdf
from ..draw.person_fields import PersonAddress
from ..draw.privacy_notice import PrivacyNotice
from ..draw.reply_codes import reply_code
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback
from ..storage.database import Database
from ..storage.models import Invitee


def invitee_addressee(invitee: Invitee) -> Addressee:
    return Addressee(address=PersonAddress(family_name=invitee.family_name or "",
                                           given_names=invitee.given_names or "", street_line=invitee.street or "",
                                           postcode=invitee.postcode or "", city=invitee.city or ""),
                     gender=invitee.gender or "x", district=invitee.district or "",
                     reply_code=reply_code(invitee.person_key or ""))


def write_letters_for_invitees(path: "str | os.PathLike[str]", database: Database, lab_id: int,
                               invitee_ids: Iterable[int], template: LetterTemplate, lab_info: LabInfo, *,
                               privacy: Optional[PrivacyNotice] = None,
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
        addressees = [invitee_addressee(i) for i in invitees]
    return write_letters_pdf(path, addressees, template, lab_info, privacy=privacy, progress=progress,
                             cancel=cancel)


def load_letter_materials(database: Database) -> tuple[LetterTemplate, PrivacyNotice]:
    """The city's letter template and privacy notice (with this database's retention period)."""
    from ..draw.letters import load_letter_template
    from ..draw.privacy_notice import load_privacy_notice
    with database.session() as s:
        return load_letter_template(s), load_privacy_notice(s)
