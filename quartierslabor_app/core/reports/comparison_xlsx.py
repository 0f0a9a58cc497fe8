"""The comparison across labs as Excel workbook."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from openpyxl import Workbook

from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report
from ..recommendations.choices import STATUSES
from .atomic import atomic_write
from .comparison_data import ComparisonData, ShareRow
from .lab_data import NOT_RECORDED
from .lab_xlsx import PRIVACY_NOTE
from .xlsx_helpers import Column, write_table


def _labs_sheet(wb: Workbook, data: ComparisonData) -> None:
    ws = wb.active
    ws.title = "Labore"
    columns = [Column("Stadtbezirk", 16), Column("Datum", 11, "date"), Column("Quartierslabor", 24),
               Column("Veranstaltungsort", 20), Column("Teilnehmende", 12, "int"), Column("Anliegen", 10, "int"),
               Column("Klebepunkte", 11, "int"), Column("Themen", 9, "int"), Column("Empfehlungen", 12, "int")]
    columns += [Column(f"Empfehlungen {s}", 12, "int") for s in STATUSES]
    rows = [[lab.district, lab.date, lab.name, lab.venue,
             NOT_RECORDED if lab.participants is None else lab.participants, lab.cards, lab.votes, lab.clusters,
             lab.recommendations] + [lab.status_counts.get(s, 0) for s in STATUSES] for lab in data.labs]
    write_table(ws, "Labore", columns, rows)


def _share_sheets(wb: Workbook, data: ComparisonData, title: str, first: str, rows: list[ShareRow]) -> None:
    """A wide sheet (topic x lab shares) and a long one (one row per lab and topic) for pivot tables."""
    ws = wb.create_sheet(title)
    headers: list[str] = []
    for lab in data.labs:
        header = f"{lab.name} ({lab.date_text})"
        while header in headers:
            header += " "
        headers.append(header)
    columns = [Column(first, 30)] + [Column(h, 14, "percent", 30) for h in headers]
    table_rows = [[row.label] + [row.cell(lab.lab_id).share for lab in data.labs] for row in rows]
    write_table(ws, title.replace(" ", "_"), columns, table_rows)


def _long_sheet(wb: Workbook, data: ComparisonData) -> None:
    ws = wb.create_sheet("Daten")
    columns = [Column("Stadtbezirk", 16), Column("Datum", 11, "date"), Column("Quartierslabor", 24),
               Column("Art", 12), Column("Thema / Handlungsfeld", 34), Column("Anliegen", 10, "int"),
               Column("Anteil", 10, "percent"), Column("Klebepunkte", 11, "int")]
    rows = []
    for kind, share_rows in (("Thema", data.cluster_shares), ("Handlungsfeld", data.field_shares)):
        for row in share_rows:
            for lab in data.labs:
                cell = row.cells.get(lab.lab_id)
                if cell is None:
                    continue
                rows.append([lab.district, lab.date, lab.name, kind, row.label, cell.cards, cell.share, cell.votes])
    write_table(ws, "Daten", columns, rows)


def _changes_sheet(wb: Workbook, data: ComparisonData) -> None:
    ws = wb.create_sheet("Veränderung")
    columns = [Column("Stadtbezirk", 16), Column("Thema", 30), Column("Labor vorher", 22),
               Column("Datum vorher", 12, "date"), Column("Anliegen vorher", 10, "int"),
               Column("Anteil vorher", 10, "percent"), Column("Labor zuletzt", 22), Column("Datum zuletzt", 12, "date"),
               Column("Anliegen zuletzt", 10, "int"), Column("Anteil zuletzt", 10, "percent"),
               Column("Veränderung (Prozentpunkte)", 14)]
    rows = []
    for change in data.district_changes:
        for t in change.topics:
            rows.append([change.district, t.label, change.previous.name, change.previous.date, t.previous_cards,
                         t.previous_share, change.latest.name, change.latest.date, t.latest_cards, t.latest_share,
                         round(t.delta_points, 1)])
    write_table(ws, "Veraenderung", columns, rows)
    for r in range(2, len(rows) + 2):
        ws.cell(row=r, column=11).number_format = "+0.0;-0.0;0.0"


def _recommendations_sheet(wb: Workbook, data: ComparisonData) -> None:
    ws = wb.create_sheet("Empfehlungen")
    columns = [Column("Stadtbezirk", 16), Column("Datum des Labors", 12, "date"), Column("Quartierslabor", 22),
               Column("Empfehlung", 34, "wrap", 60), Column("Handlungsfeld", 14), Column("Zuständig", 18),
               Column("Priorität", 10), Column("Zeithorizont", 13), Column("Status", 11),
               Column("Status-Notiz", 28, "wrap", 60), Column("Geändert am", 16, "datetime")]
    rows = [[r.district, r.lab_date, r.lab_name, r.title, "; ".join(r.handlungsfeld_codes), r.actor, r.priority,
             r.horizon, r.status, r.status_note, r.updated_at] for r in data.recommendations]
    write_table(ws, "Empfehlungen", columns, rows)


def _info_sheet(wb: Workbook, data: ComparisonData) -> None:
    ws = wb.create_sheet("Info")
    rows = [["Bericht", "Vergleich der Quartierslabore"], ["Umfang", data.scope_text],
            ["Quartierslabore", len(data.labs)], ["Stadtbezirke", ", ".join(data.districts)],
            ["Exportiert am", data.exported_at], ["Software", f"Quartierslabor {data.software_version}"],
            ["Hinweis", PRIVACY_NOTE]]
    write_table(ws, "Info", [Column("Angabe", 22), Column("Wert", 40, "text", 100)], rows)


def build_comparison_workbook(data: ComparisonData) -> Workbook:
    wb = Workbook()
    _labs_sheet(wb, data)
    _share_sheets(wb, data, "Anteile Themen", "Thema", data.cluster_shares)
    _share_sheets(wb, data, "Anteile Handlungsfelder", "Handlungsfeld", data.field_shares)
    _long_sheet(wb, data)
    _changes_sheet(wb, data)
    _recommendations_sheet(wb, data)
    _info_sheet(wb, data)
    wb.properties.title = "Vergleich der Quartierslabore"
    wb.properties.creator = "Quartierslabor"
    return wb


def write_comparison_xlsx(path: "str | os.PathLike[str]", data: ComparisonData,
                          progress: Optional[ProgressCallback] = None,
                          cancel: Optional[CancelToken] = None) -> Path:
    report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Excel-Mappe wird aufgebaut …")), cancel)
    wb = build_comparison_workbook(data)
    report(progress, 0.6, Message(QT_TRANSLATE_NOOP("Progress", "Excel-Mappe wird gespeichert …")), cancel)
    target = atomic_write(path, lambda tmp: wb.save(str(tmp)))
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Excel-Mappe gespeichert.")), cancel)
    return target
