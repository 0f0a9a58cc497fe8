"""Normalisation of register values: names, addresses, gender codes, dates, keys.

Everything here works on single strings; the validator applies these functions once per
*distinct* cell value (registers repeat streets, dates and codes a lot) and maps the
results back onto the rows.

Household key (documented rule)
    ``"<PLZ>|<street>|<house number>"`` where
    * street: lower case, ``ß`` -> ``ss``, umlauts folded (``ä`` -> ``ae``, ``ö`` -> ``oe``,
      ``ü`` -> ``ue``), other accents removed, any ending ``straße``/``strasse``/``str.``/``str``
      unified to ``str``, then everything that is not a letter or digit removed
      (``"Born-Straße"``, ``"Bornstr."`` and ``"born strasse"`` all give ``"bornstr"``);
    * house number: lower case without spaces and leading zeros (``"12 a"`` == ``"12a"``,
      ``"012"`` == ``"12"``), ``-``/``/`` kept for ranges;
    * PLZ: the five digits if present, else empty.

Person key (documented rule)
    SHA-256 (hex) of the UTF-8 text
    ``"<family name>|<given names>|<birth date as JJJJ-MM-TT or empty>|<household key>"``
    (a register date with unknown day/month, ``00.00.1950``, is written ``1950-00-00``)
    with names folded like streets (lower case, umlauts folded, accents removed, runs of
    spaces and hyphens collapsed to one space). With an age column instead of a birth date
    the date part is empty, so the key is name + address (it must stay the same from one
    extract to the next, and the age changes); two people with the same name at the same
    address (father and son) then share a key. Duplicates within one extract are judged
    on the key *and* the age. The key is what excludes earlier invitees.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import unicodedata
from typing import Optional

from ..messages import QT_TRANSLATE_NOOP, Message

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue",
                       "ẞ": "ss", "ł": "l", "Ł": "l", "ı": "i", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
                       "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"})


def fold(text: str) -> str:
    """Lower case, German umlauts to ae/oe/ue, ß to ss, other accents removed."""
    text = text.translate(_FOLD)
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text.lower()


_SPACES = re.compile(r"[\s\-‐–]+")


def normalise_name(text: str) -> str:
    """Folded name with single spaces (for person keys and duplicate detection)."""
    return _SPACES.sub(" ", fold(text)).strip()


_STREET_SUFFIX = re.compile(r"(strasse|str\.?|strase)(?=$|[\s\-.,])")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_street(text: str) -> str:
    """Street name folded for comparison: ``"Born-Straße"`` -> ``"bornstr"``."""
    s = fold(text.strip())
    s = _STREET_SUFFIX.sub("str", s)
    return _NON_ALNUM.sub("", s)


_HNR_CLEAN = re.compile(r"\s+")


def normalise_house_number(text: str) -> str:
    """``"12 a"`` -> ``"12a"``, ``"012"`` -> ``"12"``, ``"12 - 14"`` -> ``"12-14"``."""
    s = _HNR_CLEAN.sub("", fold(text))
    s = s.replace("–", "-")
    s = re.sub(r"(?<![0-9])0+(?=[0-9])", "", s)
    return s


_PLZ = re.compile(r"\b(\d{5})\b")


def normalise_postcode(text: str) -> str:
    m = _PLZ.search(text or "")
    return m.group(1) if m else ""


#: "Hauptstraße 12a", "Hauptstr. 12 a", "Am Markt 3-5", "Hauptstraße 12/1"
_ADDRESS = re.compile(r"^\s*(?P<street>.*?[^\d\s,])\.?\s*,?\s*"
                      r"(?P<number>\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+\s*[a-zA-Z]?)?)\s*$")


def split_address(text: str) -> tuple[str, str, str]:
    """Split one "Anschrift" cell into (street, house number, PLZ).

    Accepts ``"Hauptstraße 12a"``, ``"Hauptstraße 12a, 44137 Dortmund"`` and
    ``"Hauptstraße 12a 44137 Dortmund"``. Returns ``("", "", "")`` parts it cannot find.
    """
    text = (text or "").strip()
    if not text:
        return "", "", ""
    plz = ""
    # cut "44137 Dortmund" (PLZ and town) off the end
    m = re.search(r"[,\s]\s*(\d{5})\s+[^\d,]*$", text)
    if m:
        plz = m.group(1)
        text = text[:m.start()].strip().rstrip(",").strip()
    m = _ADDRESS.match(text)
    if m:
        return m.group("street").strip(), m.group("number").strip(), plz
    return text, "", plz


def household_key(street: str, house_number: str, postcode: str = "") -> str:
    """The documented household key (see module docstring)."""
    return f"{normalise_postcode(postcode)}|{normalise_street(street)}|{normalise_house_number(house_number)}"


def person_key(family_name: str, given_names: str, birth_date: "Optional[dt.date] | str", hh_key: str) -> str:
    """The documented person key (see module docstring).

    ``birth_date`` may also be the key text of a partial date ("1950-00-00", see
    :func:`parse_partial_birth_date`).
    """
    if isinstance(birth_date, str):
        date_part = birth_date
    else:
        date_part = birth_date.isoformat() if birth_date else ""
    text = f"{normalise_name(family_name)}|{normalise_name(given_names)}|{date_part}|{hh_key}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- gender

_GENDER_MAP = {
    "m": "m", "mann": "m", "maennlich": "m", "mannlich": "m", "maennl": "m", "mnl": "m", "male": "m",
    "herr": "m", "1": "m",
    "w": "w", "f": "w", "weiblich": "w", "weibl": "w", "frau": "w", "female": "w", "2": "w",
    "d": "d", "divers": "d", "div": "d", "diverse": "d", "3": "d",
    "x": "x", "o": "x", "ohneangabe": "x", "oa": "x", "keineangabe": "x", "unbestimmt": "x",
    "unbekannt": "x", "4": "x", "ka": "x", "u": "x", "unknown": "x", "keinangabe": "x", "nichtangegeben": "x",
}


def normalise_gender(text: str) -> Optional[str]:
    """Map any usual spelling to m/w/d/x; ``None`` if not recognised (or empty)."""
    key = _NON_ALNUM.sub("", fold(text))
    return _GENDER_MAP.get(key)


# --------------------------------------------------------------------------- dates

_TIME = r"(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DATE_DE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})" + _TIME + r"\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + r"\s*$")
_DATE_COMPACT = re.compile(r"^\s*(1[89]\d\d|2[01]\d\d)(\d{2})(\d{2})\s*$")  # JJJJMMTT
_PARTIAL = re.compile(r"^\s*0{1,2}\.(\d{1,2})\.(\d{4})\s*$")  # 00.00.JJJJ, 00.MM.JJJJ
_SERIAL = re.compile(r"^\s*(\d{4,5})(?:\.0+)?\s*$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class DateProblem(ValueError):
    """A date cell that is not a valid date; ``str()`` is the German explanation, ``message_obj``
    the same as a translatable :class:`Message`."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message_obj = message


def parse_birth_date(text: str, reference: dt.date, *, allow_serial: bool = False) -> dt.date:
    """Parse TT.MM.JJJJ, T.M.JJJJ, JJJJ-MM-TT, JJJJMMTT, TT.MM.JJ (and Excel serials if allowed).

    Two-digit years: 20JJ if that is not after the reference year, else 19JJ.
    Raises :class:`DateProblem` with a German reason.
    """
    if (len(text) == 10 and text[2] == "." and text[5] == "." and text[:2].isdigit() and text[3:5].isdigit()
            and text[6:].isdigit()):   # TT.MM.JJJJ, the usual case, without a regex
        try:
            return dt.date(int(text[6:]), int(text[3:5]), int(text[:2]))
        except ValueError:
            pass          # not digits, or no such day: the general path below words the problem
    m = _DATE_DE.match(text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if len(year) == 2:
            y = 2000 + int(year)
            yy = y if y <= reference.year else y - 100
        else:
            yy = int(year)
    else:
        m = _DATE_ISO.match(text) or _DATE_COMPACT.match(text)
        if m:
            yy, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            m = _SERIAL.match(text) if allow_serial else None
            if m:
                serial = int(m.group(1))
                if serial < 1 or serial > 2958465:
                    raise DateProblem(Message(QT_TRANSLATE_NOOP("RegisterValidation", "„{text}“ ist kein gültiges "
                                                                                      "Datum"), text=text.strip()))
                return _EXCEL_EPOCH + dt.timedelta(days=serial)
            raise DateProblem(Message(QT_TRANSLATE_NOOP("RegisterValidation", "„{text}“ ist kein Datum im Format "
                                                                              "TT.MM.JJJJ"), text=text.strip()))
    try:
        return dt.date(yy, month, day)
    except ValueError:
        raise DateProblem(Message(QT_TRANSLATE_NOOP("RegisterValidation", "„{text}“ ist ein unmögliches Datum (diesen "
                                                                          "Tag gibt es nicht)"),
                                  text=text.strip())) from None


def parse_partial_birth_date(text: str) -> Optional[tuple[dt.date, str]]:
    """Registers write an unknown day/month as zero: ``00.00.1950``, ``00.05.1950``.

    Returns ``(latest possible date, key text "JJJJ-MM-00"/"JJJJ-00-00")`` or ``None`` if
    ``text`` is not such a date. The latest possible date gives the youngest possible age,
    so nobody under the draw's minimum age slips in.
    """
    m = _PARTIAL.match(text)
    if not m:
        return None
    month, year = int(m.group(1)), int(m.group(2))
    if year < 1800 or month > 12:
        return None
    if month == 0:
        return dt.date(year, 12, 31), f"{year:04d}-00-00"
    return dt.date(year, month, calendar.monthrange(year, month)[1]), f"{year:04d}-{month:02d}-00"


def age_at(birth: dt.date, reference: dt.date) -> int:
    """Completed years at ``reference``."""
    return reference.year - birth.year - ((reference.month, reference.day) < (birth.month, birth.day))
