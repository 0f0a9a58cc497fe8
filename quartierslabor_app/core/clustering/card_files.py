"""Reading concern cards from CSV/TXT/XLSX and writing assignments as CSV (used by ``quartierslabor cluster``)."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Sequence

from ..csv_output import SafeCsvWriter, unguard_rows
from ..errors import UserError
from ..input_files import (SPLIT_CARDS_HINT, check_input_file, decode_text_file, open_xlsx_checked,
                           read_input_bytes)
from ..reports.atomic import atomic_write
from .model import Assignment

TEXT_COLUMN = "text"
#: accepted spellings of the text column (compared case-insensitively)
TEXT_ALIASES = ("text", "karte", "anliegen", "karten", "texte")
MAX_FILE_BYTES = 50 * 1024 * 1024
OUTPUT_COLUMNS = ("text", "cluster", "cluster_key", "score", "reason", "new_cluster")
CLUSTER_COLUMN = "cluster"
CLUSTER_ALIASES = ("cluster", "thema", "gruppe")
REPLAY_COLUMNS = ("text", "proposed", "cluster", "corrected")


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:4096]:
        raise UserError("Die Datei ist keine Textdatei (sie enthält Binärdaten).", file=name,
                        hint="Bitte eine CSV-, TXT- oder XLSX-Datei mit einer Spalte „text“ angeben.")
    text = decode_text_file(raw, name)
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text[:100_000]):
        raise UserError("Die Datei lässt sich nicht als Text lesen.", file=name,
                        hint="Bitte als CSV (UTF-8) speichern.")
    return text


def _from_csv(text: str, name: str) -> list[list[str]]:
    sample = text[:20000]
    first = sample.splitlines()[0] if sample.splitlines() else ""
    delimiter = max((";", ",", "\t"), key=lambda d: first.count(d))
    if first.count(delimiter) == 0:
        delimiter = "\x1f"   # one column: commas inside unquoted card texts must not split them
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    rows = unguard_rows([r for r in rows if any(cell.strip() for cell in r)])
    if not rows:
        raise UserError("Die Datei ist leer.", file=name, hint="Bitte eine Datei mit mindestens einer Karte angeben.")
    return rows


def _from_xlsx(path: Path, name: str) -> list[list[str]]:
    try:
        wb = open_xlsx_checked(path, name)
    except UserError:
        raise
    except Exception:
        raise UserError("Die Excel-Datei lässt sich nicht öffnen (beschädigt oder kein XLSX).", file=name,
                        hint="Bitte in Excel als .xlsx speichern oder als CSV exportieren.") from None
    try:
        ws = wb.worksheets[0]
        rows = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    except Exception:  # XML inside the workbook broken or hostile (entities)
        raise UserError("Die Excel-Datei ist beschädigt oder enthält unzulässiges XML.", file=name,
                        hint="Bitte in Excel als .xlsx speichern oder als CSV exportieren.") from None
    finally:
        wb.close()
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise UserError("Das erste Tabellenblatt ist leer.", file=name,
                        hint="Bitte die Karten in das erste Tabellenblatt schreiben.")
    return rows


def _column(rows: list[list[str]], aliases: tuple[str, ...], label: str, name: str, hint: str) -> int:
    header = [h.strip().lower() for h in rows[0]]
    col = next((header.index(a) for a in aliases if a in header), None)
    if col is None:
        raise UserError(f"Es gibt keine Spalte „{label}“ (gefunden: {', '.join(rows[0]) or 'keine'}).",
                        file=name, row=1, hint=hint)
    return col


def _table(path: str | os.PathLike) -> tuple[list[list[str]] | None, list[str], str]:
    """(rows of a CSV/XLSX, or None for a TXT; the lines of a TXT; the file name). German ``UserError`` on bad
    input."""
    p = Path(path)
    name = p.name
    check_input_file(p)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _from_xlsx(p, name), [], name
    raw = read_input_bytes(p, max_bytes=MAX_FILE_BYTES, too_large_hint=SPLIT_CARDS_HINT)
    if raw[:2] == b"PK" or raw[:4] in (b"%PDF", b"\xd0\xcf\x11\xe0"):
        raise UserError("Die Datei ist keine Textdatei (Binärformat).", file=name,
                        hint="Excel-Dateien bitte mit der Endung .xlsx angeben, sonst als CSV speichern.")
    text = _decode(raw, name)
    if suffix == ".txt":
        return None, [line.strip() for line in text.splitlines()], name
    return _from_csv(text, name), [], name


TEXT_HINT = ("Bitte die Spalte mit den Karten „text“ nennen oder eine TXT-Datei mit einer Karte pro Zeile "
             "verwenden.")


def read_cards(path: str | os.PathLike) -> list[str]:
    """Card texts from ``.csv`` (column ``text``; UTF-8/UTF-8-BOM/cp1252; , ; or tab), ``.xlsx`` (first sheet,
    column ``text``) or ``.txt`` (one card per line). Empty rows are skipped. German ``UserError`` on bad input."""
    rows, lines, name = _table(path)
    if rows is None:
        cards = lines
    else:
        col = _column(rows, TEXT_ALIASES, TEXT_COLUMN, name, TEXT_HINT)
        cards = [(r[col] if col < len(r) else "").strip() for r in rows[1:]]
    cards = [c for c in cards if c]
    if not cards:
        raise UserError("Die Datei enthält keine Karten.", file=name,
                        hint="Bitte mindestens eine Karte (eine Zeile mit Text) eintragen.")
    return cards


def read_labelled_cards(path: str | os.PathLike) -> list[tuple[str, str]]:
    """(text, wanted cluster) from a CSV/XLSX with the columns ``text`` and ``cluster`` (for ``--replay``); rows
    without text are skipped, a card without a cluster is refused naming its row."""
    rows, _, name = _table(path)
    if rows is None:
        raise UserError("Zum Nachspielen braucht es eine CSV- oder XLSX-Datei mit den Spalten „text“ und "
                        "„cluster“.", file=name, hint="Bitte die Karten mit ihrem Thema als CSV speichern.")
    col = _column(rows, TEXT_ALIASES, TEXT_COLUMN, name, TEXT_HINT)
    ccol = _column(rows, CLUSTER_ALIASES, CLUSTER_COLUMN, name,
                   "Bitte in der Spalte „cluster“ angeben, in welches Thema die Karte gehört.")
    out: list[tuple[str, str]] = []
    for number, r in enumerate(rows[1:], start=2):
        text = (r[col] if col < len(r) else "").strip()
        wanted = " ".join((r[ccol] if ccol < len(r) else "").split())
        if not text:
            continue
        if not wanted:
            raise UserError("Die Karte hat kein Thema.", file=name, row=number, column=CLUSTER_COLUMN,
                            hint="Bitte für jede Karte das gewünschte Thema eintragen.")
        out.append((text, wanted))
    if not out:
        raise UserError("Die Datei enthält keine Karten.", file=name,
                        hint="Bitte mindestens eine Karte (eine Zeile mit Text) eintragen.")
    return out


def check_target(p: Path) -> None:
    """Refuse an output path (before long work starts, and again when writing)."""
    if p.suffix.lower() != ".csv":
        raise UserError("Die Zuordnung wird als CSV-Datei geschrieben; der Name muss auf .csv enden.",
                        file=str(p), hint="Bitte mit --out einen Dateinamen wie „zuordnung.csv“ angeben.")
    if not p.parent.exists():
        raise UserError("Der Zielordner existiert nicht.", file=str(p), hint="Bitte einen vorhandenen Ordner angeben.")


def _write_csv(p: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = SafeCsvWriter(fh, delimiter=",")
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)

    atomic_write(p, write)


def write_assignments(path: str | os.PathLike, texts: Sequence[str], assignments: Sequence[Assignment]) -> None:
    """CSV in UTF-8 with BOM, comma-separated, columns :data:`OUTPUT_COLUMNS`; written atomically.

    Only ``.csv``: any other suffix (``.xlsx``) is refused rather than written as CSV under a wrong name.
    Cells that could start a spreadsheet formula are guarded (:mod:`..csv_output`).
    """
    p = Path(path)
    check_target(p)
    _write_csv(p, OUTPUT_COLUMNS, [[text, a.cluster_name, a.cluster_key, f"{a.score:.3f}", a.reason,
                                    "ja" if a.is_new_cluster else "nein"] for text, a in zip(texts, assignments)])


def write_replay(path: str | os.PathLike, rows: Sequence) -> None:
    """The replay as CSV (columns :data:`REPLAY_COLUMNS`, ``corrected`` 0/1), like :func:`write_assignments`."""
    p = Path(path)
    check_target(p)
    _write_csv(p, REPLAY_COLUMNS, [[r.text, r.proposed, r.cluster, "1" if r.corrected else "0"] for r in rows])
