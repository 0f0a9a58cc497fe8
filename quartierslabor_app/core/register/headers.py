"""Automatic recognition of German register column headers and the required-field check."""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..messages import QT_TRANSLATE_NOOP, Message
from .model import FIELD_LABELS, ColumnMapping, Field
from .normalize import fold

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """Header folded for matching: case, spaces, dots, hyphens and umlaut spelling ignored."""
    return _NON_ALNUM.sub("", fold(str(text or "")))


#: exact header keys per field (after :func:`header_key`), most specific fields first
_SYNONYMS: tuple[tuple[Field, tuple[str, ...]], ...] = (
    (Field.SUBDISTRICT, ("statistischerbezirk", "statbezirk", "statbez", "statistischerunterbezirk",
                         "statunterbezirk", "unterbezirk", "stadtteil", "ortsteil", "statistischesviertel",
                         "statistischerbezirkname", "bezirkstatistisch", "sbz", "stbz")),
    (Field.DISTRICT, ("stadtbezirk", "bezirk", "stadtbez", "stbez", "stadtbezirksname", "stadtbezirkname",
                      "bezirksname", "stadtbezirksbezeichnung")),
    (Field.FAMILY_NAME, ("familienname", "name", "nachname", "zuname", "famname", "familienn",
                         "nachnamen", "familiennamen")),
    (Field.GIVEN_NAMES, ("vorname", "vornamen", "rufname", "vorn", "vornamn", "vornamerufname")),
    (Field.BIRTH_DATE, ("geburtsdatum", "gebdatum", "gebdat", "geburtstag", "geboren", "gebam", "geburtsdat",
                        "geb", "geburt", "dateofbirth", "birthdate")),
    (Field.AGE, ("alter", "alterinjahren", "lebensalter", "alterjahre", "jahre")),
    (Field.GENDER, ("geschlecht", "geschl", "sex", "gender", "geschlechtmwd", "geschlechtmwdx")),
    (Field.ADDRESS, ("anschrift", "adresse", "wohnanschrift", "strasseundhausnummer", "strassehausnummer",
                     "strassenr", "strasseundnr", "strasseundhausnr", "strassehausnr", "wohnadresse",
                     "strhnr", "strassehnr")),
    (Field.STREET, ("strasse", "str", "strassenname", "strassenbezeichnung", "strase")),
    (Field.HOUSE_NUMBER_SUFFIX, ("hausnummerzusatz", "hausnummernzusatz", "hausnrzusatz", "hnrzusatz", "zusatz",
                                 "hausnummerzus", "hausnrzus", "hnrzus", "buchstabe", "hausnummerbuchstabe")),
    (Field.HOUSE_NUMBER, ("hausnummer", "hausnr", "hnr", "nr", "hausnummermitzusatz", "hausnummern")),
    (Field.POSTCODE, ("plz", "postleitzahl", "postltz", "plzort")),
    (Field.CITY, ("ort", "wohnort", "stadt", "gemeinde", "wohnortname")),
)

#: prefixes accepted when no exact match exists ("Geburtsdatum (TT.MM.JJJJ)", "Straße/Platz")
_PREFIXES: tuple[tuple[Field, tuple[str, ...]], ...] = (
    (Field.SUBDISTRICT, ("statistisch", "statbez", "unterbezirk")),
    (Field.DISTRICT, ("stadtbezirk",)),
    (Field.FAMILY_NAME, ("familienname", "nachname")),
    (Field.GIVEN_NAMES, ("vorname", "rufname")),
    (Field.BIRTH_DATE, ("geburtsdatum", "gebdatum", "geburtstag")),
    (Field.AGE, ("alterin", "alterjahr")),
    (Field.GENDER, ("geschlecht",)),
    (Field.ADDRESS, ("anschrift", "adresse", "strasseundhaus", "strassehaus")),
    (Field.STREET, ("strasse",)),
    (Field.HOUSE_NUMBER, ("hausnummer", "hausnr")),
    (Field.POSTCODE, ("postleitzahl", "plz")),
)


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Which column holds which field, recognised from German header texts.

    Each column gets at most one field and each field at most one column (the first
    matching one, exact matches before prefix matches). Unrecognised columns stay unmapped.
    """
    keys = [header_key(h) for h in headers]
    mapping: ColumnMapping = {}
    used: set[int] = set()
    for table in (_SYNONYMS, _PREFIXES):
        for fld, names in table:
            if fld in mapping:
                continue
            for idx, key in enumerate(keys):
                if idx in used or not key:
                    continue
                hit = key in names if table is _SYNONYMS else any(key.startswith(p) for p in names)
                if hit:
                    mapping[fld] = idx
                    used.add(idx)
                    break
    # "Hausnummer" next to an "Anschrift" column means that column is just the street
    if Field.ADDRESS in mapping and Field.HOUSE_NUMBER in mapping and Field.STREET not in mapping:
        mapping[Field.STREET] = mapping.pop(Field.ADDRESS)
    return mapping


def count_known_headers(cells: Iterable[str]) -> int:
    """How many cells look like known register headers (used to find the header row)."""
    return len(guess_mapping([str(c) for c in cells]))


def required_fields_missing(mapping: ColumnMapping, *, need_district: bool,
                            need_gender: bool = True) -> list[str]:
    """German labels of the required fields the mapping lacks (empty list: complete)."""
    return [str(m) for m in required_fields_missing_messages(mapping, need_district=need_district,
                                                              need_gender=need_gender)]


def required_fields_missing_messages(mapping: ColumnMapping, *, need_district: bool,
                                     need_gender: bool = True) -> list[Message]:
    """:func:`required_fields_missing` as translatable messages."""
    missing: list[Message] = []
    if Field.FAMILY_NAME not in mapping:
        missing.append(Message(FIELD_LABELS[Field.FAMILY_NAME]))
    if Field.GIVEN_NAMES not in mapping:
        missing.append(Message(FIELD_LABELS[Field.GIVEN_NAMES]))
    if Field.BIRTH_DATE not in mapping and Field.AGE not in mapping:
        missing.append(Message(QT_TRANSLATE_NOOP("RegisterFile", "{birth_date} oder {age}"),
                               birth_date=Message(FIELD_LABELS[Field.BIRTH_DATE]),
                               age=Message(FIELD_LABELS[Field.AGE])))
    if need_gender and Field.GENDER not in mapping:
        missing.append(Message(FIELD_LABELS[Field.GENDER]))
    if Field.STREET not in mapping and Field.ADDRESS not in mapping:
        missing.append(Message(QT_TRANSLATE_NOOP("RegisterFile", "{street} und {number} (oder {address})"),
                               street=Message(FIELD_LABELS[Field.STREET]),
                               number=Message(FIELD_LABELS[Field.HOUSE_NUMBER]),
                               address=Message(FIELD_LABELS[Field.ADDRESS])))
    if need_district and Field.DISTRICT not in mapping:
        missing.append(Message(FIELD_LABELS[Field.DISTRICT]))
    return missing


def ambiguous_columns(headers: Sequence[str], mapping: ColumnMapping) -> list[tuple[Field, list[int]]]:
    """Mapped fields whose column header occurs more than once (for example two "Familienname"
    columns): ``(field, every column index with that header)`` in field order of the mapping."""
    keys = [header_key(h) for h in headers]
    out: list[tuple[Field, list[int]]] = []
    for fld, idx in mapping.items():
        if 0 <= idx < len(keys) and keys[idx]:
            same = [i for i, k in enumerate(keys) if k == keys[idx]]
            if len(same) > 1:
                out.append((fld, same))
    return out


def ambiguous_columns_message(headers: Sequence[str], mapping: ColumnMapping,
                              ambiguous: list[tuple[Field, list[int]]]) -> Message:
    """German warning: which header occurs in which columns and which column is used now."""
    parts = [Message(QT_TRANSLATE_NOOP("RegisterFile", "„{header}“ steht in den Spalten {columns}; für "
                                                       "„{field}“ wird Spalte {used} verwendet"),
                     header=headers[columns[0]], columns=", ".join(str(c + 1) for c in columns),
                     field=Message(FIELD_LABELS[fld]), used=mapping[fld] + 1)
             for fld, columns in ambiguous]
    return Message(QT_TRANSLATE_NOOP("RegisterFile", "Doppelte Spaltenüberschrift: {details}."),
                   details=Message.join("; ", parts))

