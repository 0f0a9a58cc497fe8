"""Detecting how a register text file is written: file type, encoding, delimiter, header row.

All checks are made on the bytes/text without asking the user. Refusals are German
:class:`UserError` messages naming the file and what to do.
"""
from __future__ import annotations

import csv
from collections import Counter
from typing import Optional

from ..errors import UserError
from ..input_files import mixed_encoding_error
from ..messages import QT_TRANSLATE_NOOP, Message
from .headers import count_known_headers

DELIMITERS = (";", "\t", ",", "|")

_CHOOSE_REGISTER = Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die CSV- oder Excel-Datei (.xlsx) des "
                                                             "Melderegisterauszugs wählen."))

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_kind(data: bytes, file_name: str) -> str:
    """``"xlsx"`` for a ZIP container, ``"text"`` otherwise; refuses known non-table formats."""
    head = data[:8]
    if head.startswith(_ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return "xlsx"
    if head.startswith(b"%PDF"):
        raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei ist ein PDF-Dokument, kein "
                                                                  "Registerauszug als Tabelle.")), file=file_name,
                        hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte den Melderegisterauszug als CSV- oder "
                                                                       "Excel-Datei (.xlsx) anfordern bzw. "
                                                                       "exportieren.")))
    if head.startswith(_OLE_MAGIC):
        raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei ist im alten Excel-Format (.xls) oder "
                                                                  "ein anderes Office-Binärformat.")),
                        file=file_name,
                        hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die Datei in Excel öffnen und als "
                                                                       "„Excel-Arbeitsmappe (*.xlsx)“ oder „CSV "
                                                                       "(Trennzeichen-getrennt)“ speichern.")))
    for magic, what in ((b"\x1f\x8b", QT_TRANSLATE_NOOP("RegisterFile", "ein gzip-Archiv")),
                        (b"\x89PNG", QT_TRANSLATE_NOOP("RegisterFile", "ein PNG-Bild")),
                        (b"\xff\xd8\xff", QT_TRANSLATE_NOOP("RegisterFile", "ein JPEG-Bild")),
                        (b"7z\xbc\xaf", QT_TRANSLATE_NOOP("RegisterFile", "ein 7-Zip-Archiv")),
                        (b"Rar!", QT_TRANSLATE_NOOP("RegisterFile", "ein RAR-Archiv")),
                        (b"SQLite format 3", QT_TRANSLATE_NOOP("RegisterFile", "eine SQLite-Datenbank"))):
        if data.startswith(magic):
            raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei ist {what}, kein Registerauszug "
                                                                      "als Tabelle."), what=Message(what)),
                            file=file_name, hint=_CHOOSE_REGISTER)
    return "text"


def _junk(file_name: str) -> UserError:
    return UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei enthält keinen lesbaren Text (Binärdaten); "
                                                               "sie ist keine CSV- oder Excel-Datei oder beschädigt.")),
                     file=file_name,
                     hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die CSV- oder Excel-Datei (.xlsx) des "
                                                                    "Melderegisterauszugs wählen bzw. neu "
                                                                    "exportieren.")))


def decode_text(data: bytes, file_name: str, *, head: Optional[int] = None) -> tuple[str, str]:
    """Decode the file's bytes; returns ``(text, encoding)``.

    Order: BOM (UTF-8, UTF-16 LE/BE), UTF-16 without BOM (zero bytes in every other
    position), strict UTF-8, Windows-1252. Zero bytes or many control characters elsewhere
    mean binary junk. ``head``: a Windows-1252 text is checked whole (same refusals) but only
    its first ``head`` characters are decoded and returned (the caller reads the rest from the
    bytes).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8-sig", data
    elif data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        encoding, body = "utf-16", data
    else:
        sample = data[:4096]
        even_zero = sample[0::2].count(0)
        odd_zero = sample[1::2].count(0)
        half = max(1, len(sample) // 2)
        if odd_zero > 0.3 * half and even_zero < 0.05 * half:
            encoding = "utf-16-le"
        elif even_zero > 0.3 * half and odd_zero < 0.05 * half:
            encoding = "utf-16-be"
        elif b"\x00" in data:
            raise _junk(file_name)
        else:
            encoding = "utf-8"
        body = data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        mixed = mixed_encoding_error(body, file_name) if encoding in ("utf-8", "utf-8-sig") else None
        if mixed is not None:
            raise mixed from None
        if encoding != "utf-8":
            raise _undecodable(data, exc, file_name, encoding) from None
        try:
            text = _decode_cp1252(body, head)
            encoding = "cp1252"
        except UnicodeDecodeError as exc2:
            raise _undecodable(data, exc2, file_name, "cp1252") from None
    if encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        text = text.lstrip("\ufeff")
        encoding = "utf-16"
    _check_controls(text, file_name)
    return text, encoding


#: the five bytes Windows-1252 leaves undefined (Python's codec refuses them)
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


def _decode_cp1252(body: bytes, head: Optional[int]) -> str:
    """``body`` decoded as Windows-1252, or only its first ``head`` bytes once the whole is known to decode."""
    if head is None or len(body) <= head:
        return body.decode("cp1252")
    found = [body.find(byte) for byte in _CP1252_UNDEFINED if byte in body]
    if found:
        pos = min(found)
        raise UnicodeDecodeError("charmap", body, pos, pos + 1, "character maps to <undefined>")
    return body[:head].decode("cp1252")


def _undecodable(data: bytes, exc: UnicodeDecodeError, file_name: str, encoding: str) -> UserError:
    pos = exc.start
    controls = sum(1 for b in data[:4096] if b < 9 or 13 < b < 32)
    if controls > 0.01 * min(len(data), 4096):
        return _junk(file_name)
    line = data.count(b"\n", 0, pos) + 1
    names = {"cp1252": Message(QT_TRANSLATE_NOOP("RegisterFile", "UTF-8 noch Windows-1252")), "utf-16": "UTF-16"}
    return UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Der Text lässt sich weder als {encoding} lesen "
                                                               "(ungültiges Byte 0x{byte} an Position {position})."),
                             encoding=names.get(encoding, encoding), byte=f"{data[pos]:02X}", position=pos + 1),
                     file=file_name, row=line,
                     hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die Datei als „CSV UTF-8“ oder "
                                                                    "„Unicode-Text“ neu exportieren.")))


def _check_controls(text: str, file_name: str) -> None:
    sample = text[:100_000]
    if not sample:
        return
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n\x0c") or "\x7f" <= ch <= "\x9f")
    if bad > max(2, 0.005 * len(sample)):
        raise _junk(file_name)


def _parse_sample(lines: list[str], delimiter: str) -> list[list[str]]:
    rows: list[list[str]] = []
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:  # broken quoting: judge on the rows before it
        pass
    return rows


def detect_delimiter(sample_lines: list[str]) -> Optional[str]:
    """The delimiter that splits the sample's lines into the most consistent field count (≥ 2)."""
    best: Optional[tuple[int, int, int]] = None
    best_delim: Optional[str] = None
    non_empty = [ln for ln in sample_lines if ln.strip()]
    if not non_empty:
        return None
    for rank, delim in enumerate(DELIMITERS):
        rows = _parse_sample(non_empty, delim)
        counts = Counter(len(r) for r in rows if len(r) >= 2)
        if not counts:
            continue
        n_fields, freq = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        score = (freq, n_fields, -rank)
        if best is None or score > best:
            best, best_delim = score, delim
    return best_delim


def find_header_row(rows: list[list[str]]) -> int:
    """Index (0-based) of the header among the sample rows.

    The first row with at least two recognised German register headers; otherwise the
    first non-empty row that has the sample's usual field count with most cells filled and
    after which the field count stays the same.
    """
    for idx, row in enumerate(rows):
        if count_known_headers(row) >= 2:
            return idx
    counts = Counter(len(r) for r in rows if any(c.strip() for c in r))
    if not counts:
        return 0
    usual = counts.most_common(1)[0][0]
    for idx, row in enumerate(rows):
        filled = sum(1 for c in row if c.strip())
        if len(row) == usual and filled >= max(2, usual // 2):
            rest = [r for r in rows[idx + 1:] if any(c.strip() for c in r)]
            if all(len(r) == usual for r in rest[:10]):
                return idx
    for idx, row in enumerate(rows):
        if any(c.strip() for c in row):
            return idx
    return 0
