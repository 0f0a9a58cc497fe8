"""The lab report as Excel workbook (openpyxl): Empfehlungen, Anliegen, Themen, Teilnahme, Info."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from openpyxl import Workbook

from ..labs import lab_heading
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report
from ..recommendations.codes import handlungsfeld_title
from .atomic import atomic_write
from .lab_data import NOT_RECORDED, LabReportData
from .xlsx_helpers import Column, write_table

PRIVACY_NOTE = ("Dieser Export enthält keine personenbezogenen Daten; Angaben zu Teilnehmenden sind "
                "ausschließlich zusammengefasst.")


def _recommendations_sheet(wb: Workbook, data: LabReportData) -> None:
    ws = wb.active
    ws.title = "Empfehlungen"
    columns = [Column("Nr.", 6, "int"), Column("Titel", 30, "wrap", 60), Column("Text", 40, "wrap", 70),
               Column("Handlungsfeld", 14), Column("Handlungsfeld (Titel)", 28, "text", 50),
               Column("Zuständig", 18), Column("Priorität", 10), Column("Zeithorizont", 14), Column("Ort", 14),
               Column("Status", 11), Column("Status-Notiz", 24, "wrap", 50), Column("Thema", 20),
               Column("Anliegen (Nr.)", 14), Column("Punkte der Anliegen", 10, "int"),
               Column("Geändert am", 16, "datetime")]
    rows = []
    for rec in data.recommendations:
        first = rec.handlungsfeld_codes[0] if rec.handlungsfeld_codes else ""
        rows.append([rec.id, rec.title, rec.text, rec.codes_text, handlungsfeld_title(first) if first else "",
                     rec.actor, rec.priority, rec.horizon, rec.place, rec.status, rec.status_note,
                     rec.cluster_name, "; ".join(str(c.id) for c in rec.linked_cards), rec.linked_votes,
                     rec.updated_at])
    write_table(ws, "Empfehlungen", columns, rows)


def _cards_sheet(wb: Workbook, data: LabReportData) -> None:
    ws = wb.create_sheet("Anliegen")
    columns = [Column("Nr.", 6, "int"), Column("Anliegen", 50, "wrap", 90), Column("Thema", 24),
               Column("Punkte", 8, "int"), Column("Ort", 14), Column("Tisch", 10),
               Column("Warum in diesem Thema", 40, "wrap", 70)]
    rows = [[c.id, c.text, c.cluster_name, c.votes, c.place, c.table_tag, c.reason]
            for c in sorted(data.cards, key=lambda c: c.id)]
    write_table(ws, "Anliegen", columns, rows)


def _clusters_sheet(wb: Workbook, data: LabReportData) -> None:
    ws = wb.create_sheet("Themen")
    columns = [Column("Thema", 28), Column("Schlüssel", 14), Column("Anliegen", 10, "int"),
               Column("Anteil der Anliegen", 12, "percent"), Column("Punkte auf Karten", 10, "int"),
               Column("Punkte auf Thema", 10, "int"), Column("Punkte gesamt", 10, "int"),
               Column("Handlungsfeld", 14), Column("Handlungsfeld (Titel)", 30, "text", 60),
               Column("Herkunft", 12)]
    total = sum(s.card_count for s in data.clusters) or 0
    origin = {"taxonomy": "Vorlage", "user": "selbst angelegt", "discovered": "neu entdeckt"}
    rows = [[s.name, s.key, s.card_count, (s.card_count / total) if total else 0.0, s.card_votes, s.cluster_votes,
             s.total_votes, "; ".join(s.handlungsfeld_codes),
             "; ".join(handlungsfeld_title(c) for c in s.handlungsfeld_codes), origin.get(s.origin, s.origin)]
            for s in data.clusters]
    write_table(ws, "Themen", columns, rows)


def _participation_sheet(wb: Workbook, data: LabReportData) -> None:
    ws = wb.create_sheet("Teilnahme")
    columns = [Column("Merkmal", 14), Column("Kategorie", 18), Column("Bevölkerung", 12, "count"),
               Column("Anteil Bevölkerung", 12, "percent"), Column("Eingeladen", 11, "count"),
               Column("Zusagen", 10, "count"), Column("Teilnehmende", 12, "count"),
               Column("Anteil Teilnehmende", 12, "percent")]
    def known(value):                     # "nicht erfasst" where it was not recorded, never an empty 0
        return NOT_RECORDED if value is None else value

    rows = [[t.label, r.category, known(r.population), known(r.population_share), r.invited, r.accepted,
             known(r.participants), known(r.participant_share)] for t in data.participation for r in t.rows]
    write_table(ws, "Teilnahme", columns, rows)


def _info_sheet(wb: Workbook, data: LabReportData) -> None:
    ws = wb.create_sheet("Info")
    s = data.summary
    rows = [["Quartierslabor", data.lab_name], ["Stadtbezirk", data.district], ["Datum", data.date],
            ["Veranstaltungsort", data.venue], ["Teilnehmende", NOT_RECORDED if s.participants is None else s.participants],
            ["davon ohne Einladung gekommen", NOT_RECORDED if s.walk_ins is None else s.walk_ins],
            ["Eingeladen", s.invited], ["Zusagen", s.accepted], ["Anliegen", s.cards],
            ["Themen", s.clusters], ["Klebepunkte", s.votes], ["Handlungsempfehlungen", s.recommendations],
            ["Exportiert am", data.exported_at], ["Software", f"Quartierslabor {data.software_version}"],
            ["Hinweis", PRIVACY_NOTE]]
    write_table(ws, "Info", [Column("Angabe", 22), Column("Wert", 40, "text", 100)], rows)


def build_lab_workbook(data: LabReportData) -> Workbook:
    wb = Workbook()
    _recommendations_sheet(wb, data)
    _cards_sheet(wb, data)
    _clusters_sheet(wb, data)
    _participation_sheet(wb, data)
    _info_sheet(wb, data)
    wb.properties.title = lab_heading(data.lab_name)
    wb.properties.creator = "Quartierslabor"
    return wb


def write_lab_xlsx(path: "str | os.PathLike[str]", data: LabReportData,
                   progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None) -> Path:
    """Write the lab workbook atomically; returns the written path."""
    report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Excel-Mappe wird aufgebaut …")), cancel)
    wb = build_lab_workbook(data)
    report(progress, 0.6, Message(QT_TRANSLATE_NOOP("Progress", "Excel-Mappe wird gespeichert …")), cancel)
    target = atomic_write(path, lambda tmp: wb.save(str(tmp)))
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Excel-Mappe gespeichert.")), cancel)
    return target
