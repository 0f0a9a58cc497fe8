"""Creating, listing, renaming and deleting labs (Qt-free service functions)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import UserError
from .messages import QT_TRANSLATE_NOOP, Message
from .storage.models import Lab
from .dates import parse_date  # noqa: F401  (re-exported: labs take dates)
from .text_values import clean_chars

#: Dortmund's twelve Stadtbezirke (default list; any other district name is allowed)
DORTMUND_DISTRICTS = (
    "Innenstadt-West", "Innenstadt-Nord", "Innenstadt-Ost", "Eving", "Scharnhorst", "Brackel",
    "Aplerbeck", "Hörde", "Hombruch", "Lütgendortmund", "Huckarde", "Mengede",
)

#: the steps of a lab's lifecycle as shown in the main window
LIFECYCLE_STEPS = ("Einladung", "Workshop", "Empfehlungen", "Export")


def lab_heading(name: str) -> str:
    """A lab's name as a heading: "Quartierslabor Nordstadt" for "Nordstadt", but a name that already says
    Quartierslabor (or Quartierslabore) is not prefixed a second time."""
    return name if "quartierslabor" in name.casefold() else f"Quartierslabor {name}"


def get_lab(session: Session, name_or_id: "str | int") -> Lab:
    lab: Optional[Lab]
    if isinstance(name_or_id, int):
        lab = session.get(Lab, name_or_id)
    else:
        lab = session.scalar(select(Lab).where(Lab.name == clean_chars(name_or_id)))
    if lab is None:
        raise UserError(f"Es gibt kein Quartierslabor „{name_or_id}“.",
                        hint="Mit „quartierslabor lab list“ sehen Sie die vorhandenen Labore.")
    return lab


def create_lab(session: Session, name: str, district: str, date: Optional[dt.date] = None,
               venue: str = "", capacity: int = 30) -> Lab:
    name = clean_chars(name or "").strip()
    district = clean_chars(district or "").strip()
    if not name:
        raise UserError(Message(QT_TRANSLATE_NOOP("Labs", "Der Name des Quartierslabors fehlt.")))
    if not district:
        raise UserError(Message(QT_TRANSLATE_NOOP("Labs", "Der Stadtbezirk des Quartierslabors fehlt.")))
    if capacity < 1:
        raise UserError(Message(QT_TRANSLATE_NOOP("Labs", "Die Zahl der Plätze muss mindestens 1 sein.")))
    if session.scalar(select(Lab.id).where(Lab.name == name)) is not None:
        raise UserError(Message(QT_TRANSLATE_NOOP("Labs", "Ein Quartierslabor mit dem Namen „{name}“ gibt es "
                                                          "schon."), name=name),
                        hint=Message(QT_TRANSLATE_NOOP("Labs", "Wählen Sie einen anderen Namen.")))
    lab = Lab(name=name, district=district, date=date, venue=venue, capacity=capacity)
    session.add(lab)
    session.flush()
    return lab


def rename_lab(session: Session, lab: Lab, new_name: str) -> Lab:
    new_name = clean_chars(new_name or "").strip()
    if not new_name:
        raise UserError(Message(QT_TRANSLATE_NOOP("Labs", "Der neue Name ist leer.")))
    clash = session.scalar(select(Lab.id).where(Lab.name == new_name, Lab.id != lab.id))
    if clash is not None:
        raise UserError(Message(QT_TRANSLATE_NOOP("Labs", "Ein Quartierslabor mit dem Namen „{name}“ gibt es "
                                                          "schon."), name=new_name))
    lab.name = new_name
    session.flush()
    return lab


def delete_lab(session: Session, lab: Lab) -> None:
    session.delete(lab)
    session.flush()


def find_lab(session: Session, lab_id: int) -> Optional[Lab]:
    """The lab with this id, or ``None`` (no error: the caller decides what a missing lab means)."""
    return session.get(Lab, lab_id)


def find_lab_by_name(session: Session, name: str) -> Optional[Lab]:
    return session.scalar(select(Lab).where(Lab.name == name))


def lab_districts(session: Session) -> set[str]:
    """The districts that have at least one lab."""
    return {d for (d,) in session.execute(select(Lab.district).distinct())}


def list_labs(session: Session, district: Optional[str] = None) -> list[Lab]:
    stmt = select(Lab).order_by(Lab.district, Lab.date, Lab.name)
    if district:
        stmt = stmt.where(Lab.district == district)
    return list(session.scalars(stmt))
