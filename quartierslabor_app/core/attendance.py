"""Who came to the workshop: invitees marked present, plus a count of walk-ins without an invitation.

Attendance is *recorded* once the facilitator marked anyone present or entered the walk-ins
(0 included); who came is counted in the participation figures (``ParticipationAggregate``,
kept after the invitees' personal data is deleted); before that every report says "nicht erfasst" instead of showing 0. The total
number of participants is the invitees present plus the walk-ins; the lab report, its tables and
the Excel workbook all take it from :func:`load_attendance`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .errors import UserError
from .messages import QT_TRANSLATE_NOOP, Message
from .storage.models import Invitee, Lab, ParticipationAggregate

#: more walk-ins than this is a typing error, not a workshop
MAX_WALK_INS = 10_000


@dataclass(frozen=True)
class Attendance:
    invitees_present: int
    walk_ins: Optional[int]            # None: not entered

    @property
    def recorded(self) -> bool:
        return self.walk_ins is not None or self.invitees_present > 0

    @property
    def total(self) -> Optional[int]:
        """Everybody who came; None while attendance is not recorded."""
        return self.invitees_present + (self.walk_ins or 0) if self.recorded else None

    def participants(self, entered: Optional[int]) -> Optional[int]:
        """The figure the reports show: :attr:`total` once recorded, else the number entered by hand."""
        return self.total if self.recorded else entered


#: the participation dimension every invitee is counted in exactly once
_REFERENCE_DIMENSIONS = ("gender", "age_band")


def load_attendance(session: Session, lab_id: int) -> Attendance:
    """From the participation figures (kept when the invitees' personal data is deleted)."""
    present = 0
    for dimension in _REFERENCE_DIMENSIONS:
        total = session.scalar(select(func.sum(ParticipationAggregate.participants)).where(
            ParticipationAggregate.lab_id == lab_id, ParticipationAggregate.dimension == dimension))
        if total is not None:
            present = int(total)
            break
    walk_ins = session.scalar(select(Lab.walk_ins).where(Lab.id == lab_id))
    return Attendance(int(present), None if walk_ins is None else int(walk_ins))


def lab_participants(session: Session, lab: Lab) -> Optional[int]:
    """How many took part, the one figure every report shows (the lab report and the comparison):
    invitees marked present plus walk-ins once attendance is recorded, else the number entered by
    hand; None when neither is known (the reports say "nicht erfasst")."""
    return load_attendance(session, lab.id).participants(lab.participants_count)


#: replies an invitee can give (stored values)
REPLIES = ("offen", "zugesagt", "abgesagt", "unzustellbar")


@dataclass(frozen=True)
class Mark:
    """One mark in the invitation list: ``field`` "reply" (a stored reply) or "attended" (bool)."""
    field: str
    invitee_ids: tuple[int, ...]
    value: object


def apply_marks(session: Session, lab_id: int, marks: Iterable[Mark]) -> None:
    """Store marks in the order given, then recount the participation figures once."""
    from .draw.store import refresh_participation   # the draw package imports the storage layer only

    changed = False
    for mark in marks:
        if not mark.invitee_ids:
            continue
        if mark.field == "reply":
            if mark.value not in REPLIES:
                raise ValueError(mark.value)
            values = {"reply": mark.value}
        elif mark.field == "attended":
            values = {"attended": bool(mark.value)}
        else:
            raise ValueError(mark.field)
        session.execute(update(Invitee).where(Invitee.lab_id == lab_id, Invitee.id.in_(mark.invitee_ids))
                        .values(**values))
        changed = True
    lab = session.get(Lab, lab_id) if changed else None
    if lab is not None:
        refresh_participation(session, lab)


def set_attended(session: Session, lab_id: int, invitee_ids: Iterable[int], attended: bool) -> None:
    """Mark invitees of the lab present (or not); the participation figures follow."""
    apply_marks(session, lab_id, [Mark("attended", tuple(invitee_ids), bool(attended))])


def set_walk_ins(session: Session, lab_id: int, walk_ins: Optional[int]) -> None:
    """How many came without an invitation (None: not recorded)."""
    if walk_ins is not None and not 0 <= int(walk_ins) <= MAX_WALK_INS:
        raise UserError(Message(QT_TRANSLATE_NOOP("Attendance", "{n} Personen ohne Einladung sind nicht "
                                                                "plausibel."), n=walk_ins),
                        hint=Message(QT_TRANSLATE_NOOP("Attendance", "Bitte eine Zahl zwischen 0 und {max} "
                                                                     "eintragen."), max=MAX_WALK_INS))
    lab = session.get(Lab, lab_id)
    if lab is not None:
        lab.walk_ins = None if walk_ins is None else int(walk_ins)
