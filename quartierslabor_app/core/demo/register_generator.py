"""Synthetic, realistic register extract (Melderegister) of Dortmund for demo, tests and benchmarks.

Residents live in households of 1–6 persons sharing an address; family members share the
surname; names follow the origin mix of a German city (German, Turkish, Polish, Arabic,
Russian-German, Italian, Greek, Romanian, Bulgarian, Kurdish, Ukrainian, Balkan) with more
immigrant households in the inner city; ages follow a plausible pyramid 0–100; gender m/w
with a few d/x. Deterministic from the seed; vectorised with numpy (600,000 rows in a few
seconds). No real person is meant.
"""
from __future__ import annotations

import codecs
import datetime as dt
import os
import unicodedata
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

import numpy as np

from ..csv_output import SafeCsvWriter
from ..temp_files import temp_file_beside
from .geography import geography
from .names import GERMAN_FEMALE_OLD, GERMAN_FEMALE_YOUNG, GERMAN_MALE_OLD, GERMAN_MALE_YOUNG, ORIGINS, \
    RUSSIAN_GERMAN_GERMAN_GIVEN

PathLike = Union[str, os.PathLike]

#: keys of a generated row
ROW_KEYS = ("family_name", "given_names", "birth_date", "age", "gender", "street", "house_number", "postcode",
            "city", "district", "subdistrict")

#: header texts as registration software exports them, and the row key each column shows
DEFAULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Familienname", "family_name"), ("Vornamen", "given_names"), ("Geburtsdatum", "birth_date"),
    ("Geschlecht", "gender"), ("Straße", "street"), ("Hausnummer", "house_number"), ("PLZ", "postcode"),
    ("Ort", "city"), ("Stadtbezirk", "district"), ("Statistischer Bezirk", "subdistrict"),
)

#: how strongly the inner-city origin factor applies per Stadtbezirk (0 = suburban, 1 = Nordstadt)
URBANITY = {
    "Innenstadt-Nord": 1.0, "Innenstadt-West": 0.55, "Innenstadt-Ost": 0.35, "Eving": 0.65, "Scharnhorst": 0.55,
    "Huckarde": 0.45, "Mengede": 0.45, "Lütgendortmund": 0.35, "Brackel": 0.25, "Hörde": 0.35, "Aplerbeck": 0.05,
    "Hombruch": 0.0,
}

#: household sizes 1..6 (Dortmund: about 45 % single-person households)
HOUSEHOLD_SIZE_P = np.array([0.43, 0.31, 0.12, 0.09, 0.035, 0.015])

DEFAULT_SEED = 2026


def _head_age_weights() -> np.ndarray:
    ages = np.arange(18, 101)
    w = np.ones(len(ages))
    w[ages < 25] = 0.55
    w[(ages >= 65) & (ages < 80)] = 0.85
    w[(ages >= 80) & (ages < 90)] = 0.45
    old = ages >= 90
    w[old] = 0.2 * np.exp(-(ages[old] - 90) / 3.0)
    return w / w.sum()


def _pick(rng: np.random.Generator, pool: Sequence[str], count: int) -> np.ndarray:
    arr = np.asarray(pool, dtype=object)
    return arr[rng.integers(0, len(arr), size=count)]


def generate_register_columns(n_rows: int, *, seed: int = DEFAULT_SEED,
                              reference_date: Optional[dt.date] = None) -> dict[str, list]:
    """The synthetic register as columns (lists of equal length ``n_rows``), keys :data:`ROW_KEYS`."""
    if n_rows < 0:
        raise ValueError("n_rows must not be negative")
    ref = reference_date or dt.date.today()
    rng = np.random.default_rng(seed)
    geo = geography()

    # households and their members
    sizes = rng.choice(np.arange(1, 7), size=max(16, int(n_rows / 1.6) + 16), p=HOUSEHOLD_SIZE_P)
    total = np.cumsum(sizes)
    while total[-1] < n_rows:  # pragma: no cover - extremely unlikely
        sizes = np.concatenate([sizes, sizes])
        total = np.cumsum(sizes)
    n_hh = int(np.searchsorted(total, n_rows) + 1)
    sizes = sizes[:n_hh].copy()
    sizes[-1] -= int(total[n_hh - 1] - n_rows)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    hh = np.repeat(np.arange(n_hh), sizes)
    pos = np.arange(n_rows) - starts[hh]

    # where each household lives
    sub = rng.choice(len(geo.subdistrict_names), size=n_hh, p=geo.subdistrict_weight)
    off = geo.section_offsets
    section = off[sub] + (rng.random(n_hh) * (off[sub + 1] - off[sub])).astype(np.int64)
    lows = np.array([s.low for s in geo.sections])
    highs = np.array([s.high for s in geo.sections])
    number = lows[section] + (rng.random(n_hh) * (highs[section] - lows[section] + 1)).astype(np.int64)
    suffix_pick = rng.random(n_hh)
    suffix = np.where(suffix_pick < 0.04, "a", np.where(suffix_pick < 0.06, "b", np.where(suffix_pick < 0.065, "c", "")))
    house_number_hh = np.char.add(number.astype(str), suffix).astype(object)
    street_names = np.array([s.street for s in geo.sections], dtype=object)
    postcodes = np.array(geo.subdistrict_postcode, dtype=object)
    sub_names = np.array(geo.subdistrict_names, dtype=object)
    district_names = np.array(geo.districts, dtype=object)
    district_hh = geo.subdistrict_district[sub]

    # origin of each household, depending on the Stadtbezirk
    shares = np.array([o.share for o in ORIGINS])
    factors = np.array([o.inner_city for o in ORIGINS])
    urb = np.array([URBANITY.get(d, 0.3) for d in geo.districts])
    weights = shares[None, :] * factors[None, :] ** (2.0 * urb[:, None] - 0.5)
    cum = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
    origin_hh = (rng.random(n_hh)[:, None] > cum[district_hh]).sum(axis=1)
    origin_hh = np.minimum(origin_hh, len(ORIGINS) - 1)

    # ages: head from the adult distribution, partner close to it, children 18–42 years younger
    head_age_hh = rng.choice(np.arange(18, 101), size=n_hh, p=_head_age_weights())
    partner_p = np.where(sizes == 2, 0.7, 0.85)
    has_partner_hh = (sizes >= 2) & (rng.random(n_hh) < partner_p)
    is_head = pos == 0
    is_partner = (pos == 1) & has_partner_hh[hh]
    is_child = ~(is_head | is_partner)
    head_age = head_age_hh[hh]
    age = head_age.copy()
    age[is_partner] = np.clip(np.rint(head_age[is_partner] + rng.normal(0, 4, is_partner.sum())), 18, 100)
    child_age = head_age - rng.integers(18, 43, size=n_rows)
    fallback = (rng.random(n_rows) * np.maximum(1, head_age - 17)).astype(np.int64)
    child_age = np.where(child_age < 0, fallback, child_age)
    age[is_child] = child_age[is_child]
    age = age.astype(np.int64)

    # gender: head (elderly singles mostly women), partner mostly the other gender, children about even
    head_w = np.where(head_age_hh >= 75, 0.68, 0.5)
    head_is_w_hh = rng.random(n_hh) < head_w
    g_rand = rng.random(n_rows)
    is_w = np.where(is_head, head_is_w_hh[hh], np.where(is_partner, np.where(g_rand < 0.96, ~head_is_w_hh[hh],
                                                                                  head_is_w_hh[hh]), g_rand < 0.49))
    gender = np.where(is_w, "w", "m").astype(object)
    special = rng.random(n_rows)
    gender[special < 0.0008] = "d"
    gender[(special >= 0.0008) & (special < 0.0014)] = "x"

    # names
    origin = origin_hh[hh]
    family_hh = np.empty(n_hh, dtype=object)
    for o_idx, orig in enumerate(ORIGINS):
        mask = origin_hh == o_idx
        family_hh[mask] = _pick(rng, orig.family, int(mask.sum()))
    family = family_hh[hh]
    own_name = is_partner & (rng.random(n_rows) < 0.2)
    for o_idx, orig in enumerate(ORIGINS):
        mask = own_name & (origin == o_idx)
        family[mask] = _pick(rng, orig.family, int(mask.sum()))
    given = np.empty(n_rows, dtype=object)
    female_pool = (gender == "w") | ((gender != "m") & (rng.random(n_rows) < 0.5))
    german_given = origin == 0
    rg = [i for i, o in enumerate(ORIGINS) if o.key == "russian_german"]
    if rg:
        german_given |= (origin == rg[0]) & (rng.random(n_rows) < RUSSIAN_GERMAN_GERMAN_GIVEN)
    old = age >= 50
    for fem, pools in ((False, (GERMAN_MALE_OLD, GERMAN_MALE_YOUNG)), (True, (GERMAN_FEMALE_OLD, GERMAN_FEMALE_YOUNG))):
        for is_old, pool in ((True, pools[0]), (False, pools[1])):
            mask = german_given & (female_pool == fem) & (old == is_old)
            given[mask] = _pick(rng, pool, int(mask.sum()))
    for o_idx, orig in enumerate(ORIGINS):
        for fem, pool in ((False, orig.male), (True, orig.female)):
            mask = (origin == o_idx) & ~german_given & (female_pool == fem)
            given[mask] = _pick(rng, pool, int(mask.sum()))
    # second given names, mostly German
    second = german_given & (rng.random(n_rows) < 0.22)
    if second.any():
        idx = np.flatnonzero(second)
        extra = np.empty(len(idx), dtype=object)
        fem = female_pool[idx]
        extra[fem] = _pick(rng, GERMAN_FEMALE_OLD + GERMAN_FEMALE_YOUNG, int(fem.sum()))
        extra[~fem] = _pick(rng, GERMAN_MALE_OLD + GERMAN_MALE_YOUNG, int((~fem).sum()))
        given[idx] = [f"{a} {b}" if a != b else a for a, b in zip(given[idx], extra)]

    # birth dates consistent with the reference date
    ref64 = np.datetime64(ref, "D")
    days = (age * 365.2425 + rng.random(n_rows) * 365.0).astype(np.int64) + 1
    birth64 = ref64 - days.astype("timedelta64[D]")
    years = birth64.astype("datetime64[Y]").astype(np.int64) + 1970
    months = birth64.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (birth64 - birth64.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    exact_age = ref.year - years - ((ref.month < months) | ((ref.month == months) & (ref.day < day)))

    sub_p = sub[hh]
    return {
        "family_name": family.tolist(),
        "given_names": given.tolist(),
        "birth_date": birth64.astype(object).tolist(),
        "age": exact_age.astype(np.int64).tolist(),
        "gender": gender.tolist(),
        "street": street_names[section][hh].tolist(),
        "house_number": house_number_hh[hh].tolist(),
        "postcode": postcodes[sub_p].tolist(),
        "city": ["Dortmund"] * n_rows,
        "district": district_names[district_hh][hh].tolist(),
        "subdistrict": sub_names[sub_p].tolist(),
    }


def generate_register(n_rows: int, *, seed: int = DEFAULT_SEED,
                      reference_date: Optional[dt.date] = None) -> list[dict]:
    """Synthetic residents as dicts with the keys :data:`ROW_KEYS` (``birth_date`` a ``datetime.date``)."""
    cols = generate_register_columns(n_rows, seed=seed, reference_date=reference_date)
    keys = ROW_KEYS
    return [dict(zip(keys, values)) for values in zip(*(cols[k] for k in keys))]


# --------------------------------------------------------------------------- writing


def _translit(error: UnicodeEncodeError) -> tuple[str, int]:
    """Codec error handler: replace characters the target code page lacks (Ł -> L, ş -> s)."""
    out = []
    for ch in error.object[error.start:error.end]:
        special = {"Ł": "L", "ł": "l", "ı": "i", "İ": "I", "đ": "d", "Đ": "D", "ẞ": "SS"}.get(ch)
        if special is None:
            decomposed = unicodedata.normalize("NFKD", ch)
            special = "".join(c for c in decomposed if not unicodedata.combining(c)) or "?"
            try:
                special.encode(error.encoding)
            except (UnicodeEncodeError, LookupError):
                special = "?"
        out.append(special)
    return "".join(out), error.end


codecs.register_error("quartierslabor_translit", _translit)


def _columns_for(columns: Optional[Sequence[tuple[str, str]]], *, age_instead_of_birthdate: bool,
                 single_address_column: bool, with_district: bool) -> list[tuple[str, str]]:
    cols = list(columns or DEFAULT_COLUMNS)
    if age_instead_of_birthdate:
        cols = [("Alter", "age") if key == "birth_date" else (h, key) for h, key in cols]
    if single_address_column:
        out = []
        for h, key in cols:
            if key == "street":
                out.append(("Anschrift", "address"))
            elif key != "house_number":
                out.append((h, key))
        cols = out
    if not with_district:
        cols = [(h, key) for h, key in cols if key not in ("district", "subdistrict")]
    return cols


def _cell_values(rows: Sequence[dict], key: str) -> list[str]:
    if key == "address":
        return [f"{r['street']} {r['house_number']}" for r in rows]
    if key == "birth_date":
        cache: dict = {}
        out = []
        for r in rows:
            d = r["birth_date"]
            text = cache.get(d)
            if text is None:
                text = cache[d] = d.strftime("%d.%m.%Y") if isinstance(d, dt.date) else str(d)
            out.append(text)
        return out
    return [str(r[key]) for r in rows]


def _atomic_write(path: Path, write) -> None:
    tmp = temp_file_beside(path)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_register_csv(path: PathLike, rows: Sequence[dict], *, encoding: str = "cp1252", delimiter: str = ";",
                       title_lines: Iterable[str] = (), columns: Optional[Sequence[tuple[str, str]]] = None,
                       age_instead_of_birthdate: bool = False, single_address_column: bool = False,
                       with_district: bool = True) -> Path:
    """Write rows as registration software / Excel would export them.

    ``encoding``: ``"cp1252"`` (characters missing there are transliterated, Ł -> L),
    ``"utf-8"``, ``"utf-8-sig"`` (with BOM) or ``"utf-16"`` (Excel "Unicode-Text", with BOM;
    use ``delimiter="\\t"``). Title lines are written above the header, padded with
    delimiters like Excel does. Lines end with CRLF.
    """
    path = Path(path)
    cols = _columns_for(columns, age_instead_of_birthdate=age_instead_of_birthdate,
                        single_address_column=single_address_column, with_district=with_district)
    data = [_cell_values(rows, key) for _, key in cols]
    titles = list(title_lines)

    def write(target: Path) -> None:
        with open(target, "w", encoding=encoding, errors="quartierslabor_translit", newline="") as fh:
            writer = SafeCsvWriter(fh, delimiter=delimiter)
            for title in titles:
                writer.writerow([title] + [""] * (len(cols) - 1))
            writer.writerow([h for h, _ in cols])
            writer.writerows(zip(*data))

    _atomic_write(path, write)
    return path


def write_register_xlsx(path: PathLike, rows: Sequence[dict], *, sheet_name: str = "Melderegister",
                        title_lines: Iterable[str] = (), columns: Optional[Sequence[tuple[str, str]]] = None,
                        age_instead_of_birthdate: bool = False, single_address_column: bool = False,
                        with_district: bool = True, sheets_before: Sequence[str] = (),
                        postcode_as_number: bool = True) -> Path:
    """Write rows as an Excel workbook: birth dates as real date cells (TT.MM.JJJJ), PLZ as numbers.

    ``sheets_before``: names of extra sheets (with a short note) placed before the data
    sheet, to test choosing a sheet.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    path = Path(path)
    cols = _columns_for(columns, age_instead_of_birthdate=age_instead_of_birthdate,
                        single_address_column=single_address_column, with_district=with_district)

    def values(r: dict) -> list:
        out: list = []
        for _, key in cols:
            if key == "birth_date":
                out.append(r["birth_date"])
            elif key == "address":
                out.append(f"{r['street']} {r['house_number']}")
            elif key == "postcode" and postcode_as_number and str(r[key]).isdigit():
                out.append(int(r[key]))
            elif key == "age":
                out.append(int(r[key]))
            else:
                out.append(str(r[key]))
        return out

    date_cols = [i for i, (_, key) in enumerate(cols) if key == "birth_date"]
    titles = list(title_lines)

    def write(target: Path) -> None:
        wb = Workbook(write_only=True)
        for name in sheets_before:
            info = wb.create_sheet(name)
            info.append(["Hinweis"])
            info.append(["Dieses Blatt enthält keine Registerdaten."])
        ws = wb.create_sheet(sheet_name)
        for title in titles:
            ws.append([title])
        ws.append([h for h, _ in cols])
        for r in rows:
            out = values(r)
            for i in date_cols:
                cell = WriteOnlyCell(ws, value=out[i])
                cell.number_format = "DD.MM.YYYY"
                out[i] = cell
            ws.append(out)
        wb.save(target)

    _atomic_write(path, write)
    return path


def street_directory_entries(rows: Optional[Sequence[dict]] = None) -> list[dict]:
    """Street directory entries of the demo geography (only streets used by ``rows`` if given).

    Keys: ``street``, ``low``, ``high`` (house-number range, ``None`` for the whole street),
    ``district``, ``subdistrict``.
    """
    geo = geography()
    used = None if rows is None else {r["street"] for r in rows}
    out = []
    for sec in geo.sections:
        if used is not None and sec.street not in used:
            continue
        out.append({"street": sec.street, "low": sec.low if sec.split else None,
                    "high": sec.high if sec.split else None, "district": sec.district,
                    "subdistrict": sec.subdistrict})
    return out


def write_street_directory(path: PathLike, rows: Optional[Sequence[dict]] = None, *, encoding: str = "cp1252",
                           delimiter: str = ";", with_subdistrict: bool = True) -> Path:
    """Write a street directory CSV: Straße; Hausnummer von; Hausnummer bis; Stadtbezirk; Statistischer Bezirk.

    ``rows``: directory entries (see :func:`street_directory_entries`) or generated register
    rows (then the directory covers the streets they use); ``None``: the whole demo city.
    """
    path = Path(path)
    if rows is not None and rows and "family_name" in rows[0]:
        entries = street_directory_entries(rows)
    elif rows is None:
        entries = street_directory_entries()
    else:
        entries = list(rows)
    header = ["Straße", "Hausnummer von", "Hausnummer bis", "Stadtbezirk"]
    if with_subdistrict:
        header.append("Statistischer Bezirk")

    def write(target: Path) -> None:
        with open(target, "w", encoding=encoding, errors="quartierslabor_translit", newline="") as fh:
            writer = SafeCsvWriter(fh, delimiter=delimiter)
            writer.writerow(header)
            for e in entries:
                line = [e["street"], "" if e.get("low") is None else e["low"],
                        "" if e.get("high") is None else e["high"], e["district"]]
                if with_subdistrict:
                    line.append(e.get("subdistrict", ""))
                writer.writerow(line)

    _atomic_write(path, write)
    return path
