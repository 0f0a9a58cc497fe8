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
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

import numpy as np

from ..csv_output import text_may_hold_guarded_cells, unguard_cell
from ..errors import UserError
from ..input_files import check_input_file, read_input_bytes, unreadable
from .. import count_texts
from ..messages import QT_TRANSLATE_NOOP, Count, Message
from ..progress import CancelToken, ProgressCallback, report
from .gc_pause import gc_paused
from .columns import Column, ColumnBuilder, group_keys
from .model import DetectedFormat, RawTable
from .text_detect import decode_text, detect_delimiter, find_header_row, sniff_kind

#: refuse files larger than this (a city of 1.5 million people is about 200 MB as CSV)
MAX_FILE_BYTES = 500 * 1024 * 1024
#: refuse extracts with more data rows than this
MAX_ROWS = 3_000_000
#: rows per progress step / cancellation check
_CHUNK = 50_000
#: characters of plain text split at once
_CHUNK_CHARS = 2_000_000
#: encodings whose bytes the numpy path cuts into cells (delimiters and line ends are single ASCII bytes)
_BYTE_CODECS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252"}
#: characters of text kept to detect delimiter and header when the rows are cut from the bytes
_SAMPLE_CHARS = 400_000
#: longest cell (bytes) the numpy path handles; longer cells are split from the text
_MAX_FAST_CELL = 256
#: odd 64-bit factors of the cell hash (fixed: results never depend on them, clashes are checked)
_HASH_FACTORS = (np.random.default_rng(20261103).integers(1, 2 ** 62, _MAX_FAST_CELL, dtype=np.uint64)
                 * np.uint64(2) + np.uint64(1))
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
    return read_input_bytes(path, max_bytes=MAX_FILE_BYTES,
                            too_large_hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte einen Auszug nur für den "
                                                                                     "benötigten Stadtbezirk "
                                                                                     "anfordern.")))


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
    if not data[:4096].strip() and not data.strip():
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
    quoted = b'"' in data
    # without quotes a Windows-1252 text is only checked whole; its rows are cut from the bytes
    text, encoding = decode_text(data, name, head=None if quoted else _SAMPLE_CHARS)
    codec = _BYTE_CODECS.get(encoding)
    raw: Optional[bytes] = data if codec is not None and not quoted else None
    del data
    crlf = False
    if raw is not None:  # the rows are cut from the bytes; the text only shows delimiter and header
        text = text[:_SAMPLE_CHARS]
        guarded = text_may_hold_guarded_cells(raw)
        if b"\r" in raw:
            crlf = _only_crlf(raw)   # then the last cells lose their "\r"
            if not crlf:
                raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    else:
        guarded = text_may_hold_guarded_cells(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _empty(name)
    forced = None
    if text[:4].lower() == "sep=" and (len(text) == 5 or text[5:6] == "\n"):
        # Excel's "sep=;" hint line: Excel consumes it and does not show it as a row
        forced = text[4]
        text = text[6:]
        if raw is not None:
            raw = raw[raw.index(b"\n") + 1:] if b"\n" in raw else b""
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
    if '"' not in text:
        table = _split_plain(text, raw, codec, delimiter, name, progress, cancel, crlf=crlf)
    else:
        table = _split_quoted(text, delimiter, name, progress, cancel)
    del text
    header_idx, headers, assembler = table
    if guarded:  # a list this app wrote (earlier invitees): cells guarded against formulas read back as written
        assembler.map_texts(unguard_cell)
    fmt = DetectedFormat(kind="csv", encoding=encoding, delimiter=delimiter, header_row=header_idx + 1)
    return assembler.table(name, sha, fmt, headers, progress, cancel)


_LONE_CR = re.compile(rb"\r(?!\n)")


def _only_crlf(raw: bytes) -> bool:
    """True if every carriage return in ``raw`` is followed by a line feed."""
    return _LONE_CR.search(raw) is None


class _Assembler:
    """Collects the data rows below the header into columns (see :mod:`.columns`).

    Drops completely empty rows, keeps the Excel row number of every other row, cuts empty
    cells after the last column and keeps rows with another number of fields as read.
    """

    def __init__(self, headers: list[str], name: str, header_row: int) -> None:
        self.width = len(headers)
        self.name = name
        self.header_row = header_row
        self.builders = [ColumnBuilder() for _ in range(self.width)]
        self.seen = [_SeenCells(builder) for builder in self.builders]
        self.numbers: list[np.ndarray] = []
        self.irregular: dict[int, list[str]] = {}
        self.count = 0

    def _fit(self, cells: list[str], index: int) -> list[str]:
        """A row of another length as ``width`` cells; keeps the original when it loses content."""
        width = self.width
        if len(cells) > width and not "".join(cells[width:]).strip():
            return cells[:width]
        self.irregular[index] = cells
        return (cells + [""] * width)[:width]

    def _grow(self, added: int) -> None:
        self.count += added
        if self.count > MAX_ROWS:
            raise _too_many_rows(self.name)

    def add_rows(self, rows: list[list[str]], first_number: int) -> None:
        """Rows as split by the csv module (or read from a sheet); ``first_number`` is the Excel row of ``rows[0]``."""
        width = self.width
        kept: list[list[str]] = []
        numbers: list[int] = []
        for offset, row in enumerate(rows):
            if not "".join(row).strip():
                continue
            if len(row) != width:
                row = self._fit(row, self.count + len(kept))
            kept.append(row)
            numbers.append(first_number + offset)
        if kept:
            for builder, cells in zip(self.builders, zip(*kept)):
                builder.add(cells)
            self.numbers.append(np.asarray(numbers, dtype=np.int64))
        self._grow(len(kept))

    def add_lines(self, lines: list[str], delimiter: str, first_number: int) -> None:
        """Lines of a file without quotes: split with ``str.split`` over the whole chunk at once."""
        n = len(lines)
        width = self.width
        filled = np.fromiter(map(bool, map(str.strip, lines, itertools.repeat(delimiter + " \t"))), dtype=bool,
                             count=n)
        counts = np.fromiter(map(str.count, lines, itertools.repeat(delimiter)), dtype=np.int64, count=n)
        keep = np.flatnonzero(filled)
        for i in np.flatnonzero(filled & (counts != width - 1)).tolist():
            row_index = self.count + int(np.searchsorted(keep, i))
            lines[i] = delimiter.join(self._fit(lines[i].split(delimiter), row_index))
        if len(keep) == n:
            flat = delimiter.join(lines).split(delimiter)
        else:
            flat = delimiter.join([lines[i] for i in keep.tolist()]).split(delimiter)
        if flat and len(keep):
            for c, builder in enumerate(self.builders):
                builder.add(flat[c::width])
            self.numbers.append(keep + first_number)
        self._grow(len(keep))

    def add_byte_lines(self, chunk: bytes, delimiter: str, first_number: int, codec: str,
                       crlf: bool = False) -> int:
        """Lines of a file without quotes as bytes; returns how many lines ``chunk`` holds.

        Cells are located with numpy (positions of line ends and delimiters), each column's
        cells are grouped by their bytes (:func:`_group_cells`: exact keys or a checked hash) and
        only cells not met in earlier chunks are decoded (:class:`_SeenCells`). ``crlf``: every carriage return in the file ends
        a line (it is cut from the last cell). A chunk with a row of another field count, a cell
        longer than ``_MAX_FAST_CELL`` bytes or a hash clash is split from its text instead.
        """
        arr = np.frombuffer(chunk, dtype=np.uint8)
        ends = np.flatnonzero(arr == 10)
        n_lines = len(ends) + 1
        ends = np.append(ends, len(arr))
        starts = np.concatenate(([0], ends[:-1] + 1))
        if crlf:
            ends = ends - ((ends > starts) & (arr[np.maximum(ends - 1, 0)] == 13))
        width = self.width
        delim = np.flatnonzero(arr == ord(delimiter))
        first_delim = np.searchsorted(delim, starts)
        counts = np.searchsorted(delim, ends) - first_delim
        blank_byte = np.zeros(256, dtype=bool)
        blank_byte[[ord(delimiter), 32, 9, 10, 13]] = True
        content = np.concatenate(([0], np.cumsum(~blank_byte[arr], dtype=np.int32)))
        filled = content[ends] - content[starts] > 0
        if np.any(filled & (counts != width - 1)):
            self._add_chunk_text(chunk, delimiter, first_number, codec, crlf)
            return n_lines
        keep = np.flatnonzero(filled)
        starts, ends, first_delim = starts[keep], ends[keep], first_delim[keep]
        padded = np.concatenate((arr, np.zeros(_MAX_FAST_CELL + 8, dtype=np.uint8)))
        grouped: list[_Grouped] = []
        for k in range(width):
            cell_start = starts if k == 0 else delim[first_delim + k - 1] + 1
            cell_end = ends if k == width - 1 else delim[first_delim + k]
            column = _group_cells(padded, cell_start, cell_end)
            if column is None:
                self._add_chunk_text(chunk, delimiter, first_number, codec, crlf)
                return n_lines
            grouped.append(column)
        for seen, column in zip(self.seen, grouped):
            seen.add(chunk, column, codec)
        if len(keep):
            self.numbers.append(keep + first_number)
        self._grow(len(keep))
        return n_lines

    def _add_chunk_text(self, chunk: bytes, delimiter: str, first_number: int, codec: str, crlf: bool) -> None:
        text = chunk.decode(codec)
        self.add_lines((text.replace("\r", "") if crlf else text).split("\n"), delimiter, first_number)

    def map_texts(self, func) -> None:
        """Apply ``func`` to every cell text (once per distinct text)."""
        self.columns = [_mapped(col, func) for col in self._finish()]
        self.irregular = {i: [func(c) for c in row] for i, row in self.irregular.items()}

    def _finish(self) -> list[Column]:
        if not hasattr(self, "columns"):
            self.columns = [b.finish() for b in self.builders]
        return self.columns

    def table(self, name: str, sha: str, fmt: DetectedFormat, headers: list[str],
              progress: Optional[ProgressCallback], cancel: Optional[CancelToken]) -> RawTable:
        if not self.count:
            raise _header_only(name, self.header_row)
        columns = self._finish()
        numbers = np.concatenate(self.numbers)
        report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "{rows} gelesen"),
                                      rows=count_texts.rows(self.count)), cancel)
        return RawTable(file_name=name, sha256=sha, format=fmt, headers=headers, row_numbers=numbers,
                        columns=columns, irregular=self.irregular)




def _length_masks() -> np.ndarray:
    """Row ``n``: the 64-bit words that keep the first ``n`` bytes of a cell and clear the rest."""
    words = (_MAX_FAST_CELL + 7) // 8
    masks = np.zeros((_MAX_FAST_CELL + 1, words), dtype=np.uint64)
    for length in range(_MAX_FAST_CELL + 1):
        full, rest = divmod(length, 8)
        masks[length, :full] = 0xFFFF_FFFF_FFFF_FFFF
        if full < words:
            masks[length, full] = (1 << (8 * rest)) - 1
    return masks


_LENGTH_MASKS = _length_masks()


@dataclass
class _Grouped:
    """The cells of one column in one chunk, grouped by their bytes."""

    inverse: np.ndarray     # per cell: its group
    words: np.ndarray       # per group: the first cell's bytes as zero-padded 64-bit words (groups x words)
    lengths: np.ndarray     # per group: bytes
    hashes: np.ndarray      # per group: hash of words and length (the same bytes hash alike in every chunk)
    starts: np.ndarray      # per group: where the first cell starts in the chunk …
    ends: np.ndarray        # … and ends


def _word_hashes(words: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    hashes = lengths.astype(np.uint64)
    for j in range(words.shape[1]):
        hashes = hashes + words[:, j] * _HASH_FACTORS[j]
    return hashes


def _group_cells(padded: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> Optional[_Grouped]:
    """The cells ``padded[starts[i]:ends[i]]`` grouped by their bytes (``None``: a cell is too long for
    this path, or two different cells hashed alike).

    ``padded``: the chunk's bytes followed by at least ``_MAX_FAST_CELL + 8`` zero bytes. Each
    cell is copied as zero-padded 64-bit words (a strided window, no index matrix); up to 8 bytes
    the word itself is the key (exact), longer cells are grouped by a hash of their words and
    checked word by word against the first cell of their group.
    """
    lengths = ends - starts
    longest = int(lengths.max()) if len(lengths) else 0
    if longest > _MAX_FAST_CELL:
        return None
    words = max(1, (longest + 7) // 8)
    window = np.lib.stride_tricks.as_strided(padded, shape=(len(padded) - 8 * words + 1, 8 * words),
                                             strides=(1, 1), writeable=False)
    cells = window[starts].view(np.uint64)          # (n, words), a copy
    cells &= _LENGTH_MASKS[:, :words][lengths]      # bytes after the cell's end cleared
    if words == 1:  # the (zero-padded) bytes themselves are the key: exact, nothing to check
        inverse, first = group_keys(cells[:, 0])
        hashes = _word_hashes(cells[first], lengths[first])
    else:
        hashes = _word_hashes(cells, lengths)
        inverse, first = group_keys(hashes)
        if np.any(cells != cells[first[inverse]]) or np.any(lengths != lengths[first[inverse]]):
            return None
        hashes = hashes[first]
    return _Grouped(inverse, cells[first], lengths[first], hashes, starts[first], ends[first])


class _SeenCells:
    """One column's cells from earlier chunks, so a text met again is neither cut out nor decoded again.

    Keyed by the hash of a cell's bytes and checked word by word against the first cell seen with
    it; the texts themselves are numbered by the column's :class:`ColumnBuilder`, so whatever this
    cache misses (a clash, a full cache) only costs a decode, never a wrong code.
    """

    #: bytes of remembered cells per column; beyond, new texts are just decoded (a column of unique texts)
    LIMIT = 32 * 1024 * 1024

    def __init__(self, builder: ColumnBuilder) -> None:
        self.builder = builder
        self.keys = np.zeros(0, dtype=np.uint64)        # sorted hashes
        self.slots = np.zeros(0, dtype=np.int64)        # per sorted hash: its row below
        self.words = np.zeros((0, 1), dtype=np.uint64)
        self.lengths = np.zeros(0, dtype=np.int64)
        self.numbers = np.zeros(0, dtype=np.int64)      # the builder's number of each remembered text
        self.active = True

    def add(self, chunk: bytes, grouped: _Grouped, codec: str) -> None:
        numbers = np.full(len(grouped.hashes), -1, dtype=np.int64)
        known = np.zeros(len(grouped.hashes), dtype=bool)
        if self.active and len(self.keys):
            pos = np.minimum(np.searchsorted(self.keys, grouped.hashes), len(self.keys) - 1)
            known = self.keys[pos] == grouped.hashes
            hit = np.flatnonzero(known)
            slot = self.slots[pos[hit]]
            width = min(grouped.words.shape[1], self.words.shape[1])
            same = (self.lengths[slot] == grouped.lengths[hit]) & np.all(
                self.words[slot, :width] == grouped.words[hit, :width], axis=1)
            numbers[hit[same]] = self.numbers[slot[same]]
        new = np.flatnonzero(numbers < 0)
        if len(new):
            texts = b"\n".join([chunk[a:b] for a, b in zip(grouped.starts[new].tolist(),
                                                            grouped.ends[new].tolist())]).decode(codec)
            numbers[new] = self.builder.numbers(texts.split("\n"))
            if self.active:
                self._remember(grouped, new[~known[new]], numbers)
        self.builder.add_numbers(numbers[grouped.inverse])

    def _remember(self, grouped: _Grouped, rows: np.ndarray, numbers: np.ndarray) -> None:
        width = max(grouped.words.shape[1], self.words.shape[1])
        base = len(self.lengths)
        self.words = np.concatenate((np.pad(self.words, ((0, 0), (0, width - self.words.shape[1]))),
                                     np.pad(grouped.words[rows], ((0, 0), (0, width - grouped.words.shape[1])))))
        if self.words.nbytes > self.LIMIT:
            self.__init__(self.builder)
            self.active = False
            return
        self.lengths = np.concatenate((self.lengths, grouped.lengths[rows]))
        self.numbers = np.concatenate((self.numbers, numbers[rows]))
        keys = np.concatenate((self.keys, grouped.hashes[rows]))
        slots = np.concatenate((self.slots, base + np.arange(len(rows))))
        order = np.argsort(keys, kind="stable")
        self.keys, self.slots = keys[order], slots[order]


def _mapped(col: Column, func) -> Column:
    values = [func(v) for v in col.values]
    if values == col.values:
        return col
    index: dict[str, int] = {}
    remap = np.asarray([index.setdefault(v, len(index)) for v in values], dtype=np.int32)
    return Column(values=list(index), codes=remap[col.codes])


def _split_plain(text: str, raw: Optional[bytes], codec: Optional[str], delimiter: str, name: str,
                 progress: Optional[ProgressCallback], cancel: Optional[CancelToken], *,
                 crlf: bool = False) -> tuple[int, list[str], _Assembler]:
    """A text without any quote: every line is one row.

    With the file's bytes at hand (UTF-8 or Windows-1252, same lines as ``text``) the rows
    are cut into columns with numpy (:meth:`_Assembler.add_byte_lines`); otherwise, and for
    chunks that need it, from the decoded text.
    """
    sample = [line.split(delimiter) for line in text[:200_000].split("\n", _SAMPLE_LINES)[:_SAMPLE_LINES]]
    header_idx = find_header_row(sample)
    headers = _clean_headers(sample[header_idx])
    if not headers:
        raise _empty(name)
    source: "str | bytes" = text if raw is None else raw
    newline = "\n" if raw is None else b"\n"
    pos = 0
    for _ in range(header_idx + 1):
        pos = source.find(newline, pos) + 1
        if pos == 0:
            raise _header_only(name, header_idx + 1)
    assembler = _Assembler(headers, name, header_idx + 1)
    number = header_idx + 2
    total = len(source)
    while pos < total:
        end = source.find(newline, min(total, pos + _CHUNK_CHARS))
        end = total if end < 0 else end
        if raw is None:
            lines = text[pos:end].split("\n")
            assembler.add_lines(lines, delimiter, number)
            number += len(lines)
        else:
            number += assembler.add_byte_lines(raw[pos:end], delimiter, number, codec or "utf-8", crlf)
        pos = end + 1
        report(progress, 0.1 + 0.85 * min(1.0, pos / total), _SPLITTING, cancel)
    return header_idx, headers, assembler


def _split_quoted(text: str, delimiter: str, name: str, progress: Optional[ProgressCallback],
                  cancel: Optional[CancelToken]) -> tuple[int, list[str], _Assembler]:
    """A text with quotes: the csv module splits records (a quoted cell may hold line breaks)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
    approx_rows = max(1, text.count("\n"))
    try:
        sample = list(itertools.islice(reader, _SAMPLE_LINES))
        header_idx = find_header_row(sample)
        headers = _clean_headers(sample[header_idx]) if sample else []
        if not headers:
            raise _empty(name)
        assembler = _Assembler(headers, name, header_idx + 1)
        assembler.add_rows(sample[header_idx + 1:], header_idx + 2)
        number = len(sample) + 1
        while True:
            chunk = list(itertools.islice(reader, _CHUNK))
            if not chunk:
                break
            assembler.add_rows(chunk, number)
            number += len(chunk)
            report(progress, 0.1 + 0.85 * min(1.0, number / approx_rows), _SPLITTING, cancel)
    except csv.Error as exc:
        raise _broken_csv(text, delimiter, name, exc) from None
    return header_idx, headers, assembler


def list_sheets(path: PathLike) -> list[str]:
    """Sheet names of an XLSX file (for the GUI's sheet chooser); ``[]`` for CSV files."""
    path = Path(path)
    check_input_file(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UserError(unreadable(exc), file=str(path), hint=_CHECK_PATH) from None
    if not head.startswith(b"PK"):
        return []
    from .xlsx_reader import open_workbook
    wb = open_workbook(path, path.name)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()
