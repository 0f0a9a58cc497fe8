"""Writing report sheets with openpyxl: real Excel tables, frozen header, widths, dates,
and protection against spreadsheet formula injection (user text always stays text)."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

#: text that Excel/LibreOffice would read as a formula or DDE command when typed in
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL_TEXT = 32767
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
PERCENT_FORMAT = "0.0%"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")


@dataclass
class Column:
    header: str
    width: float = 14                      # Excel character units
    kind: str = "text"                     # text / int / count / percent / date / datetime / wrap
    max_width: float = 80


def set_cell(ws: Worksheet, row: int, col: int, value: Any, kind: str = "text"):
    """Write one value; strings are always stored as text, never as formulas."""
    cell = ws.cell(row=row, column=col)
    if value is None:
        return cell
    if isinstance(value, str):
        text = _ILLEGAL.sub("", value)
        if len(text) > MAX_CELL_TEXT:
            text = text[: MAX_CELL_TEXT - 1] + "…"
        cell.value = text
        cell.data_type = "s"               # never "f" (formula), whatever the text starts with
        if text.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True        # Excel shows it as typed text ('=...) when edited
        if kind == "wrap":
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell
    if isinstance(value, bool):
        cell.value = value
        return cell
    cell.value = value
    if isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif kind == "percent":
        cell.number_format = PERCENT_FORMAT
    elif kind == "int":
        cell.number_format = "0"
    elif kind == "count":
        cell.number_format = "#,##0"           # 21.000 in a German Excel
    return cell


def _table_name(name: str) -> str:
    clean = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return clean if clean[:1].isalpha() else "T_" + clean


def write_table(ws: Worksheet, name: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
                *, start_row: int = 1) -> Optional[Table]:
    """Header + rows as an Excel table (filter buttons), frozen header, column widths."""
    for c, column in enumerate(columns, 1):
        cell = set_cell(ws, start_row, c, column.header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    lengths = [len(col.header) + 3 for col in columns]      # + room for the filter button
    for r, row in enumerate(rows, start_row + 1):
        for c, value in enumerate(row, 1):
            column = columns[c - 1]
            set_cell(ws, r, c, value, column.kind)
            if isinstance(value, str):
                longest = max((len(line) for line in value.splitlines()), default=0)
                lengths[c - 1] = max(lengths[c - 1], min(longest, 200))
            elif isinstance(value, (dt.date, dt.datetime)):
                lengths[c - 1] = max(lengths[c - 1], 16 if isinstance(value, dt.datetime) else 11)
            elif value is not None:
                lengths[c - 1] = max(lengths[c - 1], len(str(value)) + 1)
    widths = []
    for c, column in enumerate(columns, 1):
        width = max(column.width, min(lengths[c - 1] + 1, column.max_width))
        widths.append(width)
        ws.column_dimensions[get_column_letter(c)].width = width
    # wrapped cells: explicit row heights (LibreOffice does not fit them on open; Excel does)
    wrap_cols = [i for i, col in enumerate(columns) if col.kind == "wrap"]
    if wrap_cols:
        for r, row in enumerate(rows, start_row + 1):
            lines = 1
            for i in wrap_cols:
                value = row[i] if i < len(row) else None
                if isinstance(value, str) and value:
                    per_line = max(1, int(widths[i] * 1.1))
                    lines = max(lines, sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n")))
            if lines > 1:
                ws.row_dimensions[r].height = min(409, 15 * lines)
    # printing: landscape, all columns on one page width, header row on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{start_row}:{start_row}"
    last_row = start_row + max(1, len(rows))     # a table needs at least one data row
    ref = f"A{start_row}:{get_column_letter(len(columns))}{last_row}"
    table = Table(displayName=_table_name(name), ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True, showColumnStripes=False)
    ws.add_table(table)
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    return table
