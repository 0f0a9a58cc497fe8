"""User-facing errors: a German message that says what, where and what to do."""
from __future__ import annotations

from typing import Optional, Union

from .messages import QT_TRANSLATE_NOOP, Message, as_message


class UserError(Exception):
    """An error caused by input or environment that the user can fix.

    ``str(error)`` is a complete German message naming file, row and column where they
    apply, followed by a hint what to do. The CLI prints it and exits non-zero; the GUI
    shows it in a message box (in the UI language: ``message`` and ``hint`` may be given as
    :class:`~.messages.Message`, kept in ``message_obj`` / ``hint_obj``; ``as_message()``
    is the whole text as one). Never shown with a traceback.
    """

    def __init__(self, message: Union[str, Message], *, file: Optional[str] = None, row: Optional[int] = None,
                 column: Optional[str] = None, hint: Union[str, Message, None] = None) -> None:
        self.message_obj: Message = as_message(message)
        self.hint_obj: Optional[Message] = as_message(hint)
        self.message = str(self.message_obj)
        self.file = file
        self.row = row
        self.column = column
        self.hint = None if self.hint_obj is None else str(self.hint_obj)
        super().__init__(self.format())

    def location_message(self) -> Optional[Message]:
        parts = []
        if self.file:
            parts.append(Message(QT_TRANSLATE_NOOP("UserError", "Datei „{file}“"), file=self.file))
        if self.row is not None:
            parts.append(Message(QT_TRANSLATE_NOOP("UserError", "Zeile {row}"), row=self.row))
        if self.column:
            parts.append(Message(QT_TRANSLATE_NOOP("UserError", "Spalte „{column}“"), column=self.column))
        return Message.join(", ", parts) if parts else None

    def location(self) -> str:
        loc = self.location_message()
        return "" if loc is None else str(loc)

    def as_message(self) -> Message:
        """Location, message and hint as one :class:`Message` (``str()`` of it is :meth:`format`)."""
        loc = self.location_message()
        text = self.message_obj if loc is None else Message("{location}: {message}", location=loc,
                                                              message=self.message_obj)
        if self.hint:
            text = Message("{text}\n{hint}", text=text, hint=self.hint_obj)
        return text

    def format(self) -> str:
        return str(self.as_message())


class DatabaseError(UserError):
    """The database file cannot be opened, is corrupt or cannot be migrated."""


class StorageFullError(DatabaseError):
    """The disk (or the database server's disk) is full: what was being saved was not saved."""


#: SQLSTATE of PostgreSQL's "disk full"
_PG_DISK_FULL = "53100"
_FULL_TEXTS = ("database or disk is full", "no space left on device", "could not extend file", "disk full")


def is_storage_full(exc: Optional[BaseException]) -> bool:
    """True if ``exc`` (or an exception it wraps) says the disk is full (SQLite, PostgreSQL, file writes)."""
    import errno

    full_errnos = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in full_errnos:
            return True
        if getattr(exc, "sqlstate", None) == _PG_DISK_FULL or getattr(exc, "pgcode", None) == _PG_DISK_FULL:
            return True
        text = str(exc).lower()
        if any(t in text for t in _FULL_TEXTS):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


def storage_full_error(not_saved: Union[str, Message, None] = None) -> StorageFullError:
    """The German refusal for a full disk; ``not_saved`` says what was not saved (default: the change)."""
    what = as_message(not_saved) or Message(QT_TRANSLATE_NOOP("StorageFull", "Die Änderung wurde nicht "
                                                                             "gespeichert."))
    return StorageFullError(Message(QT_TRANSLATE_NOOP("StorageFull", "Der Speicherplatz ist voll. {not_saved}"),
                                    not_saved=what),
                            hint=Message(QT_TRANSLATE_NOOP("StorageFull", "Schaffen Sie Platz auf dem Datenträger "
                                                                          "(oder bitten Sie die IT darum) und "
                                                                          "versuchen Sie es erneut. Was vorher "
                                                                          "gespeichert war, bleibt erhalten.")))
