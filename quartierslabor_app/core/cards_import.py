"""Importing concern cards from CSV or Excel (typing up paper cards after a workshop).

Columns: ``text`` (required) and optionally ``cluster``, ``votes``, ``place`` (German headers
``Anliegen``/``Text``, ``Cluster``/``Thema``, ``Punkte``/``Stimmen``, ``Ort`` and ``Tisch``
are understood too). Cards without a cluster are clustered automatically with the lab's
taxonomy and learning examples; a named cluster matches an existing cluster of the lab by
name or key, else a taxonomy cluster, else a new user cluster is created.

All-or-nothing: every row is checked before anything is written, and everything is
written in the caller's session (one transaction). Refusals are German :class:`UserError`
messages naming file, row and column.
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from .board.table_tag import table_name
from . import count_texts
from .card_reasons import IMPORTED, placed_reason, stored_reason
from .board.context import slugify
from .clustering.model import Reason
from .csv_output import unguard_rows
from .errors import UserError
from .input_files import SPLIT_CARDS_HINT, check_input_file, decode_text_file, open_xlsx_checked, read_input_bytes
from .progress import CancelToken, ProgressCallback, report, scaled
from .storage.cluster_rows import add_cluster_once
from .storage.models import Card, Cluster, Lab, LearningExample

MAX_TEXT = 2000                      # same limit as a card typed on the board
MAX_PLACE = 200
MAX_VOTES = 10_000
MAX_ROWS = 20_000
MAX_FILE_BYTES = 50 * 1024 * 1024    # 20,000 cards of 2,000 characters

#: accepted header names (lower case, without spaces/underscores) per field
HEADER_ALIASES = {
    "text": ("text", "anliegen", "karte", "kartentext", "card"),
    "cluster": ("cluster", "thema", "gruppe", "kategorie"),
    "votes": ("votes", "punkte", "stimmen", "klebepunkte", "dots"),
    "place": ("place", "ort", "wo"),
    "table": ("table", "tisch", "tabletag"),
}
COLUMN_NAMES = {"text": "text", "cluster": "cluster", "votes": "votes", "place": "place", "table": "table"}
_FALLBACK_COLORS = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45",
                    "#469990", "#9a6324", "#800000", "#808000", "#000075", "#a9a9a9")


@dataclass
class ImportedRow:
    row: int                          # row number in the file (header = 1)
    text: str
    cluster: str
    votes: int
    place: str
    table: str


@dataclass
class ImportSummary:
    file: str
    cards_imported: int = 0
    auto_clustered: int = 0
    given_cluster: int = 0
    votes_total: int = 0
    clusters_created: list[str] = field(default_factory=list)
    cards_per_cluster: dict[str, int] = field(default_factory=dict)

    def message(self) -> str:
        """German one-paragraph summary for the CLI and the GUI."""
        text = (f"{count_texts.cards(self.cards_imported)} aus „{self.file}“ importiert "
                f"({self.auto_clustered} automatisch zugeordnet, {self.given_cluster} mit Thema aus der Datei, "
                f"{count_texts.dots(self.votes_total)}).")
        if self.clusters_created:
            text += " Neu angelegte Themen: " + ", ".join(f"„{n}“" for n in self.clusters_created) + "."
        return text


# -- reading -----------------------------------------------------------------------------------
def _norm_header(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).strip().lower()
    return re.sub(r"[\s_\-]+", "", text)


def _read_csv(path: Path) -> list[list[Any]]:
    raw = read_input_bytes(path, max_bytes=MAX_FILE_BYTES, too_large_hint=SPLIT_CARDS_HINT)
    text = decode_text_file(raw, path.name)
    if "\x00" in text:
        raise UserError("Die Datei ist keine CSV-Textdatei.", file=path.name,
                        hint="Bitte eine CSV- oder Excel-Datei (.xlsx) wählen.")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=first.count) if first else ","
    if first and first.count(delimiter) == 0:
        delimiter = ","
    try:
        return unguard_rows([row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)])
    except csv.Error as exc:
        raise UserError(f"Die CSV-Datei ist fehlerhaft ({exc}).", file=path.name,
                        hint="Prüfen Sie Anführungszeichen in den Zellen.") from None


def _read_xlsx(path: Path) -> list[list[Any]]:
    check_input_file(path)
    try:
        wb = open_xlsx_checked(path, path.name)
    except UserError:
        raise
    except Exception as exc:  # openpyxl and defusedxml raise many types for broken or hostile files
        raise UserError(f"Die Excel-Datei lässt sich nicht öffnen ({exc.__class__.__name__}).", file=path.name,
                        hint="Ist die Datei beschädigt oder noch in Excel geöffnet? Bitte als .xlsx speichern.") \
            from None
    try:
        ws = wb.worksheets[0]
        return [list(row) for row in ws.iter_rows(values_only=True)]
    except Exception as exc:  # XML inside the workbook broken or hostile (entities)
        raise UserError(f"Die Excel-Datei ist beschädigt oder enthält unzulässiges XML "
                        f"({exc.__class__.__name__}).", file=path.name,
                        hint="Bitte die Datei in Excel öffnen und neu speichern.") from None
    finally:
        wb.close()


def read_rows(path: "str | os.PathLike[str]") -> list[ImportedRow]:
    """Read and check all rows of a cards file (no database access)."""
    path = Path(path)
    name = path.name
    check_input_file(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        table = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path)
    else:
        raise UserError(f"Dateityp „{path.suffix or '(ohne Endung)'}“ wird nicht unterstützt.", file=name,
                        hint="Bitte eine CSV-Datei (.csv) oder Excel-Datei (.xlsx) mit der Spalte „text“ wählen.")
    # header: the first of the first ten non-empty rows that names the text column (a title
    # row above the table is allowed), else the first non-empty row
    filled = [i for i, row in enumerate(table) if any(str(v or "").strip() for v in row)]
    if not filled:
        raise UserError("Die Datei ist leer.", file=name, hint="Erwartet wird eine Kopfzeile mit der Spalte „text“.")
    start = next((i for i in filled[:10]
                  if any(_norm_header(v) in HEADER_ALIASES["text"] for v in table[i])), filled[0])
    header = [_norm_header(v) for v in table[start]]
    columns: dict[str, int] = {}
    for fieldname, aliases in HEADER_ALIASES.items():
        for i, h in enumerate(header):
            if h in aliases and fieldname not in columns:
                columns[fieldname] = i
    if "text" not in columns:
        raise UserError("Die Spalte „text“ fehlt.", file=name, row=start + 1, column=COLUMN_NAMES["text"],
                        hint="Die erste Zeile muss die Spaltennamen enthalten: text und optional cluster (Thema), votes, "
                             "place.")
    if len(table) - start - 1 > MAX_ROWS:
        raise UserError(f"Die Datei hat mehr als {MAX_ROWS} Zeilen.", file=name,
                        hint="Bitte die Karten auf mehrere Dateien aufteilen.")

    # error messages name the column as it is written in the file ("Punkte", "votes", ...)
    label = dict(COLUMN_NAMES)
    label.update({f: str(table[start][i]).strip() or f for f, i in columns.items()})

    def cell(row: list[Any], fieldname: str) -> Any:
        i = columns.get(fieldname)
        return row[i] if i is not None and i < len(row) else None

    rows: list[ImportedRow] = []
    for index in range(start + 1, len(table)):
        raw = table[index]
        number = index + 1
        if not any(str(v if v is not None else "").strip() for v in raw):
            continue
        text_value = cell(raw, "text")
        text = "" if text_value is None else str(text_value).strip()
        text = "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()
        if not text:
            raise UserError("Der Text der Karte ist leer.", file=name, row=number, column=label["text"],
                            hint="Bitte den Text eintragen oder die Zeile löschen.")
        if len(text) > MAX_TEXT:
            raise UserError(f"Der Text ist zu lang ({len(text)} Zeichen, höchstens {MAX_TEXT}).", file=name,
                            row=number, column=label["text"],
                            hint="Bitte kürzen oder auf zwei Karten aufteilen.")
        votes = _votes(cell(raw, "votes"), name, number, label["votes"])
        place = " ".join(str(cell(raw, "place") or "").split())
        if len(place) > MAX_PLACE:
            raise UserError(f"Der Ort ist zu lang (höchstens {MAX_PLACE} Zeichen).", file=name, row=number,
                            column=label["place"])
        cluster = " ".join(str(cell(raw, "cluster") or "").split())
        if len(cluster) > 200:
            raise UserError("Der Name des Themas ist zu lang (höchstens 200 Zeichen).", file=name, row=number,
                            column=label["cluster"])
        table_tag = table_name(str(cell(raw, "table") or ""))[:80]
        rows.append(ImportedRow(number, text, cluster, votes, place, table_tag))
    if not rows:
        raise UserError("Die Datei enthält keine Karten (nur die Kopfzeile).", file=name,
                        hint="Bitte unter der Kopfzeile je Karte eine Zeile eintragen.")
    return rows


def _votes(value: Any, name: str, row: int, column: str = COLUMN_NAMES["votes"]) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise UserError(f"„{value}“ ist keine ganze Zahl.", file=name, row=row, column=column,
                            hint="Klebepunkte bitte als ganze Zahl angeben, z. B. 3.")
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d+([.,]0+)?", text):
            value = int(re.split(r"[.,]", text)[0])
        else:
            raise UserError(f"„{text}“ ist keine ganze Zahl.", file=name, row=row, column=column,
                            hint="Klebepunkte bitte als ganze Zahl angeben, z. B. 3.")
    if not isinstance(value, int) or value < 0 or value > MAX_VOTES:
        raise UserError(f"„{value}“ ist keine gültige Zahl von Klebepunkten.", file=name, row=row,
                        column=column, hint=f"Erlaubt sind 0 bis {MAX_VOTES}.")
    return value


# -- clusters ----------------------------------------------------------------------------------
def _lab_taxonomy(session: Session, lab: Lab) -> list:
    try:
        from .board.taxonomy_store import load_taxonomy
    except ImportError:  # pragma: no cover - board package always present in the app
        from .clustering import default_taxonomy, taxonomy_from_json
        return taxonomy_from_json(lab.taxonomy_json) if (lab.taxonomy_json or "").strip() else default_taxonomy()
    return list(load_taxonomy(session, lab))


class _ClusterBook:
    """The lab's clusters by key and by name; creates missing ones."""

    def __init__(self, session: Session, lab: Lab, taxonomy: list) -> None:
        self.session = session
        self.lab = lab
        self.taxonomy = {d.key: d for d in taxonomy}
        self.taxonomy_by_name = {d.name.casefold(): d for d in taxonomy}
        self.clusters = list(session.scalars(select(Cluster).where(Cluster.lab_id == lab.id)
                                             .order_by(Cluster.position, Cluster.id)))
        self.created: list[str] = []

    def by_key(self, key: str) -> Optional[Cluster]:
        return next((c for c in self.clusters if c.key == key), None)

    def by_name_or_key(self, text: str) -> Optional[Cluster]:
        folded = text.casefold()
        return next((c for c in self.clusters if c.name.casefold() == folded or c.key.casefold() == folded), None)

    def _color(self) -> str:
        used = {c.color.lower() for c in self.clusters}
        return next((c for c in _FALLBACK_COLORS if c not in used), _FALLBACK_COLORS[len(self.clusters)
                                                                                    % len(_FALLBACK_COLORS)])

    def _unique_key(self, base: str) -> str:
        taken = {c.key for c in self.clusters} | set(self.taxonomy)
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        return key

    def _add(self, key: str, name: str, origin: str, color: str = "", codes: tuple = ()) -> Cluster:
        position = max((c.position for c in self.clusters), default=-1) + 1
        cluster = Cluster(lab_id=self.lab.id, key=key, name=name, origin=origin,
                          color=color if color and color != "#cccccc" else self._color(), position=position,
                          handlungsfeld_codes=";".join(codes))
        cluster = add_cluster_once(self.session, cluster)   # another import or the board may add it meanwhile
        self.clusters.append(cluster)
        self.created.append(name)
        return cluster

    def from_taxonomy(self, key: str) -> Cluster:
        existing = self.by_key(key)
        if existing is not None:
            return existing
        d = self.taxonomy[key]
        return self._add(d.key, d.name, "taxonomy", d.color, tuple(d.handlungsfeld_codes))

    def named(self, text: str) -> Cluster:
        """A cluster named in the file: existing by name/key, taxonomy by name/key, else new user cluster."""
        existing = self.by_name_or_key(text)
        if existing is not None:
            return existing
        definition = self.taxonomy.get(text) or self.taxonomy_by_name.get(text.casefold())
        if definition is not None:
            return self.from_taxonomy(definition.key)
        return self._add(self._unique_key("eigene-" + slugify(text)), text, "user")

    def discovered(self, name: str) -> Cluster:
        existing = self.by_name_or_key(name)
        if existing is not None:
            return existing
        return self._add(self._unique_key("neu-" + slugify(name)), name, "discovered")


def _examples(session: Session, lab: Lab) -> list[tuple[str, str]]:
    rows = session.execute(select(LearningExample.text, LearningExample.cluster_key)
                           .where((LearningExample.lab_id == lab.id) | (LearningExample.scope == "city"))
                           .order_by(LearningExample.id)).all()
    return [(t, k) for t, k in rows]


def _auto_assign(session: Session, lab: Lab, book: _ClusterBook, rows: list[ImportedRow],
                 progress: Optional[ProgressCallback], cancel: Optional[CancelToken]) -> list[tuple[Cluster, Any]]:
    from .clustering import Clusterer
    from .clustering.model import ClusterDef
    clusterer = Clusterer(list(book.taxonomy.values()), _examples(session, lab))
    # the lab's own clusters (created on the board) take part too, learning from their cards
    for cluster in book.clusters:
        if cluster.key not in book.taxonomy:
            texts = list(session.scalars(select(Card.text).where(Card.cluster_id == cluster.id,
                                                                 Card.deleted.is_(False)).limit(50)))
            clusterer.add_cluster(ClusterDef(cluster.key, cluster.name, cluster.color), texts)
    assignments = clusterer.recluster([r.text for r in rows], progress=progress, cancel=cancel)
    result = []
    for assignment in assignments:
        if assignment.is_new_cluster:
            cluster = book.discovered(assignment.cluster_name)
        elif book.by_key(assignment.cluster_key) is not None:
            cluster = book.by_key(assignment.cluster_key)
        elif assignment.cluster_key in book.taxonomy:
            cluster = book.from_taxonomy(assignment.cluster_key)
        else:
            cluster = book.discovered(assignment.cluster_name or "Nicht zugeordnet")
        result.append((cluster, assignment))
    return result


# -- import ------------------------------------------------------------------------------------
def import_cards(session: Session, lab: Lab, path: "str | os.PathLike[str]",
                 progress: Optional[ProgressCallback] = None,
                 cancel: Optional[CancelToken] = None) -> ImportSummary:
    """Import all cards of ``path`` into ``lab`` (in the caller's transaction)."""
    path = Path(path)
    report(progress, 0.0, "Datei wird gelesen …", cancel)
    rows = read_rows(path)
    report(progress, 0.15, f"{len(rows)} Karten gelesen.", cancel)
    book = _ClusterBook(session, lab, _lab_taxonomy(session, lab))
    summary = ImportSummary(file=path.name)

    given = [r for r in rows if r.cluster]
    auto = [r for r in rows if not r.cluster]
    placed: dict[int, tuple[Cluster, tuple[str, str], float, str]] = {}
    for r in given:
        cluster = book.named(r.cluster)
        placed[r.row] = (cluster, stored_reason(Reason(IMPORTED, cluster.name)), 1.0, "import")
    if auto:
        assigned = _auto_assign(session, lab, book, auto, scaled(progress, 0.15, 0.85), cancel)
        for r, (cluster, assignment) in zip(auto, assigned):
            placed[r.row] = (cluster, placed_reason(assignment, cluster.name), float(assignment.score), "auto")
    report(progress, 0.9, "Karten werden gespeichert …", cancel)
    for r in rows:
        cluster, (reason, reason_data), score, by = placed[r.row]
        session.add(Card(lab_id=lab.id, cluster_id=cluster.id, text=r.text, place=r.place, table_tag=r.table,
                         reason=reason, reason_data=reason_data or None, score=score, assigned_by=by,
                         votes=r.votes))
        summary.cards_per_cluster[cluster.name] = summary.cards_per_cluster.get(cluster.name, 0) + 1
    session.flush()
    summary.cards_imported = len(rows)
    summary.auto_clustered = len(auto)
    summary.given_cluster = len(given)
    summary.votes_total = sum(r.votes for r in rows)
    summary.clusters_created = list(book.created)
    report(progress, 1.0, summary.message(), cancel)
    return summary
