"""Replies of invitees: saving them and finding an invitee by the reply code on the letter."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select

from ..draw.reply_codes import looks_like_reply_code, normalise_reply_code, reply_code
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..storage.database import Database
from ..storage.models import DrawRecord, Invitee


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


#: fields of one invitee row of the invitation view, in this order
INVITEE_FIELDS = ("id", "draw_id", "order", "family_name", "given_names", "street", "postcode", "city", "stratum",
                  "is_replacement", "reply", "selected", "attended")


def invitee_rows(database: Database, lab_id: int) -> list[tuple]:
    """The lab's invitees (main list, then Nachrücker, in draw order) as plain tuples of :data:`INVITEE_FIELDS`."""
    with database.session() as s:
        rows = s.scalars(select(Invitee).where(Invitee.lab_id == lab_id)
                         .order_by(Invitee.is_replacement, Invitee.draw_order, Invitee.id))
        return [(i.id, i.draw_id, i.draw_order, i.family_name, i.given_names, i.street, i.postcode, i.city,
                 i.stratum, bool(i.is_replacement), i.reply or "offen", bool(i.selected), bool(i.attended))
                for i in rows]


def draw_rows(database: Database, lab_id: int) -> list[tuple]:
    """One row per stored draw of the lab: id, time, user, register file, hash (short), seed, invited, Nachrücker."""
    with database.session() as s:
        out = []
        for rec in s.scalars(select(DrawRecord).where(DrawRecord.lab_id == lab_id).order_by(DrawRecord.id)):
            invited = sum(1 for i in rec.invitees if not i.is_replacement)
            reps = sum(1 for i in rec.invitees if i.is_replacement)
            out.append((rec.id, rec.created_at.strftime("%d.%m.%Y %H:%M") if rec.created_at else "", rec.user,
                        rec.register_file_name, rec.register_sha256[:12] + "…", rec.seed_text, invited, reps))
        return out
