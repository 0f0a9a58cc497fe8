"""Reading a register extract (CSV or XLSX) into a :class:`RawTable`, detecting its format.

Every cell stays text exactly as in the file (XLSX: as Excel displays it). The file is
only read, never copied or written anywhere.
"""
from __future__ import annotations

import csv
import hashlib
import io
import itertools
import os
from pathlib import Path
from typing import Optional, Union

from ..csv_output import text_may_hold_guarded_cells, unguard_rows
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Count, Message
from ..progress import CancelToken, ProgressCallback, report
from .gc_pause import gc_paused
from .model import DetectedFormat, RawTable
from .text_detect import decode_text, detect_delimiter, find_header_row, sniff_kind

#: refuse files larger than this (a city of 1.5 million people is about 200 MB as CSV)
MAX_FILE_BYTES = 500 * 1024 * 1024
#: refuse extracts with more data rows than this
MAX_ROWS = 3_000_000
#: rows per progress step / cancellation check
_CHUNK = 50_000
#: rows looked at to find delimiter and header
_SAMPLE_LINES = 60

PathLike = Union[str, os.PathLike]

_SPLITTING = Message(QT_TRANSLATE_NOOP("Progress", "Zeilen werden zerlegt …"))
_CHECK_PATH = Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte Pfad und Dateinamen prüfen."))


def _too_many_rows(file_name: str) -> UserError:
    return UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei hat mehr als {rows} Datenzeilen; das ist "
                                                               "kein plausibler Auszug eines Stadtbezirks."),
                             rows=Count(MAX_ROWS)), file=file_name,
                     hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte einen Auszug nur für den benötigten "
                                                                    "Stadtbezirk anfordern oder die Datei teilen.")))


def _read_bytes(path: Path) -> bytes:
    name = path.name
    if not path.exists():
        raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei wurde nicht gefunden.")), file=str(path),
                        hint=_CHECK_PATH)
    if path.is_dir():
        raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Das ist ein Ordner, keine Datei.")), file=str(path),
                        hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die CSV- oder Excel-Datei des "
                                                                       "Registerauszugs wählen.")))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei ist mit {size} MB zu groß (höchstens "
                                                                  "{limit} MB)."),
                                size=f"{size / 1024 / 1024:.0f}", limit=MAX_FILE_BYTES // 1024 // 1024), file=name,
                        hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte einen Auszug nur für den benötigten "
                                                                       "Stadtbezirk anfordern.")))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(_unreadable(exc), file=name,
                        hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte prüfen, ob die Datei in einem anderen "
                                                                       "Programm geöffnet oder gesperrt ist."))) from None


def _unreadable(exc: OSError) -> Message:
    return Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei kann nicht gelesen werden ({reason})."),
                   reason=exc.strerror or exc)


def _empty(file_name: str) -> UserError:
    return UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei ist leer.")), file=file_name,
                     hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte den Registerauszug erneut exportieren "
                                                                    "und die richtige Datei wählen.")))


def _header_only(file_name: str, header_row: int) -> UserError:
    return UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei enthält nur die Kopfzeile (Zeile {row}), "
                                                               "aber keine Datenzeilen."), row=header_row),
                     file=file_name, hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte prüfen, ob der Export "
                                                                                    "vollständig ist.")))


def _clean_headers(cells: list[str]) -> list[str]:
    headers = [str(c).replace("\ufeff", "").strip() for c in cells]
    while headers and not headers[-1]:
        headers.pop()
    return [h if h else f"Spalte {i + 1}" for i, h in enumerate(headers)]


def _broken_csv(text: str, delimiter: str, name: str, exc: csv.Error) -> UserError:
    """German message for a csv error, naming the line where the broken record starts."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
    last_ok = 0
    try:
        for _ in reader:
            last_ok = reader.line_num
    except csv.Error:
        pass
    detail = (Message(QT_TRANSLATE_NOOP("RegisterFile", "ein Feld ist übermäßig lang – vermutlich fehlt ein "
                                                        "schließendes Anführungszeichen"))
              if "field limit" in str(exc) else
              Message(QT_TRANSLATE_NOOP("RegisterFile", "Formatfehler: {error}"), error=str(exc)))
    return UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die CSV-Datei ist ab dieser Zeile fehlerhaft "
                                                               "aufgebaut ({detail})."), detail=detail), file=name,
                     row=last_ok + 1,
                     hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die Zeile prüfen oder die Datei neu "
                                                                    "exportieren; Anführungszeichen müssen paarweise "
                                                                    "stehen.")))


def read_register(path: PathLike, *, sheet: Optional[str] = None, progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None) -> RawTable:
    """Read a register extract; detects file type, encoding, delimiter, title lines and header row.

    Raises :class:`UserError` (German, naming the file) for empty files, header-only files,
    binary junk, corrupt XLSX, undecodable text and files that are too large.
    """
    path = Path(path)
    report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Datei wird gelesen …")), cancel)
    data = _read_bytes(path)
    name = path.name
    if not data.strip():
        raise _empty(name)
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff_kind(data, name)
    report(progress, 0.05, Message(QT_TRANSLATE_NOOP("Progress", "Format wird erkannt …")), cancel)
    if kind == "xlsx":
        from .xlsx_reader import read_xlsx
        del data
        with gc_paused():
            return read_xlsx(path, sha, sheet=sheet, progress=progress, cancel=cancel)
    with gc_paused():
        return _read_text(data, name, sha, progress=progress, cancel=cancel)


def _read_text(data: bytes, name: str, sha: str, *, progress: Optional[ProgressCallback],
               cancel: Optional[CancelToken]) -> RawTable:
    text, encoding = decode_text(data, name)
    del data
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _empty(name)
    forced = None
    if text[:4].lower() == "sep=" and (len(text) == 5 or text[5:6] == "\n"):
        # Excel's "sep=;" hint line: Excel consumes it and does not show it as a row
        forced = text[4]
        text = text[6:]
        if not text.strip():
            raise _empty(name)
    sample_lines = text[:200_000].split("\n", _SAMPLE_LINES)[:_SAMPLE_LINES]
    delimiter = forced or detect_delimiter(sample_lines)
    if delimiter is None:
        # one column only: cannot be a register extract with names and addresses
        raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "In der Datei wurde kein Trennzeichen (Semikolon, "
                                                                  "Komma oder Tabulator) zwischen Spalten gefunden; "
                                                                  "sie ist keine Tabelle eines Registerauszugs.")),
                        file=name,
                        hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die CSV-Datei des "
                                                                       "Melderegisterauszugs wählen oder die Datei in "
                                                                       "Excel als „CSV (Trennzeichen-getrennt)“ "
                                                                       "speichern.")))
    report(progress, 0.1, _SPLITTING, cancel)
    guarded = text_may_hold_guarded_cells(text)
    if '"' not in text:
        lines = text.split("\n")
        del text
        if len(lines) > MAX_ROWS + _SAMPLE_LINES:
            raise _too_many_rows(name)
        blank = delimiter + " \t"
        empty_lines = [i for i, line in enumerate(lines) if not line.strip(blank)]
        all_rows: list[list[str]] = []
        total = len(lines)
        step = _CHUNK * 4
        for start in range(0, total, step):
            all_rows += [line.split(delimiter) for line in lines[start:start + step]]
            report(progress, 0.1 + 0.85 * min(1.0, (start + step) / total), _SPLITTING, cancel)
        del lines
    else:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
        all_rows = []
        approx_rows = max(1, text.count("\n"))
        try:
            while True:
                chunk = list(itertools.islice(reader, _CHUNK))
                if not chunk:
                    break
                all_rows += chunk
                if len(all_rows) > MAX_ROWS + _SAMPLE_LINES:
                    raise _too_many_rows(name)
                report(progress, 0.1 + 0.85 * min(1.0, len(all_rows) / approx_rows),
                       _SPLITTING, cancel)
        except csv.Error as exc:
            raise _broken_csv(text, delimiter, name, exc) from None
        del text
        empty_lines = [i for i, row in enumerate(all_rows) if not "".join(row).strip()]
    header_idx = find_header_row(all_rows[:_SAMPLE_LINES])
    headers = _clean_headers(all_rows[header_idx])
    if not headers:
        raise _empty(name)
    # keep the data rows, drop completely empty lines, remember Excel row numbers (1-based)
    rows = all_rows[header_idx + 1:]
    row_numbers = list(range(header_idx + 2, len(all_rows) + 1))
    del all_rows
    skip = {i - header_idx - 1 for i in empty_lines if i > header_idx}
    if skip:
        rows = [r for k, r in enumerate(rows) if k not in skip]
        row_numbers = [no for k, no in enumerate(row_numbers) if k not in skip]
    if not rows:
        raise _header_only(name, header_idx + 1)
    if len(rows) > MAX_ROWS:
        raise _too_many_rows(name)
    if guarded:  # a list this app wrote (earlier invitees): cells guarded against formulas read back as written
        unguard_rows(rows)
    fmt = DetectedFormat(kind="csv", encoding=encoding, delimiter=delimiter, header_row=header_idx + 1)
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "{rows} Zeilen gelesen"),
                                  rows=Count(len(rows))), cancel)
    return RawTable(file_name=name, sha256=sha, format=fmt, headers=headers, rows=rows, row_numbers=row_numbers)


def list_sheets(path: PathLike) -> list[str]:
    """Sheet names of an XLSX file (for the GUI's sheet chooser); ``[]`` for CSV files."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UserError(_unreadable(exc), file=str(path), hint=_CHECK_PATH) from None
    if not head.startswith(b"PK"):
        return []
    from .xlsx_reader import open_workbook
    wb = open_workbook(path, path.name)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()
