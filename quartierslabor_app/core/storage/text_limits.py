"""Every text written through the ORM is checked once, the same way on SQLite and PostgreSQL.

SQLite ignores ``VARCHAR(n)`` and keeps NUL; PostgreSQL refuses both (``DataError``). Before each flush,
texts are cleaned (:func:`..text_values.clean_chars`) and a text longer than its column refuses the whole
unit of work with a German :class:`UserError` naming the field: the same message on both backends.
"""
from __future__ import annotations

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message, label
from ..text_values import clean_chars

#: (table, column) -> the field as the user knows it
FIELD_LABELS = {
    ("labs", "name"): QT_TRANSLATE_NOOP("TextLimits", "Der Name des Quartierslabors"),
    ("labs", "district"): QT_TRANSLATE_NOOP("TextLimits", "Der Stadtbezirk"),
    ("labs", "venue"): QT_TRANSLATE_NOOP("TextLimits", "Der Veranstaltungsort"),
    ("clusters", "name"): QT_TRANSLATE_NOOP("TextLimits", "Der Name der Gruppe"),
    ("cards", "place"): QT_TRANSLATE_NOOP("TextLimits", "Der Ort der Karte"),
    ("cards", "table_tag"): QT_TRANSLATE_NOOP("TextLimits", "Der Tisch der Karte"),
    ("recommendations", "title"): QT_TRANSLATE_NOOP("TextLimits", "Der Titel der Empfehlung"),
    ("recommendations", "actor"): QT_TRANSLATE_NOOP("TextLimits", "Die Zuständigkeit der Empfehlung"),
    ("recommendations", "place"): QT_TRANSLATE_NOOP("TextLimits", "Der Ort der Empfehlung"),
    ("recommendations", "handlungsfeld_codes"): QT_TRANSLATE_NOOP("TextLimits", "Die Liste der Handlungsfelder "
                                                                                "der Empfehlung"),
    ("clusters", "handlungsfeld_codes"): QT_TRANSLATE_NOOP("TextLimits", "Die Liste der Handlungsfelder der "
                                                                         "Gruppe"),
    ("invitees", "family_name"): QT_TRANSLATE_NOOP("TextLimits", "Der Familienname einer eingeladenen Person"),
    ("invitees", "given_names"): QT_TRANSLATE_NOOP("TextLimits", "Der Vorname einer eingeladenen Person"),
    ("invitees", "street"): QT_TRANSLATE_NOOP("TextLimits", "Die Anschrift einer eingeladenen Person"),
}


def _too_long(table: str, column: str, length: int, limit: int) -> UserError:
    known = FIELD_LABELS.get((table, column))
    what = label(known) if known else Message(QT_TRANSLATE_NOOP("TextLimits", "Das Feld „{field}“"),
                                              field=f"{table}.{column}")
    return UserError(Message(QT_TRANSLATE_NOOP("TextLimits", "{what} ist zu lang ({length} Zeichen, höchstens "
                                                             "{limit})."), what=what, length=length, limit=limit),
                     hint=Message(QT_TRANSLATE_NOOP("TextLimits", "Kürzen Sie den Text; es wurde nichts "
                                                                  "gespeichert.")))


def check_texts(obj: object) -> None:
    """Clean the texts of one mapped object and refuse one longer than its column."""
    mapper = inspect(obj).mapper
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        if not isinstance(column.type, String):
            continue
        value = getattr(obj, attr.key)
        if not isinstance(value, str):
            continue
        cleaned = clean_chars(value)
        if cleaned != value:
            setattr(obj, attr.key, cleaned)
        limit = column.type.length
        if limit is not None and len(cleaned) > limit:
            raise _too_long(column.table.name, column.name, len(cleaned), limit)


def _before_flush(session: Session, _context, _instances) -> None:
    for obj in list(session.new) + list(session.dirty):
        check_texts(obj)


def install(factory: sessionmaker) -> sessionmaker:
    """Check texts in every session ``factory`` makes."""
    event.listen(factory, "before_flush", _before_flush)
    return factory
