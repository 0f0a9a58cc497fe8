"""Reading respondents and quotas (CSV), writing the panel and the probabilities (CSV)."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Sequence

from ...csv_output import SafeCsvWriter, unguard_rows
from ...draw.atomic import atomic_path
from ...errors import UserError
from ...input_files import decode_text_file, read_input_bytes
from ...messages import QT_TRANSLATE_NOOP, Message
from .quotas import Category, Respondent, features_of
from .service import natural_key

MAX_FILE_BYTES = 50 * 1024 * 1024
CATEGORY_COLUMNS = ("feature", "value", "min", "max")


def _rows(path: "str | os.PathLike[str]") -> list[list[str]]:
    name = Path(path).name
    # a folder or FIFO is named (never opened); a file mixing UTF-8 and Windows-1252 is refused naming the rows
    raw = read_input_bytes(path, max_bytes=MAX_FILE_BYTES, too_large_hint=Message(QT_TRANSLATE_NOOP(
        "PanelFiles", "Speichern Sie nur die Antwortenden bzw. Quoten als CSV (UTF-8).")))
    text = decode_text_file(raw, name) if b"\x00" not in raw[:4096] else None
    if text is None:
        raise UserError(Message(QT_TRANSLATE_NOOP("PanelFiles", "Die Datei ist keine CSV-Textdatei.")), file=name,
                        hint=Message(QT_TRANSLATE_NOOP("PanelFiles", "Speichern Sie die Tabelle als CSV (UTF-8).")))
    lines = text.splitlines()
    first = lines[0] if lines else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    rows = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return unguard_rows([[c.strip() for c in r] for r in rows])


def _header(rows: list[list[str]], needed: Sequence[str], name: str) -> dict[str, int]:
    if not rows or not any(rows[0]):
        raise UserError(Message(QT_TRANSLATE_NOOP("PanelFiles", "Die Datei ist leer.")), file=name)
    header = {h.strip().lower(): i for i, h in enumerate(rows[0])}
    for col in needed:
        if col.lower() not in header:
            raise UserError(Message(QT_TRANSLATE_NOOP("PanelFiles", "Die Spalte „{column}“ fehlt (gefunden: "
                                                                    "{found})."),
                                    column=col, found=", ".join(rows[0]) or "–"), file=name, row=1,
                            hint=Message(QT_TRANSLATE_NOOP("PanelFiles", "Die erste Zeile muss die Spaltennamen "
                                                                         "enthalten.")))
    return header


def read_categories(path: "str | os.PathLike[str]") -> list[Category]:
    """``categories.csv`` in the Sortition Foundation's layout: feature, value, min, max (more columns ignored)."""
    name = Path(path).name
    rows = _rows(path)
    header = _header(rows, CATEGORY_COLUMNS, name)
    out: list[Category] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        cells = {c: (row[header[c]] if header[c] < len(row) else "") for c in CATEGORY_COLUMNS}
        for col in ("feature", "value"):
            if not cells[col]:
                raise UserError(Message(QT_TRANSLATE_NOOP("PanelFiles", "Der Eintrag ist leer.")), file=name,
                                row=number, column=col)
        bounds = []
        for col in ("min", "max"):
            try:
                value = int(cells[col])
            except ValueError:
                raise UserError(Message(QT_TRANSLATE_NOOP("PanelFiles", "„{value}“ ist keine ganze Zahl."),
                                        value=cells[col]), file=name, row=number, column=col,
                                hint=Message(QT_TRANSLATE_NOOP("PanelFiles", "Tragen Sie eine ganze Zahl ab 0 "
                                                                             "ein."))) from None
            if value < 0:
                raise UserError(Message(QT_TRANSLATE_NOOP("PanelFiles", "Die Zahl darf nicht negativ sein.")),
                                file=name, row=number, column=col)
            bounds.append(value)
        key = (cells["feature"], cells["value"])
        if key in seen:
            raise UserError(Message(QT_TRANSLATE_NOOP("PanelFiles", "„{feature} = {value}“ steht doppelt in der "
                                                                    "Datei."), feature=key[0], value=key[1]),
                            file=name, row=number)
        seen.add(key)
        out.append(Category(cells["feature"], cells["value"], bounds[0], bounds[1]))
    if not out:
        raise UserError(Message(QT_TRANSLATE_NOOP("PanelFiles", "Die Datei enthält keine Quoten.")), file=name)
    return out


def read_respondents(path: "str | os.PathLike[str]", categories: Sequence[Category]) -> list[Respondent]:
    """Respondents: an ``id`` column plus one column per feature of the quotas."""
    name = Path(path).name
    rows = _rows(path)
    features = features_of(categories)
    header = _header(rows, ["id", *features], name)
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        pid = row[header["id"]] if header["id"] < len(row) else ""
        if not pid:
            raise UserError(Message(QT_TRANSLATE_NOOP("PanelFiles", "Die Kennung fehlt.")), file=name, row=number,
                            column="id")
        values = {f: (row[header[f.lower()]] if header[f.lower()] < len(row) else "") for f in features}
        out.append(Respondent(pid, values, number))
    return out


def write_panel_csv(path: "str | os.PathLike[str]", respondents: Sequence[Respondent], selected: Sequence[str],
                    probabilities: dict[str, float], features: Sequence[str]) -> Path:
    """The panel: id, the features, the selection probability (one row per member, sorted by id)."""
    by_id = {r.id: r for r in respondents}
    rows = [[pid, *(by_id[pid].features.get(f, "") for f in features), _p(probabilities[pid])] for pid in selected]
    return _write(path, ["id", *features, "wahrscheinlichkeit"], rows)


def write_probabilities_csv(path: "str | os.PathLike[str]", respondents: Sequence[Respondent],
                            selected: Sequence[str], probabilities: dict[str, float],
                            features: Sequence[str]) -> Path:
    """Every respondent with the exact selection probability and whether they were drawn."""
    chosen = set(selected)
    rows = [[r.id, *(r.features.get(f, "") for f in features), _p(probabilities[r.id]),
             "ja" if r.id in chosen else "nein"] for r in sorted(respondents, key=lambda r: natural_key(r.id))]
    return _write(path, ["id", *features, "wahrscheinlichkeit", "ausgelost"], rows)


def write_respondents_csv(path: "str | os.PathLike[str]", respondents: Sequence[Respondent],
                          features: Sequence[str]) -> Path:
    """The respondents as ``read_respondents`` reads them: id and one column per feature (no names)."""
    rows = [[r.id, *(r.features.get(f, "") for f in features)] for r in respondents]
    return _write(path, ["id", *features], rows)


def _p(value: float) -> str:
    return f"{value:.9f}"


def _write(path: "str | os.PathLike[str]", header: list[str], rows: list[list[str]]) -> Path:
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = SafeCsvWriter(fh)
            writer.writerow(header)
            writer.writerows(rows)
    return Path(path)
