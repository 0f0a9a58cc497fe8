"""Every CSV the app writes goes through :class:`SafeCsvWriter`: no cell can become a spreadsheet formula.

Excel (and LibreOffice) run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
tab or a line break at the start can hide such a cell (OWASP "CSV injection"). Such a text cell
is written with a leading single quote (``'=HYPERLINK(…)``), which spreadsheets show as text.

The original stays recoverable: a cell is guarded exactly when :func:`needs_guard` says so, and
:func:`unguard_cell` removes the quote again (a text that itself starts with a quote followed by a
guarded text gets one more quote, so the rule is exactly reversible). The app's own CSV readers
(cards, cluster input, exclusion lists) call :func:`unguard_cell`, so files the app wrote read back
unchanged. Plain numbers such as ``-1.5`` stay as they are (a spreadsheet shows a number).
"""
from __future__ import annotations

import csv
import re
from typing import Any, Iterable, TextIO

#: first characters that make a spreadsheet cell active (OWASP: = + - @ tab CR; LF too, since readers
#: that normalise line ends turn a CR into LF)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
GUARD = "'"
_PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?\Z")
#: a quote right after a line start or a delimiter/quote: a guarded cell may be in the text
GUARDED_CELL_HINT = re.compile(r"(?:^|[;,\t\"\x1f])'[=+\-@\t\r\n']", re.MULTILINE)


def needs_guard(text: str) -> bool:
    """True if ``text`` written as is could start a formula (or would be mistaken for a guarded cell)."""
    while text[:1] == GUARD:
        text = text[1:]
    return text[:1] in FORMULA_STARTS and not _PLAIN_NUMBER.match(text)


def guard_cell(value: Any) -> Any:
    """The cell as written: texts that could start a formula get a leading ``'``; other values unchanged."""
    if isinstance(value, str) and needs_guard(value):
        return GUARD + value
    return value


def unguard_cell(text: str) -> str:
    """Undo :func:`guard_cell` (texts read from a CSV this app wrote)."""
    if text[:1] == GUARD and needs_guard(text[1:]):
        return text[1:]
    return text


def unguard_rows(rows: list[list[str]]) -> list[list[str]]:
    """:func:`unguard_cell` on every cell of rows read from a CSV (in place; returns ``rows``)."""
    for row in rows:
        if any(cell[:1] == GUARD for cell in row):
            row[:] = [unguard_cell(cell) for cell in row]
    return rows


_GUARD_START = re.compile(r"'[=+\-@\t\r\n']")
_GUARD_START_BYTES = re.compile(_GUARD_START.pattern.encode("ascii"))


def text_may_hold_guarded_cells(text: "str | bytes") -> bool:
    """Cheap test on a whole CSV text: can any cell be guarded (then use :func:`unguard_rows`).

    Same answer as ``GUARDED_CELL_HINT.search(text)``, but scanning for the literal quote first
    (a regular expression that starts with a choice tries every position of a 50 MB text).
    ``text`` may also be the bytes of a UTF-8 or Windows-1252 file: the pattern is plain ASCII.
    """
    quote, pattern, before = (("'", _GUARD_START, "\n\r;,\t\"\x1f") if isinstance(text, str) else
                              (b"'", _GUARD_START_BYTES, b"\n\r;,\t\"\x1f"))
    if quote not in text:
        return False
    for match in pattern.finditer(text):
        start = match.start()
        if start == 0 or text[start - 1:start] in before:  # \r: line ends not yet normalised
            return True
    return False


class SafeCsvWriter:
    """``csv.writer`` whose rows are passed through :func:`guard_cell`."""

    def __init__(self, fh: TextIO, *, delimiter: str = ";", lineterminator: str = "\r\n") -> None:
        self._writer = csv.writer(fh, delimiter=delimiter, quotechar='"', quoting=csv.QUOTE_MINIMAL,
                                  lineterminator=lineterminator)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([guard_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
