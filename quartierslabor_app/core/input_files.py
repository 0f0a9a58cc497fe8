"""Opening files the user picks (register extracts, card imports, exclusion lists, street directories).

Shared refusals with German messages: what the path is when it is no regular file
(folder, FIFO, device) without ever blocking on it, too large files, XLSX containers that
would inflate too far (zip bombs), and text files written in two encodings at once.
"""
from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path
from typing import Optional, Union

import numpy as np

from . import count_texts
from .errors import UserError
from .messages import QT_TRANSLATE_NOOP, Count, Message

#: XLSX: most bytes all members of the container may inflate to (a register of 1.5 million
#: rows is about 700 MB of sheet XML)
MAX_XLSX_UNCOMPRESSED = 1536 * 1024 * 1024
#: XLSX: most bytes the shared strings may inflate to (openpyxl keeps them all in memory)
MAX_XLSX_SHARED_STRINGS = 256 * 1024 * 1024
#: XLSX: highest compression ratio of a member larger than ``_RATIO_FLOOR`` (Excel's XML
#: compresses 5- to 30-fold; a zip bomb a thousandfold)
MAX_XLSX_RATIO = 150
_RATIO_FLOOR = 16 * 1024 * 1024

#: hint for card files that are too large (card import and ``quartierslabor cluster``)
SPLIT_CARDS_HINT = Message(QT_TRANSLATE_NOOP("InputFile", "Bitte die Karten auf mehrere Dateien aufteilen."))
_CHECK_PATH = Message(QT_TRANSLATE_NOOP("InputFile", "Bitte Pfad und Dateinamen prüfen."))
_CHOOSE_FILE = Message(QT_TRANSLATE_NOOP("InputFile", "Bitte eine gewöhnliche Datei (CSV oder Excel) wählen."))

PathLike = Union[str, os.PathLike]


def _not_a_file(path: Path, what: Message) -> UserError:
    return UserError(Message(QT_TRANSLATE_NOOP("InputFile", "Das ist {what}, keine Datei."), what=what),
                     file=str(path), hint=_CHOOSE_FILE)


def _kind_of(mode: int) -> Optional[Message]:
    """What a non-regular path is (``None`` for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Message(QT_TRANSLATE_NOOP("InputFile", "ein Ordner"))
    if stat.S_ISFIFO(mode):
        return Message(QT_TRANSLATE_NOOP("InputFile", "eine benannte Pipe (FIFO); sie wird nicht gelesen, weil das "
                                                      "Programm sonst auf Daten warten würde"))
    if stat.S_ISSOCK(mode):
        return Message(QT_TRANSLATE_NOOP("InputFile", "ein Socket"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Message(QT_TRANSLATE_NOOP("InputFile", "eine Gerätedatei"))
    return Message(QT_TRANSLATE_NOOP("InputFile", "kein gewöhnlicher Dateityp"))


def unreadable(exc: OSError) -> Message:
    return Message(QT_TRANSLATE_NOOP("InputFile", "Die Datei kann nicht gelesen werden ({reason})."),
                   reason=exc.strerror or exc)


def check_input_file(path: PathLike) -> int:
    """Refuse a path that does not exist or is no regular file; returns the file size.

    Never opens the path, so a FIFO cannot block.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UserError(Message(QT_TRANSLATE_NOOP("InputFile", "Die Datei wurde nicht gefunden.")), file=str(path),
                        hint=_CHECK_PATH) from None
    except OSError as exc:
        raise UserError(unreadable(exc), file=str(path), hint=_CHECK_PATH) from None
    kind = _kind_of(info.st_mode)
    if kind is not None:
        raise _not_a_file(path, kind)
    return info.st_size


def read_input_bytes(path: PathLike, *, max_bytes: int, too_large_hint: Message) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; German refusals otherwise.

    Opened without blocking and checked again on the open handle (the path may have been
    replaced by a FIFO in between).
    """
    path = Path(path)
    size = check_input_file(path)
    if size > max_bytes:
        raise too_large(path.name, size, max_bytes, too_large_hint)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise UserError(unreadable(exc), file=path.name,
                        hint=Message(QT_TRANSLATE_NOOP("InputFile", "Bitte prüfen, ob die Datei in einem anderen "
                                                                    "Programm geöffnet oder gesperrt ist."))) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        kind = _kind_of(info.st_mode)
        if kind is not None:
            raise _not_a_file(path, kind)
        try:  # read(n) allocates n bytes up front: ask for what the file holds, not for the limit
            data = fh.read(min(max_bytes, info.st_size) + 1)
            if len(data) > info.st_size:  # the file grew while being read
                data += fh.read(max_bytes + 1 - len(data))
        except OSError as exc:
            raise UserError(unreadable(exc), file=path.name) from None
    if len(data) > max_bytes:
        raise too_large(path.name, len(data), max_bytes, too_large_hint)
    return data


def too_large(file_name: str, size: int, limit: int, hint: Message) -> UserError:
    return UserError(Message(QT_TRANSLATE_NOOP("InputFile", "Die Datei ist mit {size} MB zu groß (höchstens "
                                                            "{limit} MB)."),
                             size=f"{size / 1024 / 1024:.0f}", limit=limit // 1024 // 1024), file=file_name, hint=hint)


# --------------------------------------------------------------------------- XLSX container

def check_xlsx_container(zf: zipfile.ZipFile, file_name: str) -> None:
    """Refuse a workbook whose members would inflate beyond the limits (zip bomb), judged from the
    sizes in the ZIP directory before anything is unpacked.

    Python's ``zipfile`` never inflates a member beyond the size its directory entry states
    (it stops with a CRC error), so these sizes bound the memory that reading can take.
    """
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        shared = info.filename.lower().endswith("sharedstrings.xml")
        if ((info.file_size > _RATIO_FLOOR and ratio > MAX_XLSX_RATIO)
                or (shared and info.file_size > MAX_XLSX_SHARED_STRINGS)):
            raise _bomb(file_name, info.filename, info.file_size, ratio)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _bomb(file_name, "", total, 0.0)


def _bomb(file_name: str, member: str, size: int, ratio: float) -> UserError:
    if member:
        what = Message(QT_TRANSLATE_NOOP("InputFile", "Der Teil „{member}“ der Excel-Datei würde entpackt {size} MB "
                                                      "groß (Verdichtung {ratio}:1); das ist keine plausible "
                                                      "Tabelle, sondern vermutlich eine „ZIP-Bombe“. Die Datei wird "
                                                      "nicht gelesen."),
                       member=member, size=Count(size // 1024 // 1024), ratio=Count(int(ratio)))
    else:
        what = Message(QT_TRANSLATE_NOOP("InputFile", "Die Excel-Datei würde entpackt {size} MB groß (höchstens "
                                                      "{limit} MB). Die Datei wird nicht gelesen."),
                       size=Count(size // 1024 // 1024), limit=Count(MAX_XLSX_UNCOMPRESSED // 1024 // 1024))
    return UserError(what, file=file_name,
                     hint=Message(QT_TRANSLATE_NOOP("InputFile", "Bitte die Tabelle in Excel öffnen und neu "
                                                                 "speichern oder als CSV exportieren; Dateien "
                                                                 "unbekannter Herkunft nicht öffnen.")))


def open_xlsx_checked(path: PathLike, file_name: str):
    """openpyxl workbook (read-only, values) of a container that passed :func:`check_xlsx_container`.

    Raises ``zipfile.BadZipFile`` for a file that is no ZIP archive (the caller words it).
    """
    with zipfile.ZipFile(path) as zf:
        check_xlsx_container(zf, file_name)
    import openpyxl

    return openpyxl.load_workbook(path, read_only=True, data_only=True)


# --------------------------------------------------------------------------- mixed encodings

_SCAN_BYTES = 8 * 1024 * 1024


def _may_hold_utf8(data: bytes) -> bool:
    """True if ``data`` holds a UTF-8 lead byte followed by a continuation byte (Windows-1252 text
    practically never does: its umlauts are followed by letters)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    for start in range(0, max(0, len(arr) - 1), _SCAN_BYTES):
        lead = np.flatnonzero(arr[start:start + _SCAN_BYTES] >= 0xC2) + start   # few: only non-ASCII letters
        lead = lead[(arr[lead] <= 0xF4) & (lead + 1 < len(arr))]
        follow = arr[lead + 1]
        if np.any((follow >= 0x80) & (follow <= 0xBF)):
            return True
    return False


def mixed_encoding_error(data: bytes, file_name: str) -> Optional[UserError]:
    """A German refusal when ``data`` (not valid UTF-8 as a whole) mixes UTF-8 lines with lines in
    another encoding; ``None`` when it is consistently single-byte text.

    Row numbers are line numbers as Excel shows them (first line = 1).
    """
    if not _may_hold_utf8(data):
        return None
    utf8_rows: list[int] = []
    other_rows: list[int] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_rows.append(number)
        else:
            utf8_rows.append(number)
    if not utf8_rows or not other_rows:
        return None
    return UserError(Message(QT_TRANSLATE_NOOP("InputFile", "Die Datei mischt zwei Zeichensätze: {other} "
                                                            "nicht in UTF-8 geschrieben (vermutlich "
                                                            "Windows-1252), {utf8} dagegen in UTF-8. So "
                                                            "gelesen würden Umlaute verfälscht (etwa „HÃ¶rde“ statt "
                                                            "„Hörde“); die Datei wird deshalb nicht verwendet."),
                             other=count_texts.listed_rows_are(other_rows), utf8=count_texts.listed_rows(utf8_rows)),
                     file=file_name, row=other_rows[0],
                     hint=Message(QT_TRANSLATE_NOOP("InputFile", "Bitte die genannten Zeilen korrigieren oder die "
                                                                 "Datei einheitlich als „CSV UTF-8“ neu "
                                                                 "exportieren.")))


def decode_text_file(raw: bytes, file_name: str) -> str:
    """The text of a small import file: UTF-8 (with or without BOM), else Windows-1252.

    A file that mixes both is refused (naming the rows) instead of being read with garbled umlauts.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    mixed = mixed_encoding_error(raw, file_name)
    if mixed is not None:
        raise mixed
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise UserError(Message(QT_TRANSLATE_NOOP("InputFile", "Die Datei ist keine lesbare Textdatei "
                                                               "(Zeichenkodierung unbekannt).")), file=file_name,
                        hint=Message(QT_TRANSLATE_NOOP("InputFile", "Bitte als CSV in UTF-8 speichern oder eine "
                                                                    "Excel-Datei (.xlsx) verwenden."))) from None


#: largest settings or taxonomy file read (JSON written by the app is a few hundred KB)
MAX_SETTINGS_BYTES = 20 * 1024 * 1024


def read_utf8_text(path: PathLike) -> str:
    """The text of a small UTF-8 file the app reads as a whole (taxonomy or settings JSON).

    Same refusals as :func:`read_input_bytes` (folder, FIFO, size) plus a German message when
    the file is not UTF-8.
    """
    path = Path(path)
    raw = read_input_bytes(path, max_bytes=MAX_SETTINGS_BYTES,
                           too_large_hint=Message(QT_TRANSLATE_NOOP("InputFile", "Bitte die richtige Datei wählen; "
                                                                                 "eine Themenliste ist wenige "
                                                                                 "Kilobyte groß.")))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UserError(Message(QT_TRANSLATE_NOOP("InputFile", "Die Datei ist keine UTF-8-Textdatei (ungültiges "
                                                               "Byte 0x{byte})."), byte=f"{raw[exc.start]:02X}"),
                        file=path.name, row=line,
                        hint=Message(QT_TRANSLATE_NOOP("InputFile", "Bitte die Datei als UTF-8 speichern."))) from None
