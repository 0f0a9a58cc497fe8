"""Street directory (Straßenverzeichnis): which Stadtbezirk a street (section) belongs to.

Used when the register extract has no district column. File: CSV (any encoding and
delimiter the register reader understands) or XLSX with the columns
``Straße[; Hausnummer von; Hausnummer bis]; Stadtbezirk[; Statistischer Bezirk]``.
A street without house-number range covers all numbers; a street may appear several times
with different ranges (long streets crossing district borders).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from .headers import guess_mapping, header_key
from .model import Field
from .normalize import normalise_street

_NO_NUMBER = QT_TRANSLATE_NOOP("StreetDirectory", "„{text}“ ist keine Hausnummer.")

_NUMBER = re.compile(r"\d+")


def house_number_value(text: str) -> Optional[int]:
    """The leading number of a house number (``"12a"`` -> 12), ``None`` without digits."""
    m = _NUMBER.search(text or "")
    return int(m.group(0)) if m else None


@dataclass
class _Section:
    low: Optional[int]
    high: Optional[int]
    district: str
    subdistrict: str


@dataclass
class StreetDirectory:
    """Street -> (Stadtbezirk, statistischer Bezirk), optionally by house-number range."""

    file_name: str = ""
    sha256: str = ""
    sections: dict[str, list[_Section]] = field(default_factory=dict)
    entries: int = 0

    @classmethod
    def load(cls, path: Union[str, os.PathLike]) -> "StreetDirectory":
        from .reader import read_register

        path = Path(path)
        table = read_register(path)
        name = table.file_name
        keys = [header_key(h) for h in table.headers]
        mapping = guess_mapping(table.headers)
        street_col = mapping.get(Field.STREET, mapping.get(Field.ADDRESS))
        district_col = mapping.get(Field.DISTRICT)
        sub_col = mapping.get(Field.SUBDISTRICT)
        low_col = high_col = None
        for idx, key in enumerate(keys):
            if key.endswith("von") or key.endswith("ab") or key in ("von", "hausnummervon", "hnrvon"):
                low_col = idx if low_col is None else low_col
            elif key.endswith("bis") or key == "bis":
                high_col = idx if high_col is None else high_col
        missing = []
        if street_col is None:
            missing.append(QT_TRANSLATE_NOOP("MappingPage", "Straße"))
        if district_col is None:
            missing.append(QT_TRANSLATE_NOOP("MappingPage", "Stadtbezirk"))
        if missing:
            columns = Message(QT_TRANSLATE_NOOP("StreetDirectory", "„{first}“ und „{second}“"),
                              first=Message(missing[0]), second=Message(missing[1])) if len(missing) > 1 else \
                Message(QT_TRANSLATE_NOOP("StreetDirectory", "„{first}“"), first=Message(missing[0]))
            raise UserError(Message(QT_TRANSLATE_NOOP("StreetDirectory", "Im Straßenverzeichnis fehlt die Spalte "
                                                                         "{columns}."), columns=columns),
                            file=name, row=table.format.header_row,
                            hint=Message(QT_TRANSLATE_NOOP("StreetDirectory", "Das Straßenverzeichnis braucht die "
                                                                              "Spalten Straße[, Hausnummer von, "
                                                                              "Hausnummer bis], Stadtbezirk[, "
                                                                              "Statistischer Bezirk].")))
        directory = cls(file_name=name, sha256=table.sha256)
        whole_street: dict[str, tuple[int, tuple[str, str]]] = {}
        for row, row_no in zip(table.rows, table.row_numbers):
            def cell(col: Optional[int]) -> str:
                return row[col].strip() if col is not None and col < len(row) else ""

            street = cell(street_col)
            district = cell(district_col)
            if not street and not district:
                continue
            if not street:
                raise UserError(Message(QT_TRANSLATE_NOOP("StreetDirectory", "Straßenname fehlt.")), file=name,
                                row=row_no, column=table.headers[street_col])
            if not district:
                raise UserError(Message(QT_TRANSLATE_NOOP("StreetDirectory", "Stadtbezirk fehlt.")), file=name,
                                row=row_no, column=table.headers[district_col])
            low_text, high_text = cell(low_col), cell(high_col)
            low = house_number_value(low_text) if low_text else None
            high = house_number_value(high_text) if high_text else None
            if low_text and low is None:
                raise UserError(Message(_NO_NUMBER, text=low_text), file=name, row=row_no,
                                column=table.headers[low_col])
            if high_text and high is None:
                raise UserError(Message(_NO_NUMBER, text=high_text), file=name, row=row_no,
                                column=table.headers[high_col])
            if low is not None and high is not None and high < low:
                raise UserError(Message(QT_TRANSLATE_NOOP("StreetDirectory", "Hausnummernbereich {low}–{high} ist "
                                                                             "leer (bis < von)."), low=low, high=high),
                                file=name, row=row_no, column=table.headers[high_col])
            key = normalise_street(street)
            if low is None and high is None:
                first = whole_street.get(key)
                if first is not None and first[1] != (district, cell(sub_col)):
                    raise UserError(Message(QT_TRANSLATE_NOOP("StreetDirectory", "Die Straße „{street}“ steht ohne "
                                                                                 "Hausnummernbereich zweimal im "
                                                                                 "Verzeichnis (auch in Zeile {row}) "
                                                                                 "mit verschiedenem Bezirk."),
                                            street=street, row=first[0]), file=name, row=row_no,
                                    column=table.headers[street_col],
                                    hint=Message(QT_TRANSLATE_NOOP("StreetDirectory", "Bitte für geteilte Straßen "
                                                                                      "„Hausnummer von“ und "
                                                                                      "„Hausnummer bis“ angeben.")))
                whole_street.setdefault(key, (row_no, (district, cell(sub_col))))
            directory.sections.setdefault(key, []).append(_Section(low, high, district, cell(sub_col)))
            directory.entries += 1
        if not directory.entries:
            raise UserError(Message(QT_TRANSLATE_NOOP("StreetDirectory", "Das Straßenverzeichnis enthält keine "
                                                                         "Einträge.")), file=name,
                            hint=Message(QT_TRANSLATE_NOOP("StreetDirectory", "Bitte die vollständige Datei wählen.")))
        return directory

    def add(self, street: str, district: str, subdistrict: str = "", *, low: Optional[int] = None,
            high: Optional[int] = None) -> None:
        """Add one entry (for tests and programmatic use)."""
        self.sections.setdefault(normalise_street(street), []).append(_Section(low, high, district, subdistrict))
        self.entries += 1

    def lookup(self, street: str, house_number: str = "") -> Optional[tuple[str, str]]:
        """``(district, subdistrict)`` for a street and house number, ``None`` if not found."""
        return self.lookup_normalised(normalise_street(street), house_number)

    def lookup_normalised(self, street_key: str, house_number: str = "") -> Optional[tuple[str, str]]:
        sections = self.sections.get(street_key)
        if not sections:
            return None
        number = house_number_value(house_number)
        for sec in sections:
            if sec.low is None and sec.high is None:
                return sec.district, sec.subdistrict
            if number is None:
                continue
            if (sec.low is None or number >= sec.low) and (sec.high is None or number <= sec.high):
                return sec.district, sec.subdistrict
        return None
