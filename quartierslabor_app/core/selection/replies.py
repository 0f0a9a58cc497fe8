"""Replies of invitees: saving them and finding an invitee by the reply code on the letter."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select

from ..draw.reply_codes import looks_like_reply_code, normalise_reply_code, reply_code
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..storage.database import Database
from ..storage.models import Invitee


@dataclass(frozen=True)
class CodeMatch:
    invitee_id: int
    name: str          # "Vorname Familienname" (for the confirmation in the view)
    order: int
    is_replacement: bool


def invitee_for_code(database: Database, lab_id: int, text: str) -> CodeMatch:
    """The lab's invitee whose letter carries the code ``text``; German :class:`UserError` otherwise."""
    if not looks_like_reply_code(text):
        raise UserError(Message(QT_TRANSLATE_NOOP("Replies", "„{code}“ ist kein Antwortcode."), code=text.strip()),
                        hint=Message(QT_TRANSLATE_NOOP("Replies", "Ein Antwortcode hat sechs Zeichen, z. B. "
                                                                  "K7M-2QX (oben rechts im Brief).")))
    code = normalise_reply_code(text)
    with database.session() as s:
        found = [i for i in s.scalars(select(Invitee).where(Invitee.lab_id == lab_id, Invitee.person_key != ""))
                 if reply_code(i.person_key) == code]
        if not found:
            raise UserError(Message(QT_TRANSLATE_NOOP("Replies", "Zum Antwortcode „{code}“ gibt es in diesem Labor "
                                                                 "keine eingeladene Person."), code=text.strip()),
                            hint=Message(QT_TRANSLATE_NOOP("Replies", "Prüfen Sie die Zeichen oder suchen Sie nach "
                                                                      "dem Namen.")))
        inv: Optional[Invitee] = found[0] if len(found) == 1 else None
        if inv is None:
            raise UserError(Message(QT_TRANSLATE_NOOP("Replies", "Der Antwortcode „{code}“ passt zu mehreren "
                                                                 "Personen."), code=text.strip()),
                            hint=Message(QT_TRANSLATE_NOOP("Replies", "Suchen Sie die Person nach dem Namen.")))
        name = " ".join(p for p in (inv.given_names, inv.family_name) if p)
        return CodeMatch(inv.id, name, int(inv.draw_order or 0), bool(inv.is_replacement))
