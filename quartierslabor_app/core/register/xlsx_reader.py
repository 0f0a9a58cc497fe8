"""Reading an XLSX register extract with openpyxl (read-only), every cell rendered as text."""
from __future__ import annotations

import datetime as dt
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any, Optional

from ..errors import UserError
from ..input_files import check_xlsx_container
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import Cancelled, CancelToken, ProgressCallback, report
from .model import DetectedFormat, RawTable
from .text_detect import find_header_row

_CHUNK = 20_000
_SAMPLE_ROWS = 60
_ZERO_PAD = re.compile(r"^0+$")


def _corrupt(file_name: str, detail: "str | Message" = "") -> UserError:
    if detail:
        message = Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Excel-Datei ist beschädigt oder unvollständig und "
                                                            "kann nicht gelesen werden ({detail})."), detail=detail)
    else:
        message = Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Excel-Datei ist beschädigt oder unvollständig und "
                                                            "kann nicht gelesen werden."))
    return UserError(message, file=file_name,
                     hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die Datei in Excel öffnen und neu "
                                                                    "speichern oder den Auszug erneut exportieren.")))


def open_workbook(path: Path, file_name: str):
    """Open an XLSX read-only; refuses ZIP files that are no Excel workbook and corrupt files."""
    try:
        with zipfile.ZipFile(path) as zf:
            check_xlsx_container(zf, file_name)
            names = set(zf.namelist())
            if "xl/workbook.xml" not in names:
                if "mimetype" in names and b"opendocument.spreadsheet" in zf.read("mimetype"):
                    raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei ist eine "
                                                                              "OpenDocument-Tabelle (.ods), keine "
                                                                              "Excel-Arbeitsmappe.")),
                                    file=file_name,
                                    hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte in LibreOffice als „Excel "
                                                                                   "2007-365 (.xlsx)“ oder als CSV "
                                                                                   "speichern.")))
                raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei ist ein ZIP-Archiv, aber keine "
                                                                          "Excel-Arbeitsmappe (.xlsx).")),
                                file=file_name,
                                hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die CSV- oder Excel-Datei des "
                                                                               "Melderegisterauszugs wählen.")))
    except zipfile.BadZipFile:
        raise _corrupt(file_name) from None
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except UserError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken files
        raise _corrupt(file_name, type(exc).__name__) from None


def cell_text(cell: Any) -> str:
    """A cell's value as Excel would display it (dates as TT.MM.JJJJ)."""
    value = getattr(cell, "value", cell)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        if value.hour or value.minute or value.second:
            return value.strftime("%d.%m.%Y %H:%M")
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    if isinstance(value, int):
        return _pad(str(value), cell)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return _pad(str(int(value)), cell)
        return format(value, ".15g").replace(".", ",")
    return str(value)


def _pad(digits: str, cell: Any) -> str:
    fmt = getattr(cell, "number_format", "General") or "General"
    if _ZERO_PAD.match(fmt) and len(fmt) > len(digits):
        return digits.rjust(len(fmt), "0")
    return digits


def read_xlsx(path: Path, sha: str, *, sheet: Optional[str], progress: Optional[ProgressCallback],
              cancel: Optional[CancelToken]) -> RawTable:
    from .reader import _Assembler, _clean_headers, _empty

    name = path.name
    wb = open_workbook(path, name)
    try:
        if sheet is None:
            if not wb.worksheets:
                raise _corrupt(name, Message(QT_TRANSLATE_NOOP("RegisterFile", "kein Tabellenblatt")))
            ws = wb.worksheets[0]
        else:
            if sheet not in wb.sheetnames:
                raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Excel-Datei hat kein Tabellenblatt "
                                                                          "„{sheet}“ (vorhanden: {sheets})."),
                                        sheet=sheet, sheets=", ".join(wb.sheetnames)), file=name,
                                hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte eines der vorhandenen "
                                                                               "Tabellenblätter wählen.")))
            ws = wb[sheet]
        sheet_name = ws.title
        approx = ws.max_row or 0
        rows = ws.iter_rows()
        try:
            sample = [[cell_text(c) for c in row] for row in itertools.islice(rows, _SAMPLE_ROWS)]
            while sample and not any(sample[-1]):
                sample.pop()
            if not sample:
                raise _empty(name)
            header_idx = find_header_row(sample)
            headers = _clean_headers(sample[header_idx])
            assembler = _Assembler(headers, name, header_idx + 1)
            assembler.add_rows(sample[header_idx + 1:], header_idx + 2)
            number = len(sample) + 1
            while True:
                chunk = [[cell_text(c) for c in row] for row in itertools.islice(rows, _CHUNK)]
                if not chunk:
                    break
                assembler.add_rows(chunk, number)
                number += len(chunk)
                report(progress, 0.1 + 0.85 * min(1.0, number / max(1, approx)),
                       Message(QT_TRANSLATE_NOOP("Progress", "Excel-Zeilen werden gelesen …")), cancel)
        except (UserError, Cancelled):
            raise
        except Exception as exc:  # truncated/corrupt XML inside the ZIP
            raise _corrupt(name, type(exc).__name__) from None
    finally:
        wb.close()
    fmt = DetectedFormat(kind="xlsx", header_row=header_idx + 1, sheet=sheet_name)
    return assembler.table(name, sha, fmt, headers, progress, cancel)
