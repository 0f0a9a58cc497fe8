"""Validation of a read register: per problem row what is wrong, plus duplicates.

Works column by column: each function that interprets a cell (date, gender, street, …)
runs once per *distinct* value of the column and the results are mapped back onto the
rows, so a Dortmund-size extract (600,000 rows) validates in a few seconds.
Row numbers in issues are Excel's (header line = its own row number).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from operator import itemgetter
from typing import Callable, Optional

import numpy as np

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Count, Message
from ..progress import CancelToken, ProgressCallback, report
from .gc_pause import gc_paused
from .model import FIELD_LABELS, ColumnMapping, Field, RawTable, ValidatedRegister, ValidationIssue
from .normalize import (DateProblem, age_at, normalise_gender, normalise_house_number, normalise_name,
                        normalise_postcode, normalise_street, parse_birth_date, parse_partial_birth_date,
                        split_address)
from .street_directory import StreetDirectory

#: oldest plausible age in years
MAX_AGE = 120

_GENDER_HINT = Message(QT_TRANSLATE_NOOP("RegisterValidation", "erlaubt sind m, w, d, x bzw. männlich, weiblich, "
                                                                 "divers, ohne Angabe"))


def _required_empty(label: str) -> Message:
    return Message(QT_TRANSLATE_NOOP("RegisterValidation", "Pflichtfeld „{field}“ ist leer"), field=Message(label))


class _Issues:
    """Collects issues and which rows are invalid."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.items: list[tuple[int, int, ValidationIssue]] = []  # (row index, column order, issue)
        self.invalid = np.zeros(len(table.rows), dtype=bool)

    def add(self, idx: int, col: Optional[int], message: Message, severity: str = "error") -> None:
        header = self.table.headers[col] if col is not None and col < len(self.table.headers) else ""
        self.items.append((idx, -1 if col is None else col,
                           ValidationIssue(row=self.table.row_numbers[idx], column=header, message=str(message),
                                           severity=severity, message_obj=message)))
        if severity == "error":
            self.invalid[idx] = True

    def sorted(self) -> list[ValidationIssue]:
        self.items.sort(key=lambda t: (t[0], t[1]))
        return [t[2] for t in self.items]


def _transpose(rows: list[list[str]], width: int, ragged: bool) -> list[tuple[str, ...]]:
    """The table's columns (rows of another length padded with "" or cut to ``width``)."""
    if not rows:
        return [()] * width
    if ragged:
        pad = [""] * width
        rows = [r if len(r) == width else (r + pad)[:width] for r in rows]
    return list(zip(*rows))


def _per_unique(values, func: Callable[[str], object]) -> list:
    """``[func(v) for v in values]``, calling ``func`` once per distinct value.

    Returns ``values`` itself when ``func`` changes none of them (clean columns).
    """
    cache = {u: func(u) for u in set(values)}
    if all(k is v for k, v in cache.items()):
        return values
    return list(map(cache.__getitem__, values))


def _clean(text: str) -> str:
    """Surrounding spaces removed, inner runs of spaces collapsed (identity for clean text)."""
    cleaned = " ".join(text.split())
    return text if cleaned == text else cleaned


def _empty_indices(values: list[str], n: int) -> list[int]:
    """Indices of empty strings in ``values``."""
    return np.flatnonzero(~np.fromiter(map(bool, values), dtype=bool, count=n)).tolist()


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
    rows = table.rows
    n = len(rows)
    width = len(table.headers)
    issues = _Issues(table)
    allow_serial = table.format.kind == "xlsx"
    report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Zeilen werden geprüft …")), cancel)

    # --- wrong number of fields (ragged rows)
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    for idx in np.flatnonzero(lengths != width):
        row = rows[idx]
        if len(row) > width and not any(c.strip() for c in row[width:]):
            continue  # only empty cells after the last column (trailing delimiters)
        issues.add(int(idx), None, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Falsche Anzahl von Feldern: "
                                                                                   "{found} statt {expected} "
                                                                                   "(Trennzeichen oder "
                                                                                   "Anführungszeichen in der Zeile "
                                                                                   "prüfen)"),
                                           found=len(row), expected=width))

    columns = _transpose(rows, width, bool((lengths != width).any()))

    def col(fld: Field):
        c = mapping.get(fld)
        return None if c is None else columns[c]

    def required_name(fld: Field) -> list[str]:
        values = col(fld)
        if values is None:
            return [""] * n
        normalised = _per_unique(values, normalise_name)
        empty = _required_empty(FIELD_LABELS[fld])
        for idx in _empty_indices(normalised, n):
            issues.add(idx, mapping[fld], empty)
        return normalised

    fam_norm = required_name(Field.FAMILY_NAME)
    giv_norm = required_name(Field.GIVEN_NAMES)
    report(progress, 0.1, Message(QT_TRANSLATE_NOOP("Progress", "Geburtsdaten werden geprüft …")), cancel)

    # --- age: from birth date (preferred) or age column
    age = np.full(n, -1, dtype=np.int16)
    birth_iso: list[str] = [""] * n
    bd_values = col(Field.BIRTH_DATE)
    age_values = col(Field.AGE)
    if bd_values is not None:
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

        cache = {u: parse(u) for u in set(bd_values)}
        parsed = list(map(cache.__getitem__, bd_values))
        age = np.fromiter(map(itemgetter(0), parsed), dtype=np.int16, count=n)
        birth_iso = list(map(itemgetter(1), parsed))
        bd_col = mapping[Field.BIRTH_DATE]
        for idx in np.flatnonzero(age == -2).tolist():
            issues.add(idx, bd_col, parsed[idx][2])
        if any(v[3] for v in cache.values()):
            for idx, item in enumerate(parsed):
                if item[3]:
                    issues.add(idx, bd_col, item[2], severity="warning")
        del parsed, cache
    if age_values is not None:
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

        cache_a = {u: parse_age(u) for u in set(age_values)}
        parsed_a = list(map(cache_a.__getitem__, age_values))
        ages_from_col = np.fromiter(map(itemgetter(0), parsed_a), dtype=np.int16, count=n)
        take = age == -1
        age_col = mapping[Field.AGE]
        for idx in np.flatnonzero(take & (ages_from_col == -2)).tolist():
            issues.add(idx, age_col, parsed_a[idx][1])
        age = np.where(take, ages_from_col, age)
        del parsed_a, cache_a
    missing_age = np.flatnonzero(age == -1).tolist()
    if missing_age:
        if bd_values is not None:
            c, label = mapping[Field.BIRTH_DATE], FIELD_LABELS[Field.BIRTH_DATE]
        elif age_values is not None:
            c, label = mapping[Field.AGE], FIELD_LABELS[Field.AGE]
        else:
            c, label = None, QT_TRANSLATE_NOOP("RegisterValidation", "Geburtsdatum oder Alter")
        empty = _required_empty(label)
        for idx in missing_age:
            issues.add(idx, c, empty)
    report(progress, 0.3, Message(QT_TRANSLATE_NOOP("Progress", "Geschlecht wird geprüft …")), cancel)

    # --- gender
    g_values = col(Field.GENDER)
    if g_values is not None:
        g_col = mapping[Field.GENDER]
        g_cache = {u: normalise_gender(u) for u in set(g_values)}
        genders = list(map(g_cache.__getitem__, g_values))
        bad = [u for u, v in g_cache.items() if v is None]
        if bad:
            bad_set = set(bad)
            for idx, v in enumerate(g_values):
                if v in bad_set:
                    if v.strip():
                        issues.add(idx, g_col, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Unbekannter "
                                                                         "Geschlechtsschlüssel „{code}“ ({hint})"),
                                                       code=v.strip(), hint=_GENDER_HINT))
                    else:
                        issues.add(idx, g_col, _required_empty(FIELD_LABELS[Field.GENDER]))
        gender = np.array([g or "x" for g in genders], dtype="<U1")
        del genders
    else:
        gender = np.full(n, "x", dtype="<U1")
    report(progress, 0.45, Message(QT_TRANSLATE_NOOP("Progress", "Anschriften werden geprüft …")), cancel)

    # --- address and household key
    street_values = col(Field.STREET)
    hnr_values = col(Field.HOUSE_NUMBER)
    suffix_values = col(Field.HOUSE_NUMBER_SUFFIX)
    if hnr_values is not None and suffix_values is not None:
        # "12" + "a" -> "12a" (the household key ignores the space either way)
        hnr_values = [f"{h.strip()} {x.strip()}" if x.strip() else h for h, x in zip(hnr_values, suffix_values)]
    addr_values = col(Field.ADDRESS)
    plz_values = col(Field.POSTCODE)
    plz_norm = _per_unique(plz_values, normalise_postcode) if plz_values is not None else [""] * n
    if street_values is not None:
        street_col = mapping[Field.STREET]
        if hnr_values is not None:
            streets = street_values
            numbers = hnr_values
            hnr_col = mapping[Field.HOUSE_NUMBER]
        else:  # street column may hold "Hauptstraße 12"
            split = _per_unique(street_values, split_address)
            streets = list(map(itemgetter(0), split))
            numbers = list(map(itemgetter(1), split))
            hnr_col = street_col
            del split
    elif addr_values is not None:
        street_col = hnr_col = mapping[Field.ADDRESS]
        split = _per_unique(addr_values, split_address)
        streets = list(map(itemgetter(0), split))
        numbers = list(map(itemgetter(1), split))
        if hnr_values is not None:  # "Anschrift" without number plus a "Hausnummer" column
            numbers = [num or extra for num, extra in zip(numbers, hnr_values)]
            hnr_col = mapping[Field.HOUSE_NUMBER]
        if plz_values is None:
            plz_norm = list(map(itemgetter(2), split))
        del split
    else:
        street_col = hnr_col = None
        streets = [""] * n
        numbers = [""] * n
    street_norm = _per_unique(streets, normalise_street)
    hnr_norm = _per_unique(numbers, normalise_house_number)
    if street_col is not None:
        s_label = FIELD_LABELS[Field.STREET] if Field.STREET in mapping else FIELD_LABELS[Field.ADDRESS]
        empty = _required_empty(s_label)
        for idx in _empty_indices(street_norm, n):
            issues.add(idx, street_col, empty)
        empty_number = _required_empty(FIELD_LABELS[Field.HOUSE_NUMBER])
        for idx in _empty_indices(hnr_norm, n):
            if street_norm[idx]:
                if hnr_col == street_col:
                    issues.add(idx, hnr_col, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Anschrift „{address}“ "
                                                                       "enthält keine Hausnummer"),
                                                     address=streets[idx].strip()))
                else:
                    issues.add(idx, hnr_col, empty_number)
    hh_key = [f"{p}|{s}|{h}" for p, s, h in zip(plz_norm, street_norm, hnr_norm)]
    del plz_norm
    report(progress, 0.6, Message(QT_TRANSLATE_NOOP("Progress", "Stadtbezirke werden zugeordnet …")), cancel)

    # --- district and statistical sub-district
    d_values = col(Field.DISTRICT)
    s_values = col(Field.SUBDISTRICT)
    district = list(_per_unique(d_values, _clean)) if d_values is not None else [""] * n
    subdistrict = list(_per_unique(s_values, _clean)) if s_values is not None else [""] * n
    if street_directory is not None:
        lookup_cache: dict[tuple[str, str], Optional[tuple[str, str]]] = {}
        for idx in range(n):
            if district[idx] or not street_norm[idx]:
                continue
            key = (street_norm[idx], hnr_norm[idx])
            hit = lookup_cache.get(key, False)
            if hit is False:
                hit = lookup_cache[key] = street_directory.lookup_normalised(key[0], numbers[idx])
            if hit is None:
                issues.add(idx, street_col,
                           Message(QT_TRANSLATE_NOOP("RegisterValidation", "Straße „{street}“ (Hausnummer „{number}“) "
                                                                           "nicht im Straßenverzeichnis „{directory}“ "
                                                                           "gefunden; Stadtbezirk unbekannt"),
                                   street=streets[idx].strip(), number=numbers[idx].strip(),
                                   directory=street_directory.file_name))
            else:
                district[idx] = hit[0]
                if not subdistrict[idx]:
                    subdistrict[idx] = hit[1]
    elif d_values is not None:
        d_col = mapping[Field.DISTRICT]
        empty = _required_empty(FIELD_LABELS[Field.DISTRICT])
        for idx in _empty_indices(district, n):
            issues.add(idx, d_col, empty)
    report(progress, 0.7, Message(QT_TRANSLATE_NOOP("Progress", "Doppelte Einträge werden gesucht …")), cancel)

    # --- person key and duplicates
    identity = [f"{f}|{g}|{b}|{h}" for f, g, b, h in zip(fam_norm, giv_norm, birth_iso, hh_key)]
    first_seen: dict[str, int] = {}
    duplicate_rows: list[tuple[int, int]] = []
    setdefault = first_seen.setdefault
    if bd_values is None:
        # age-only extract: the person key has no date; two people of the same name at one
        # address (father and son) are duplicates only if their ages match too
        dup_ident = [f"{i}|{a}" for i, a in zip(identity, age.tolist())]
    else:
        dup_ident = identity
    for idx, ident in enumerate(dup_ident if len(set(dup_ident)) != n else ()):
        first = setdefault(ident, idx)
        if first != idx and fam_norm[idx] and giv_norm[idx]:
            row_no, first_no = table.row_numbers[idx], table.row_numbers[first]
            duplicate_rows.append((row_no, first_no))
            issues.add(idx, None, Message(QT_TRANSLATE_NOOP("RegisterValidation", "Doppelter Eintrag: dieselbe "
                                                                                  "Person wie in Zeile {row}"),
                                          row=first_no))
    del first_seen, dup_ident
    report(progress, 0.8, Message(QT_TRANSLATE_NOOP("Progress", "Schlüssel werden berechnet …")), cancel)

    valid_index = np.flatnonzero(~issues.invalid).astype(np.int64)
    vi = valid_index.tolist()
    sha = hashlib.sha256
    person_key = np.empty(len(vi), dtype=object)
    person_key[:] = [sha(identity[i].encode("utf-8")).hexdigest() for i in vi]
    del identity
    hh_arr = np.empty(len(vi), dtype=object)
    hh_arr[:] = [hh_key[i] for i in vi]
    d_arr = np.empty(len(vi), dtype=object)
    d_arr[:] = [district[i] for i in vi]
    s_arr = np.empty(len(vi), dtype=object)
    s_arr[:] = [subdistrict[i] for i in vi]
    result = ValidatedRegister(
        table=table, mapping=dict(mapping), reference_date=ref, valid_index=valid_index,
        age=age[valid_index].astype(np.int16), gender=gender[valid_index], district=d_arr, subdistrict=s_arr,
        household_key=hh_arr, person_key=person_key, issues=issues.sorted(), duplicate_rows=duplicate_rows)
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "{valid} von {count} Zeilen gültig"),
                                  valid=Count(result.rows_valid),
                                  count=Count(n)), cancel)
    return result
