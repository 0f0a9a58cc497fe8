"""The invitee list: every register column exactly as read, plus draw order, stratum, Nachrücker flag and key.

CSV: UTF-8 with BOM, semicolon, every cell quoted only when needed (Excel opens it directly); a text that
could start a formula gets a leading ``'`` (:mod:`..csv_output`).
XLSX: every cell is a text cell, so nothing becomes a number, date or formula (a name like
``=SUMME(A1)`` or ``+49 231 …`` stays text). Saved byte-reproducibly with the draw's recorded time
(:mod:`..xlsx_fixed`): the same draw gives the same file, checked by hash like the CSV.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..csv_output import SafeCsvWriter
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..register.model import ValidatedRegister
from ..xlsx_fixed import save_workbook_fixed
from .atomic import atomic_path
from .model import DrawResult

EXTRA_COLUMNS = ("Ziehungsnummer", "Schicht", "Nachrücker", "Personenschlüssel")
SHEET_TITLE = "Eingeladene"


def invitee_list_headers(register: ValidatedRegister) -> list[str]:
    """Register headers plus the draw columns (renamed with a suffix if the register has them already)."""
    headers = list(register.table.headers)
    taken = set(headers)
    for name in EXTRA_COLUMNS:
        label = name
        while label in taken:
            label = f"{label} (Ziehung)"
        headers.append(label)
        taken.add(label)
    return headers


def invitee_list_rows(register: ValidatedRegister, result: DrawResult) -> list[list[str]]:
    """Rows of the list in draw order (main list, then Nachrücker)."""
    width = len(register.table.headers)
    out = []
    for person in result.invitees:
        row = list(register.table.rows[person.row_index][:width])
        row += [""] * (width - len(row))
        key = ""
        if person.valid_pos >= 0:
            key = str(register.person_key[person.valid_pos])
        out.append(row + [str(person.order), person.stratum, "ja" if person.is_replacement else "nein", key])
    return out


def write_invitee_list(path: "str | os.PathLike[str]", register: ValidatedRegister, result: DrawResult) -> Path:
    """Write the list as CSV or XLSX (chosen by the file suffix); atomically."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawOutputs", "Die Liste der Eingeladenen kann nur als .csv oder "
                                                                 ".xlsx gespeichert werden.")),
                        file=target.name, hint=Message(QT_TRANSLATE_NOOP("DrawOutputs", "Geben Sie einen Dateinamen "
                                                                         "mit der Endung .csv oder .xlsx an.")))
    headers = invitee_list_headers(register)
    rows = invitee_list_rows(register, result)
    with atomic_path(target) as tmp:
        if suffix == ".csv":
            _write_csv(tmp, headers, rows)
        else:
            _write_xlsx(tmp, headers, rows, result.created_at)
    return target


def _write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = SafeCsvWriter(fh, delimiter=";")
        writer.writerow(headers)
        writer.writerows(rows)


def _write_xlsx(path: Path, headers: list[str], rows: list[list[str]], when: "dt.datetime | None") -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    widths = [min(40, max(10, len(h) + 2)) for h in headers]
    for row in rows[:200]:
        for i, text in enumerate(row):
            widths[i] = min(40, max(widths[i], len(text) + 2))
    from openpyxl.utils import get_column_letter
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    bold = Font(bold=True)

    def text_cell(value: str, header: bool = False) -> WriteOnlyCell:
        clean = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell = WriteOnlyCell(ws)
        cell.value = clean            # may be typed as formula ("=…") by openpyxl …
        cell.data_type = "s"          # … so force a plain text cell
        if header:
            cell.font = bold
        return cell

    ws.append([text_cell(h, header=True) for h in headers])
    for row in rows:
        ws.append([text_cell(v) for v in row])
    save_workbook_fixed(wb, path, when)
