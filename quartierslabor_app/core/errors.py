"""User-facing errors: a German message that says what, where and what to do."""
from __future__ import annotations

from typing import Optional


class UserError(Exception):
    """An error caused by input or environment that the user can fix.

    ``str(error)`` is a complete German message naming file, row and column where they
    apply, followed by a hint what to do. The CLI prints it and exits non-zero; the GUI
    shows it in a message box. Never shown with a traceback.
    """

    def __init__(self, message: str, *, file: Optional[str] = None, row: Optional[int] = None,
                 column: Optional[str] = None, hint: Optional[str] = None) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.hint = hint
        super().__init__(self.format())

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(f"Datei „{self.file}“")
        if self.row is not None:
            parts.append(f"Zeile {self.row}")
        if self.column:
            parts.append(f"Spalte „{self.column}“")
        return ", ".join(parts)

    def format(self) -> str:
        loc = self.location()
        text = f"{loc}: {self.message}" if loc else self.message
        if self.hint:
            text += f"\n{self.hint}"
        return text


class DatabaseError(UserError):
    """The database file cannot be opened, is corrupt or cannot be migrated."""
