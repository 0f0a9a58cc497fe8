"""Name and postal address of one register row, from the mapped columns (for letters and storage)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..register.model import Field, ValidatedRegister

_PLZ_ORT = re.compile(r"^(?P<street>.*?)[,;]?\s+(?P<plz>\d{5})\s+(?P<city>\S.*)$")


@dataclass(frozen=True)
class PersonAddress:
    family_name: str
    given_names: str
    street_line: str        # "Musterstraße 12a"
    postcode: str
    city: str

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name) if p)

    @property
    def city_line(self) -> str:
        return " ".join(p for p in (self.postcode, self.city) if p)


def _cell(row: list[str], mapping: dict, field: Field) -> str:
    idx = mapping.get(field)
    if idx is None or idx < 0 or idx >= len(row):
        return ""
    return " ".join(str(row[idx]).split())


def person_address(register: ValidatedRegister, row_index: int) -> PersonAddress:
    """Name and address of ``register.table.rows[row_index]`` (whitespace tidied, nothing else changed)."""
    row = register.table.rows[row_index]
    m = register.mapping
    street = _cell(row, m, Field.STREET)
    number = _cell(row, m, Field.HOUSE_NUMBER)
    suffix = _cell(row, m, Field.HOUSE_NUMBER_SUFFIX)
    if suffix:
        number = f"{number}{suffix}" if len(suffix) <= 2 and suffix.isalpha() else f"{number} {suffix}"
    if street:
        street_line = f"{street} {number}".strip()
    else:
        street_line = _cell(row, m, Field.ADDRESS)
    postcode = _cell(row, m, Field.POSTCODE)
    city = _cell(row, m, Field.CITY)
    if not postcode and street_line:
        # one "Anschrift" column may carry "Musterstraße 12, 44137 Dortmund"
        match = _PLZ_ORT.match(street_line)
        if match:
            street_line = match.group("street").strip().rstrip(",")
            postcode = match.group("plz")
            city = city or match.group("city").strip()
    return PersonAddress(family_name=_cell(row, m, Field.FAMILY_NAME), given_names=_cell(row, m, Field.GIVEN_NAMES),
                         street_line=street_line, postcode=postcode, city=city)
