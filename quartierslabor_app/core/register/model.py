"""Data contract of a read register extract (Melderegister), shared by import, draw and GUI.

The extract is held in memory only: it is never written to the database or to disk
(DSGVO data minimisation). Only its SHA-256 and row counts are recorded.
"""
from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Iterator, Optional

import numpy as np

from ..messages import QT_TRANSLATE_NOOP, Message, label
from .columns import Column, build_columns


class Field(str, enum.Enum):
    """The meaning of a register column after mapping."""

    FAMILY_NAME = "family_name"
    GIVEN_NAMES = "given_names"
    BIRTH_DATE = "birth_date"
    AGE = "age"
    GENDER = "gender"
    STREET = "street"
    HOUSE_NUMBER = "house_number"
    HOUSE_NUMBER_SUFFIX = "house_number_suffix"  # separate "Hausnummernzusatz" column ("a" of "12a")
    ADDRESS = "address"            # one column "Anschrift" = street + number (+ maybe PLZ Ort)
    POSTCODE = "postcode"
    CITY = "city"
    DISTRICT = "district"          # Stadtbezirk
    SUBDISTRICT = "subdistrict"    # statistischer Bezirk


#: German field names (marked strings: ``Message(FIELD_LABELS[f])`` is the label in the UI language;
#: the context is the one of the draw wizard's column mapping page, which shows the same names)
FIELD_LABELS: dict[Field, str] = {
    Field.FAMILY_NAME: QT_TRANSLATE_NOOP("MappingPage", "Familienname"),
    Field.GIVEN_NAMES: QT_TRANSLATE_NOOP("MappingPage", "Vorname(n)"),
    Field.BIRTH_DATE: QT_TRANSLATE_NOOP("MappingPage", "Geburtsdatum"),
    Field.AGE: QT_TRANSLATE_NOOP("MappingPage", "Alter"),
    Field.GENDER: QT_TRANSLATE_NOOP("MappingPage", "Geschlecht"),
    Field.STREET: QT_TRANSLATE_NOOP("MappingPage", "Straße"),
    Field.HOUSE_NUMBER: QT_TRANSLATE_NOOP("MappingPage", "Hausnummer"),
    Field.HOUSE_NUMBER_SUFFIX: QT_TRANSLATE_NOOP("MappingPage", "Hausnummernzusatz"),
    Field.ADDRESS: QT_TRANSLATE_NOOP("MappingPage", "Anschrift"),
    Field.POSTCODE: QT_TRANSLATE_NOOP("MappingPage", "PLZ"),
    Field.CITY: QT_TRANSLATE_NOOP("MappingPage", "Ort"),
    Field.DISTRICT: QT_TRANSLATE_NOOP("MappingPage", "Stadtbezirk"),
    Field.SUBDISTRICT: QT_TRANSLATE_NOOP("MappingPage", "Statistischer Bezirk"),
}

#: gender codes after normalisation: männlich, weiblich, divers, ohne Angabe
GENDER_CODES = ("m", "w", "d", "x")
#: German gender names (marked strings, see FIELD_LABELS)
GENDER_LABELS = {"m": QT_TRANSLATE_NOOP("Gender", "männlich"), "w": QT_TRANSLATE_NOOP("Gender", "weiblich"),
                 "d": QT_TRANSLATE_NOOP("Gender", "divers"), "x": QT_TRANSLATE_NOOP("Gender", "ohne Angabe")}


@dataclass(frozen=True)
class DetectedFormat:
    """What the reader found out about the file without asking."""

    kind: str                      # "csv" or "xlsx"
    encoding: Optional[str] = None  # e.g. "utf-8-sig", "utf-16", "cp1252"
    delimiter: Optional[str] = None  # ",", ";", "\t"
    header_row: int = 1            # row number of the header as Excel shows it (1-based)
    sheet: Optional[str] = None    # XLSX sheet name

    def describe(self) -> str:
        """German one-line description for the GUI and the protocol."""
        return str(self.describe_message())

    def describe_message(self) -> Message:
        """:meth:`describe` as a translatable :class:`Message` (the GUI shows it in the UI language)."""
        if self.kind == "xlsx":
            return Message(QT_TRANSLATE_NOOP("RegisterFormat", "Excel-Arbeitsmappe, Tabellenblatt „{sheet}“, "
                                                               "Kopfzeile in Zeile {row}"),
                           sheet=self.sheet, row=self.header_row)
        names = {",": QT_TRANSLATE_NOOP("RegisterFormat", "Komma"),
                 ";": QT_TRANSLATE_NOOP("RegisterFormat", "Semikolon"),
                 "\t": QT_TRANSLATE_NOOP("RegisterFormat", "Tabulator"),
                 "|": QT_TRANSLATE_NOOP("RegisterFormat", "senkrechter Strich")}
        enc = {"utf-8": "UTF-8", "utf-8-sig": QT_TRANSLATE_NOOP("RegisterFormat", "UTF-8 mit BOM"),
               "utf-16": QT_TRANSLATE_NOOP("RegisterFormat", "UTF-16 (Unicode-Text)"),
               "cp1252": "Windows-1252"}.get(self.encoding or "", self.encoding or "?")
        delimiter = names.get(self.delimiter or "", self.delimiter)
        return Message(QT_TRANSLATE_NOOP("RegisterFormat", "CSV-Datei, Zeichensatz {encoding}, Trennzeichen "
                                                           "{delimiter}, Kopfzeile in Zeile {row}"),
                       encoding=label(enc), delimiter=label(delimiter), row=self.header_row)


class RawTable:
    """A register extract exactly as read: header and cell texts, nothing interpreted.

    Stored by column (:class:`~.columns.Column`: distinct texts plus one integer code per
    row); ``rows[i]`` gives row ``i`` as a list of texts. A row whose number of fields
    differs from the header keeps its cells as read in ``irregular`` (its column entries are
    padded with "" or cut). ``row_numbers`` is one integer array of Excel row numbers.
    """

    def __init__(self, file_name: str, sha256: str, format: DetectedFormat, headers: list[str],
                 rows: Optional[Sequence[Sequence[str]]] = None, row_numbers: Optional[Sequence[int]] = None, *,
                 columns: Optional[list[Column]] = None, irregular: Optional[dict[int, list[str]]] = None) -> None:
        self.file_name = file_name      # base name of the file (for messages and the protocol)
        self.sha256 = sha256            # hex digest of the file's bytes
        self.format = format
        self.headers = headers
        if columns is None:
            width = len(headers)
            rows = [list(r) for r in (rows or ())]
            irregular = {i: r for i, r in enumerate(rows) if len(r) != width}
            columns = build_columns(((r + [""] * width)[:width] if len(r) != width else r for r in rows), width)
        self.columns = columns
        self.irregular = irregular or {}
        n = len(columns[0].codes) if columns else len(row_numbers or ())
        self.row_numbers = np.asarray(row_numbers if row_numbers is not None else range(2, n + 2), dtype=np.int64)
        self.rows = RowView(self)

    @property
    def rows_read(self) -> int:
        return len(self.row_numbers)

    def column_texts(self, column: int, rows: Optional[np.ndarray] = None) -> list[str]:
        """Texts of one column for all rows (or the given row indices)."""
        return self.columns[column].texts(rows)


class RowView(Sequence):
    """Read-only rows of a :class:`RawTable`, each built from the columns when asked for."""

    def __init__(self, table: "RawTable") -> None:
        self._table = table

    def __len__(self) -> int:
        return len(self._table.row_numbers)

    def _row(self, i: int) -> list[str]:
        row = self._table.irregular.get(i)
        if row is not None:
            return list(row)
        return [c.values[c.codes[i]] for c in self._table.columns]

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self)))]
        n = len(self)
        i = int(index)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(index)
        return self._row(i)

    def __iter__(self) -> Iterator[list[str]]:
        table = self._table
        if not table.columns:
            return iter([[] for _ in range(len(self))])
        texts = zip(*(map(c.values.__getitem__, c.codes.tolist()) for c in table.columns))
        irregular = table.irregular
        return (list(irregular[i]) if i in irregular else list(row) for i, row in enumerate(texts))


#: column mapping: which column index holds which field
ColumnMapping = dict[Field, int]


@dataclass(frozen=True)
class ValidationIssue:
    """One problem in one row. ``row`` is the Excel row number (header line = row 1)."""

    row: int
    column: str                    # header text of the column ("" for the whole row)
    message: str                   # German: what is wrong
    severity: str = "error"        # "error" makes the row invalid; "warning" does not
    #: ``message`` as a translatable Message (None: shown as it is)
    message_obj: Optional[Message] = field(default=None, compare=False, repr=False)


@dataclass
class ValidatedRegister:
    """The valid rows of a register, with the attributes the draw needs.

    Arrays run parallel over the *valid* rows; ``valid_index[i]`` is the index into
    ``table.rows`` of valid row ``i``.
    """

    table: RawTable
    mapping: ColumnMapping
    reference_date: dt.date
    valid_index: np.ndarray                 # int64, indices into table.rows
    age: np.ndarray                         # int16 age in years at reference_date
    gender: np.ndarray                      # str codes from GENDER_CODES (dtype object or <U1)
    district: np.ndarray                    # str (dtype object)
    subdistrict: np.ndarray                 # str (dtype object), "" when unknown
    household_key: np.ndarray               # str: normalised address (same key = same household)
    person_key: np.ndarray                  # str: stable hash of a person (PersonKeys: hashed when read)
    issues: list[ValidationIssue] = field(default_factory=list)
    duplicate_rows: list[tuple[int, int]] = field(default_factory=list)  # (row, duplicate-of row)
    #: integer codes over the valid rows that the validator has at hand, so the draw need not re-code
    #: every row's text: ``"district"``/``"subdistrict"`` -> (codes, texts: ``texts[codes[i]]`` equals
    #: ``district[i]``), ``"household"`` -> (codes, number of codes: same code = same ``household_key``)
    coded: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def rows_read(self) -> int:
        return self.table.rows_read

    @property
    def rows_valid(self) -> int:
        return int(len(self.valid_index))

    @property
    def invalid_rows(self) -> list[int]:
        return sorted({i.row for i in self.issues if i.severity == "error"})
