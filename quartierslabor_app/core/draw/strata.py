"""Strata of a draw: age bands, readable German labels and vectorised grouping.

A stratum is a combination of values of the chosen dimensions, always in the order
Stadtbezirk | statistischer Bezirk | Altersgruppe | Geschlecht (whatever order the user
listed them in), e.g. ``"Eving | 25–34 | weiblich"``. Strata are sorted by district and
sub-district name (Unicode code point order), age band (youngest first) and gender
(männlich, weiblich, divers, ohne Angabe).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..messages import label as _translatable
from ..register.model import GENDER_CODES, GENDER_LABELS
from .model import DIMENSION_LABELS, STRATUM_DIMENSIONS

EN_DASH = "–"
UNKNOWN_VALUE = QT_TRANSLATE_NOOP("Strata", "(ohne Angabe)")
ALL_LABEL = QT_TRANSLATE_NOOP("Strata", "Alle")


def stratum_label_message(text: str) -> Message:
    """A stratum label (``"Innenstadt | weiblich | 16–24"``) whose gender, "(ohne Angabe)" and
    "Alle" parts are translated in the GUI (districts and age bands stay as they are)."""
    marked = {str(v): v for v in (*GENDER_LABELS.values(), UNKNOWN_VALUE, ALL_LABEL)}
    return Message.join(" | ", [_translatable(marked.get(part, part)) for part in str(text).split(" | ")])


#: accepted spellings of a dimension name (CLI, oversampling keys)
DIMENSION_ALIASES = {
    "district": "district", "bezirk": "district", "stadtbezirk": "district",
    "subdistrict": "subdistrict", "statistischer bezirk": "subdistrict", "statbezirk": "subdistrict",
    "stat. bezirk": "subdistrict", "sub-district": "subdistrict",
    "age": "age", "alter": "age", "altersgruppe": "age", "altersband": "age",
    "gender": "gender", "geschlecht": "gender", "sex": "gender",
}


def normalise_dimensions(names: Sequence[str]) -> tuple[str, ...]:
    """Canonical dimension names in canonical order; German error for unknown names."""
    wanted = set()
    for name in names:
        key = DIMENSION_ALIASES.get(str(name).strip().lower())
        if key is None:
            known = ", ".join(STRATUM_DIMENSIONS)
            raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Unbekanntes Schichtungsmerkmal „{name}“."),
                                    name=name),
                            hint=Message(QT_TRANSLATE_NOOP("Strata", "Möglich sind: {known} (Stadtbezirk, "
                                                                     "statistischer Bezirk, Alter, Geschlecht)."),
                                         known=known))
        wanted.add(key)
    return tuple(d for d in STRATUM_DIMENSIONS if d in wanted)


@dataclass(frozen=True)
class AgeBands:
    """Half-open age bands ``[lower[i], lower[i+1])``; the last band is open-ended (or ends at max_age)."""

    lower: tuple[int, ...]
    labels: tuple[str, ...]

    def index(self, ages: np.ndarray) -> np.ndarray:
        """Band index per age (ages below the first band give -1)."""
        return np.searchsorted(np.asarray(self.lower, dtype=np.int64), ages.astype(np.int64), side="right") - 1

    def label_of(self, age: int) -> str:
        i = int(self.index(np.asarray([age]))[0])
        return self.labels[i] if i >= 0 else ""


def parse_age_edges(text: str) -> tuple[int, ...]:
    """The lower bounds of the age bands as typed (GUI field and CLI ``--age-bands``).

    Commas, semicolons and spaces separate: ``16,25,35``, ``16, 25, 35`` and ``16 25 35`` are the
    same; the result is sorted without repeats.
    """
    parts = [p for p in (text or "").replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    try:
        edges = tuple(sorted({int(p) for p in parts}))
    except ValueError:
        raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Die Altersgrenzen „{text}“ sind keine Liste ganzer "
                                                            "Zahlen."), text=text),
                        hint=Message(QT_TRANSLATE_NOOP("Strata", "Beispiel: 16, 25, 35, 50, 65"))) from None
    if not edges:
        raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Bitte mindestens eine Altersgrenze angeben, "
                                                            "z. B. 16, 25, 35, 50, 65.")))
    return edges


def parse_oversampling(items: "Sequence[str] | str") -> dict[str, float]:
    """Oversampling as typed: ``SCHICHT=FAKTOR`` items (CLI ``--oversample``, repeated) or one text with
    items separated by ``;`` (GUI field), e.g. ``gender:w=1,2; district:Eving=1.5``."""
    if isinstance(items, str):
        items = [part for part in items.split(";") if part.strip()]
    out: dict[str, float] = {}
    for item in items:
        if "=" not in item:
            raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Übergewichtung „{item}“: Angabe als "
                                                                "SCHICHT=FAKTOR, z. B. age:16–24=1.5."),
                                    item=item.strip()))
        key, factor = item.rsplit("=", 1)
        try:
            out[key.strip()] = float(factor.strip().replace(",", "."))
        except ValueError:
            raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Übergewichtung „{item}“: „{factor}“ ist keine "
                                                                "Zahl."), item=item.strip(),
                                    factor=factor.strip())) from None
    return out


def age_bands(edges: Sequence[int], min_age: int, max_age: Optional[int] = None) -> AgeBands:
    """Bands from the configured edges, clipped to the eligible age range.

    ``edges=(16, 25, 35, 50, 65)`` gives 16–24, 25–34, 35–49, 50–64, 65+. A minimum age
    above the first edge raises the first band's lower bound (``min_age=18`` -> 18–24);
    one below it adds a band (``min_age=14`` -> 14–15). A maximum age closes the last band.
    """
    try:
        e = sorted({int(x) for x in edges})
    except (TypeError, ValueError):
        raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Die Altersgrenzen müssen ganze Zahlen sein, z. B. "
                                                            "16,25,35,50,65."))) from None
    if any(x < 0 for x in e):
        raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Altersgrenzen dürfen nicht negativ sein.")))
    kept = [min_age] + [x for x in e if x > min_age and (max_age is None or x <= max_age)]
    labels = []
    for i, lo in enumerate(kept):
        if i + 1 < len(kept):
            hi = kept[i + 1] - 1
            labels.append(f"{lo}{EN_DASH}{hi}" if hi > lo else f"{lo}")
        elif max_age is not None:
            labels.append(f"{lo}{EN_DASH}{max_age}" if max_age > lo else f"{lo}")
        else:
            labels.append(f"{lo}+")
    return AgeBands(tuple(kept), tuple(labels))


def factorize_text(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Codes and sorted unique texts of a text array (empty text -> ``UNKNOWN_VALUE`` label).

    Codes are ranks in sorted text order, so nothing depends on dict or set iteration order.
    """
    items = [str(v) for v in values.tolist()] if values.dtype != object else values.tolist()
    texts = sorted(set(items))
    lookup = {t: i for i, t in enumerate(texts)}
    codes = np.fromiter(map(lookup.__getitem__, items), dtype=np.int64, count=len(items))
    return _labelled(codes, texts)


def factorize_coded(codes: np.ndarray, values: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """:func:`factorize_text` of the texts ``values[codes[i]]``, looking at each distinct value once."""
    used = np.flatnonzero(np.bincount(codes, minlength=len(values))).tolist()
    texts = sorted({values[i] for i in used})
    lookup = {t: i for i, t in enumerate(texts)}
    rank = np.zeros(len(values), dtype=np.int64)
    rank[used] = [lookup[values[i]] for i in used]
    return _labelled(rank[codes], texts)


def _labelled(codes: np.ndarray, texts: list[str]) -> tuple[np.ndarray, list[str]]:
    labels = [t.strip() or UNKNOWN_VALUE for t in texts]
    # several raw texts may give the same label (e.g. "" and " "): merge them
    if len(set(labels)) != len(labels):
        merged = sorted(set(labels))
        remap = np.asarray([merged.index(lbl) for lbl in labels], dtype=np.int64)
        return remap[codes], merged
    return codes, labels


@dataclass
class StrataAssignment:
    """The stratum of each eligible person and what each stratum stands for."""

    dimensions: tuple[str, ...]
    stratum_id: np.ndarray                 # per eligible person: index into ``labels``
    labels: list[str]                      # readable stratum labels, sorted
    values: list[dict[str, str]]           # per stratum: dimension -> value label
    bands: AgeBands


def assign_strata(dimensions: Sequence[str], *, district: np.ndarray, subdistrict: np.ndarray,
                  age: np.ndarray, gender: np.ndarray, bands: AgeBands,
                  factorized: Optional[dict[str, tuple[np.ndarray, list[str]]]] = None) -> StrataAssignment:
    """Group the (eligible) people given by parallel arrays into strata.

    ``factorized`` may carry precomputed :func:`factorize_text` results for district/subdistrict.
    """
    factorized = factorized or {}
    dims = tuple(dimensions)
    n = len(age)
    combined = np.zeros(n, dtype=np.int64)
    per_dim_labels: list[list[str]] = []
    for dim in dims:
        if dim in ("district", "subdistrict"):
            codes, labels = factorized.get(dim) or factorize_text(district if dim == "district"
                                                                  else subdistrict)
        elif dim == "age":
            codes = bands.index(age)
            labels = list(bands.labels)
        elif dim == "gender" and "gender" in factorized:
            codes, labels = factorized["gender"]
        elif dim == "gender":
            lookup = {c: i for i, c in enumerate(GENDER_CODES)}
            uniq = sorted(set(gender.tolist()))
            unknown = [g for g in uniq if str(g) not in lookup]
            if unknown:
                raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Unbekannter Geschlechtscode „{code}“ im "
                                                                    "geprüften Register."), code=unknown[0]))
            codes = np.fromiter(map(lookup.__getitem__, gender.tolist()), dtype=np.int64, count=n)
            labels = [GENDER_LABELS[c] for c in GENDER_CODES]
        else:  # pragma: no cover - normalise_dimensions guards this
            raise ValueError(dim)
        combined = combined * len(labels) + codes
        per_dim_labels.append(labels)
    uniq, inverse = np.unique(combined, return_inverse=True)
    labels_out: list[str] = []
    values_out: list[dict[str, str]] = []
    for code in uniq.tolist():
        parts: list[str] = []
        for dim, labels in zip(reversed(dims), reversed(per_dim_labels)):
            code, c = divmod(code, len(labels))
            parts.append(labels[c])
        parts.reverse()
        values_out.append(dict(zip(dims, parts)))
        labels_out.append(" | ".join(parts) if parts else ALL_LABEL)
    return StrataAssignment(dims, inverse.reshape(-1).astype(np.int64), labels_out, values_out, bands)


def _norm_value(text: str) -> str:
    return text.strip().replace("-", EN_DASH).replace("—", EN_DASH).casefold()


def oversampling_factors(spec: dict[str, float], strata: StrataAssignment) -> list[float]:
    """Factor per stratum from keys ``"dimension:value"`` or full stratum labels (factors multiply)."""
    factors = [1.0] * len(strata.labels)
    by_label = {_norm_value(label): i for i, label in enumerate(strata.labels)}
    for key, factor in (spec or {}).items():
        try:
            f = float(factor)
        except (TypeError, ValueError):
            raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Übergewichtung „{key}“: „{factor}“ ist keine "
                                                                "Zahl."), key=key, factor=factor)) from None
        if not f > 0 or f != f or f == float("inf"):
            raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Übergewichtung „{key}“: der Faktor muss größer als "
                                                                "0 sein (z. B. 1,5)."), key=key))
        k = str(key).strip()
        if _norm_value(k) in by_label:
            factors[by_label[_norm_value(k)]] *= f
            continue
        if ":" not in k:
            raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Übergewichtung „{key}“: unbekannte Schicht."),
                                    key=k),
                            hint=Message(QT_TRANSLATE_NOOP("Strata", "Angabe als „Merkmal:Wert“, z. B. „age:16–24“ "
                                                                     "oder „gender:weiblich“, oder als vollständige "
                                                                     "Schichtbezeichnung.")))
        dim_text, value = k.split(":", 1)
        dim = DIMENSION_ALIASES.get(dim_text.strip().lower())
        if dim is None:
            raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Übergewichtung „{key}“: unbekanntes Merkmal "
                                                                "„{dimension}“."), key=k, dimension=dim_text.strip()),
                            hint=Message(QT_TRANSLATE_NOOP("Strata", "Möglich sind district, subdistrict, age, "
                                                                     "gender.")))
        if dim not in strata.dimensions:
            dimension = _translatable(DIMENSION_LABELS[dim])
            raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Übergewichtung „{key}“: nach {dimension} wird nicht "
                                                                "geschichtet."), key=k, dimension=dimension),
                            hint=Message(QT_TRANSLATE_NOOP("Strata", "Nehmen Sie {dimension} in die Schichtung auf "
                                                                     "oder entfernen Sie die Übergewichtung."),
                                         dimension=dimension))
        wanted = _norm_value(value)
        if dim == "gender":
            codes = {c: GENDER_LABELS[c] for c in GENDER_CODES}
            wanted = _norm_value(codes.get(value.strip().lower(), value))
        hits = [i for i, vals in enumerate(strata.values) if _norm_value(vals[dim]) == wanted]
        if not hits:
            present = sorted({vals[dim] for vals in strata.values})
            raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Übergewichtung „{key}“: den Wert „{value}“ gibt es "
                                                                "bei {dimension} nicht."),
                                    key=k, value=value.strip(), dimension=_translatable(DIMENSION_LABELS[dim])),
                            hint=Message(QT_TRANSLATE_NOOP("Strata", "Vorhanden: {values}"),
                                         values=Message.join(", ", [stratum_label_message(v) for v in present[:30]])))
        for i in hits:
            factors[i] *= f
    return factors
