"""Validation of a read register: per problem row what is wrong, plus duplicates.

Works column by column: each function that interprets a cell (date, gender, street, …)
runs once per *distinct* value of the column and the results are mapped back onto the
rows, so a Dortmund-size extract (600,000 rows) validates in a few seconds.
Row numbers in issues are Excel's (header line = its own row number).
"""
from __future__ import annotations

import datetime as dt
from operator import itemgetter
from typing import Callable, Optional

import numpy as np

from .. import count_texts
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Count, Message
from ..progress import CancelToken, ProgressCallback, report
from .columns import Column, combine_codes
from .gc_pause import gc_paused
from .person_keys import PersonKeys
from .model import FIELD_LABELS, ColumnMapping, Field, RawTable, ValidatedRegister, ValidationIssue
from .normalize import (DateProblem, age_at, normalise_gender, normalise_house_number, normalise_name,
                        normalise_postcode, normalise_street, parse_birth_date, parse_partial_birth_date,
                        split_address)
from .street_directory import StreetDirectory

#: oldest plausible age in years
MAX_AGE = 120
#: longest text a register field may hold (names and addresses are far shorter)
MAX_FIELD_CHARS = 200

_GENDER_HINT = Message(QT_TRANSLATE_NOOP("RegisterValidation", "erlaubt sind m, w, d, x bzw. männlich, weiblich, "
                                                                 "divers, ohne Angabe"))


def _required_empty(label: str) -> Message:
    return Message(QT_TRANSLATE_NOOP("RegisterValidation", "Pflichtfeld „{field}“ ist leer"), field=Message(label))


class _Issues:
    """Collects issues and which rows are invalid."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.items: list[tuple[int, int, ValidationIssue]] = []  # (row index, column order, issue)
        self.invalid = np.zeros(table.rows_read, dtype=bool)

    def add(self, idx: int, col: Optional[int], message: Message, severity: str = "error") -> None:
        idx = int(idx)
        header = self.table.headers[col] if col is not None and col < len(self.table.headers) else ""
        self.items.append((idx, -1 if col is None else col,
                           ValidationIssue(row=int(self.table.row_numbers[idx]), column=header, message=str(message),
                                           severity=severity, message_obj=message)))
        if severity == "error":
            self.invalid[idx] = True

    def add_rows(self, rows: np.ndarray, col: Optional[int], message: Message, severity: str = "error") -> None:
        """The same issue for every row index in ``rows``."""
        for idx in np.asarray(rows).tolist():
            self.add(idx, col, message, severity)

    def sorted(self) -> list[ValidationIssue]:
        self.items.sort(key=lambda t: (t[0], t[1]))
        return [t[2] for t in self.items]


class _Coded:
    """A derived column: ``values[codes[i]]`` is the value of row ``i``; functions run once per value."""

    def __init__(self, codes: np.ndarray, values: list) -> None:
        self.codes = codes
        self.values = values

    @classmethod
    def of(cls, column: Column) -> "_Coded":
        return cls(column.codes, column.values)

    @classmethod
    def constant(cls, n: int, value: object) -> "_Coded":
        return cls(np.zeros(n, dtype=np.int32), [value])

    def map(self, func: Callable) -> "_Coded":
        return _Coded(self.codes, [func(v) for v in self.values])

    def dense(self) -> "_Coded":
        """The same values with one code per distinct value (equal values, equal codes)."""
        index: dict = {}
        remap = np.fromiter((index.setdefault(v, len(index)) for v in self.values), dtype=np.int64,
                            count=len(self.values))
        if len(index) == len(self.values):
            return self
        return _Coded(remap[self.codes], list(index))

    def combine(self, other: "_Coded", func: Callable) -> "_Coded":
        """Row-wise ``func(self value, other value)``, run once per distinct pair of codes."""
        codes, first = combine_codes(self.codes, other.codes)
        values = [func(self.values[a], other.values[b])
                  for a, b in zip(self.codes[first].tolist(), other.codes[first].tolist())]
        return _Coded(codes, values)

    def mask(self, predicate: Callable[[object], bool]) -> np.ndarray:
        """Boolean per row: ``predicate`` of the row's value."""
        per_value = np.fromiter(map(predicate, self.values), dtype=bool, count=len(self.values))
        return per_value[self.codes]

    def value_array(self, dtype=object) -> np.ndarray:
        out = np.empty(len(self.values), dtype=dtype)
        out[:] = self.values
        return out

    def take(self, rows: np.ndarray) -> np.ndarray:
        """Object array of the values of the given rows."""
        return self.value_array()[self.codes[rows]]


def _clean(text: str) -> str:
    """Surrounding spaces removed, inner runs of spaces collapsed (identity for clean text)."""
    cleaned = " ".join(text.split())
    return text if cleaned == text else cleaned


def validate_register(table: RawTable, mapping: ColumnMapping, *, reference_date: Optional[dt.date] = None,
                      street_directory: Optional[StreetDirectory] = None,
                      progress: Optional[ProgressCallback] = None,
                      cancel: Optional[CancelToken] = None) -> ValidatedRegister:
    """Check every row; the valid rows get age, gender, district, household and person key.

    Errors (row becomes invalid): wrong number of fields, empty required field, impossible
    or future birth date, age not a whole number of years, unknown gender code, street not
    in the street directory, duplicate of an earlier row (same person key).
    """
    for fld, idx in mapping.items():
        if not 0 <= idx < len(table.headers):
            raise UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Zuordnung für „{field}“ verweist auf "
                                                                      "Spalte {column}, die Datei hat aber nur "
                                                                      "{columns} Spalten."),
                                    field=Message(FIELD_LABELS[fld]) if fld in FIELD_LABELS else fld,
                                    column=idx + 1, columns=len(table.headers)), file=table.file_name,
                            hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte die Spaltenzuordnung korrigieren.")))
    with gc_paused():
        return _validate(table, mapping, reference_date or dt.date.today(), street_directory, progress, cancel)


def _validate(table: RawTable, mapping: ColumnMapping, ref: dt.date, street_directory: Optional[StreetDirectory],
              progress: Optional[ProgressCallback], cancel: Optional[CancelToken]) -> ValidatedRegister:
    n = table.rows_read
    width = len(table.headers)
    issues = _Issues(table)
    allow_serial = table.format.kind == "xlsx"
    report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Zeilen werden geprüft …")), cancel)

    # --- wrong number of fields (ragged rows; empty cells after the last column were cut on reading)
    for idx, row in sorted(table.irregular.items()):
        issues.add(idx, None, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Falsche Anzahl von Feldern: "
                                                                              "{found} statt {expected} "
                                                                              "(Trennzeichen oder "
                                                                              "Anführungszeichen in der Zeile "
                                                                              "prüfen)"),
                                      found=len(row), expected=width))

    # --- field length: no register field is longer than MAX_FIELD_CHARS
    for c, column in enumerate(table.columns):
        lengths = column.per_value(len, dtype=np.int64)
        if len(lengths) and lengths.max() > MAX_FIELD_CHARS:
            long_rows = np.flatnonzero(lengths[column.codes] > MAX_FIELD_CHARS)
            for idx in long_rows.tolist():
                issues.add(idx, c, _too_long(int(lengths[column.codes[idx]])))

    coded = {fld: _Coded.of(table.columns[c]) for fld, c in mapping.items()}

    def required_name(fld: Field) -> _Coded:
        if fld not in coded:
            return _Coded.constant(n, "")
        normalised = coded[fld].map(normalise_name).dense()
        issues.add_rows(np.flatnonzero(normalised.mask(_is_empty)), mapping[fld], _required_empty(FIELD_LABELS[fld]))
        return normalised

    fam_norm = required_name(Field.FAMILY_NAME)
    giv_norm = required_name(Field.GIVEN_NAMES)
    report(progress, 0.1, Message(QT_TRANSLATE_NOOP("Progress", "Geburtsdaten werden geprüft …")), cancel)

    # --- age: from birth date (preferred) or age column
    age = np.full(n, -1, dtype=np.int16)
    birth_key = _Coded.constant(n, "")
    if Field.BIRTH_DATE in coded:
        def future(t: str) -> Message:
            return Message(QT_TRANSLATE_NOOP("RegisterValidation", "Geburtsdatum „{text}“ liegt in der Zukunft "
                                                                   "(nach dem {date})"),
                           text=t, date=f"{ref:%d.%m.%Y}")

        def parse(text: str) -> tuple[int, str, Optional[Message], bool]:
            """(age or -1 empty / -2 error, date key text, German message, message is a warning)"""
            t = text.strip()
            if not t:
                return -1, "", None, False
            warning = None
            partial = parse_partial_birth_date(t)
            if partial is not None:
                born, key = partial
                warning = Message(QT_TRANSLATE_NOOP("RegisterValidation", "Geburtsdatum „{text}“ unvollständig "
                                                                          "(Tag/Monat unbekannt); Alter mit dem "
                                                                          "spätestmöglichen Tag {date} berechnet"),
                                  text=t, date=f"{born:%d.%m.%Y}")
            else:
                try:
                    born = parse_birth_date(t, ref, allow_serial=allow_serial)
                except DateProblem as exc:
                    return -2, "", exc.message_obj, False
                key = born.isoformat()
            if born > ref and partial is None:
                return -2, "", future(t), False
            years = max(0, age_at(born, ref))
            if years > MAX_AGE:
                return -2, "", Message(QT_TRANSLATE_NOOP("RegisterValidation", "Geburtsdatum „{text}“ ist "
                                                                               "unplausibel (über {years} Jahre)"),
                                       text=t, years=MAX_AGE), False
            if partial is not None and born.year > ref.year:
                return -2, "", future(t), False
            return years, key, warning, warning is not None

        parsed = coded[Field.BIRTH_DATE].map(parse)
        age = np.fromiter((p[0] for p in parsed.values), dtype=np.int16, count=len(parsed.values))[parsed.codes]
        birth_key = parsed.map(itemgetter(1)).dense()
        bd_col = mapping[Field.BIRTH_DATE]
        for idx in np.flatnonzero(age == -2).tolist():
            issues.add(idx, bd_col, parsed.values[parsed.codes[idx]][2])
        for idx in np.flatnonzero(parsed.mask(itemgetter(3))).tolist():
            issues.add(idx, bd_col, parsed.values[parsed.codes[idx]][2], severity="warning")
    if Field.AGE in coded:
        def parse_age(text: str) -> tuple[int, Optional[Message]]:
            t = text.strip()
            if not t:
                return -1, None
            if t.endswith((",0", ".0")):
                t = t[:-2]
            if not t.isdigit():
                return -2, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Alter „{text}“ ist keine ganze Zahl von "
                                                                           "Jahren"), text=text.strip())
            years = int(t)
            if years > MAX_AGE:
                return -2, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Alter „{text}“ ist unplausibel (über "
                                                                           "{years} Jahre)"), text=t, years=MAX_AGE)
            return years, None

        parsed_a = coded[Field.AGE].map(parse_age)
        ages_from_col = np.fromiter((p[0] for p in parsed_a.values), dtype=np.int16,
                                    count=len(parsed_a.values))[parsed_a.codes]
        take = age == -1
        age_col = mapping[Field.AGE]
        for idx in np.flatnonzero(take & (ages_from_col == -2)).tolist():
            issues.add(idx, age_col, parsed_a.values[parsed_a.codes[idx]][1])
        age = np.where(take, ages_from_col, age)
    missing_age = np.flatnonzero(age == -1)
    if len(missing_age):
        if Field.BIRTH_DATE in coded:
            c, label = mapping[Field.BIRTH_DATE], FIELD_LABELS[Field.BIRTH_DATE]
        elif Field.AGE in coded:
            c, label = mapping[Field.AGE], FIELD_LABELS[Field.AGE]
        else:
            c, label = None, QT_TRANSLATE_NOOP("RegisterValidation", "Geburtsdatum oder Alter")
        issues.add_rows(missing_age, c, _required_empty(label))
    report(progress, 0.3, Message(QT_TRANSLATE_NOOP("Progress", "Geschlecht wird geprüft …")), cancel)

    # --- gender
    if Field.GENDER in coded:
        g_col = mapping[Field.GENDER]
        raw_gender = coded[Field.GENDER]
        genders = raw_gender.map(normalise_gender)
        for idx in np.flatnonzero(genders.mask(_is_none)).tolist():
            text = raw_gender.values[raw_gender.codes[idx]].strip()
            if text:
                issues.add(idx, g_col, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Unbekannter "
                                                                 "Geschlechtsschlüssel „{code}“ ({hint})"),
                                               code=text, hint=_GENDER_HINT))
            else:
                issues.add(idx, g_col, _required_empty(FIELD_LABELS[Field.GENDER]))
        gender = np.array([g or "x" for g in genders.values], dtype="<U1")[genders.codes]
    else:
        gender = np.full(n, "x", dtype="<U1")
    report(progress, 0.45, Message(QT_TRANSLATE_NOOP("Progress", "Anschriften werden geprüft …")), cancel)

    # --- address and household key
    hnr_values = coded.get(Field.HOUSE_NUMBER)
    if hnr_values is not None and Field.HOUSE_NUMBER_SUFFIX in coded:
        # "12" + "a" -> "12a" (the household key ignores the space either way)
        hnr_values = hnr_values.combine(coded[Field.HOUSE_NUMBER_SUFFIX],
                                        lambda h, x: f"{h.strip()} {x.strip()}" if x.strip() else h)
    plz_norm = coded[Field.POSTCODE].map(normalise_postcode) if Field.POSTCODE in coded else _Coded.constant(n, "")
    if Field.STREET in coded:
        street_col = mapping[Field.STREET]
        if hnr_values is not None:
            streets, numbers = coded[Field.STREET], hnr_values
            hnr_col = mapping[Field.HOUSE_NUMBER]
        else:  # street column may hold "Hauptstraße 12"
            split = coded[Field.STREET].map(split_address)
            streets, numbers = split.map(itemgetter(0)), split.map(itemgetter(1))
            hnr_col = street_col
    elif Field.ADDRESS in coded:
        street_col = hnr_col = mapping[Field.ADDRESS]
        split = coded[Field.ADDRESS].map(split_address)
        streets, numbers = split.map(itemgetter(0)), split.map(itemgetter(1))
        if hnr_values is not None:  # "Anschrift" without number plus a "Hausnummer" column
            numbers = numbers.combine(hnr_values, lambda num, extra: num or extra)
            hnr_col = mapping[Field.HOUSE_NUMBER]
        if Field.POSTCODE not in coded:
            plz_norm = split.map(itemgetter(2))
    else:
        street_col = hnr_col = None
        streets = numbers = _Coded.constant(n, "")
    street_norm = streets.map(normalise_street).dense()
    hnr_norm = numbers.map(normalise_house_number).dense()
    plz_norm = plz_norm.dense()
    street_filled = ~street_norm.mask(_is_empty)
    if street_col is not None:
        s_label = FIELD_LABELS[Field.STREET] if Field.STREET in mapping else FIELD_LABELS[Field.ADDRESS]
        issues.add_rows(np.flatnonzero(~street_filled), street_col, _required_empty(s_label))
        empty_number = _required_empty(FIELD_LABELS[Field.HOUSE_NUMBER])
        for idx in np.flatnonzero(hnr_norm.mask(_is_empty) & street_filled).tolist():
            if hnr_col == street_col:
                issues.add(idx, hnr_col, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Anschrift „{address}“ "
                                                                   "enthält keine Hausnummer"),
                                                 address=streets.values[streets.codes[idx]].strip()))
            else:
                issues.add(idx, hnr_col, empty_number)
    hh_codes, hh_first = combine_codes(plz_norm.codes, street_norm.codes, hnr_norm.codes)
    hh_key = _Coded(hh_codes, [f"{plz_norm.values[p]}|{street_norm.values[s]}|{hnr_norm.values[h]}"
                               for p, s, h in zip(plz_norm.codes[hh_first].tolist(),
                                                  street_norm.codes[hh_first].tolist(),
                                                  hnr_norm.codes[hh_first].tolist())])
    report(progress, 0.6, Message(QT_TRANSLATE_NOOP("Progress", "Stadtbezirke werden zugeordnet …")), cancel)

    # --- district and statistical sub-district
    district = coded[Field.DISTRICT].map(_clean) if Field.DISTRICT in coded else _Coded.constant(n, "")
    subdistrict = coded[Field.SUBDISTRICT].map(_clean) if Field.SUBDISTRICT in coded else _Coded.constant(n, "")
    district_of = district.take(np.arange(n))
    subdistrict_of = subdistrict.take(np.arange(n))
    if street_directory is not None:
        need = np.flatnonzero(district.mask(_is_empty) & street_filled)
        if len(need):
            pair_codes, pair_first = combine_codes(street_norm.codes[need], numbers.codes[need])
            hits = [street_directory.lookup_normalised(street_norm.values[street_norm.codes[i]],
                                                       numbers.values[numbers.codes[i]])
                    for i in need[pair_first].tolist()]
            for idx, pair in zip(need.tolist(), pair_codes.tolist()):
                hit = hits[pair]
                if hit is None:
                    issues.add(idx, street_col,
                               Message(QT_TRANSLATE_NOOP("RegisterValidation", "Straße „{street}“ (Hausnummer "
                                                                               "„{number}“) nicht im "
                                                                               "Straßenverzeichnis „{directory}“ "
                                                                               "gefunden; Stadtbezirk unbekannt"),
                                       street=streets.values[streets.codes[idx]].strip(),
                                       number=numbers.values[numbers.codes[idx]].strip(),
                                       directory=street_directory.file_name))
                else:
                    district_of[idx] = hit[0]
                    if not subdistrict_of[idx]:
                        subdistrict_of[idx] = hit[1]
    elif Field.DISTRICT in coded:
        issues.add_rows(np.flatnonzero(district.mask(_is_empty)), mapping[Field.DISTRICT],
                        _required_empty(FIELD_LABELS[Field.DISTRICT]))
    report(progress, 0.7, Message(QT_TRANSLATE_NOOP("Progress", "Doppelte Einträge werden gesucht …")), cancel)

    # --- person key and duplicates
    identity, identity_first = combine_codes(fam_norm.codes, giv_norm.codes, birth_key.codes, hh_codes)
    duplicate_rows: list[tuple[int, int]] = []
    # age-only extract: the person key has no date; two people of the same name at one
    # address (father and son) are duplicates only if their ages match too
    dup_codes, dup_first = (identity, identity_first) if Field.BIRTH_DATE in coded else \
        combine_codes(identity, age.astype(np.int64) + 2)
    if len(dup_first) != n:
        first_row = dup_first[dup_codes]
        named = ~fam_norm.mask(_is_empty) & ~giv_norm.mask(_is_empty)
        for idx in np.flatnonzero((first_row != np.arange(n)) & named).tolist():
            first = int(first_row[idx])
            row_no, first_no = int(table.row_numbers[idx]), int(table.row_numbers[first])
            duplicate_rows.append((row_no, first_no))
            issues.add(idx, None, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Doppelter Eintrag: dieselbe "
                                                                                  "Person wie in Zeile {row}"),
                                          row=first_no))
    report(progress, 0.8, Message(QT_TRANSLATE_NOOP("Progress", "Schlüssel werden berechnet …")), cancel)

    valid_index = np.flatnonzero(~issues.invalid).astype(np.int64)
    person_key = _person_keys(identity[valid_index], identity_first, fam_norm, giv_norm, birth_key, hh_key)
    result = ValidatedRegister(
        table=table, mapping=dict(mapping), reference_date=ref, valid_index=valid_index,
        age=age[valid_index].astype(np.int16), gender=gender[valid_index], district=district_of[valid_index],
        subdistrict=subdistrict_of[valid_index], household_key=hh_key.take(valid_index), person_key=person_key,
        issues=issues.sorted(), duplicate_rows=duplicate_rows, coded=_draw_codes(valid_index, hh_key, len(hh_first),
                                                                                 district, subdistrict,
                                                                                 street_directory is None))
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "{valid} gültig"),
                                  valid=count_texts.of_total(result.rows_valid, count_texts.rows(n))), cancel)
    return result


def _draw_codes(valid_index: np.ndarray, hh_key: _Coded, households: int, district: _Coded, subdistrict: _Coded,
                districts_as_read: bool) -> dict:
    """:attr:`ValidatedRegister.coded` (district codes only while no street directory filled any in)."""
    out: dict = {"household": (hh_key.codes[valid_index], households)}
    if districts_as_read:
        out["district"] = (district.codes[valid_index], district.values)
        out["subdistrict"] = (subdistrict.codes[valid_index], subdistrict.values)
    return out


def _person_keys(identity: np.ndarray, identity_first: np.ndarray, fam: _Coded, giv: _Coded, birth: _Coded,
                 hh: _Coded) -> PersonKeys:
    """Person keys (documented in :mod:`.normalize`) of the given identity codes, hashed when read."""
    rows = identity_first[identity]
    return PersonKeys([fam.codes[rows], giv.codes[rows], birth.codes[rows], hh.codes[rows]],
                      [fam.values, giv.values, birth.values, hh.values])


def _is_empty(value: object) -> bool:
    return not value


def _is_none(value: object) -> bool:
    return value is None


def _too_long(length: int) -> Message:
    return Message(QT_TRANSLATE_NOOP("RegisterValidation", "Feld ist mit {length} Zeichen zu lang (höchstens "
                                                           "{limit}); vermutlich ist die Datei beschädigt oder "
                                                           "falsch exportiert"),
                   length=Count(length), limit=MAX_FIELD_CHARS)
