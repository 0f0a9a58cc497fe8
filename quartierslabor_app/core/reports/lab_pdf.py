"""The lab report as PDF for the Lenkungskreis (reportlab platypus)."""
from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Optional, Sequence

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from .. import count_texts
from ..board.table_tag import table_label
from ..labs import lab_heading
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report
from .atomic import atomic_write
from .lab_data import NOT_RECORDED, LabReportData, RecommendationRow
from .pdf_board import board_pages
from .pdf_charts import horizontal_bars
from .pdf_layout import (CONTENT_WIDTH, GRID, LIGHT, ReportDocTemplate, data_table, fmt_int, fmt_pct,
                         heading, numbered_canvas, para, toc)
from .pdf_text import LRM, shorten

REPORT_KIND = "Bericht für den Lenkungskreis"
MASTERPLAN = "Masterplan Kommunale Sicherheit 2.0"
NBSP = "\u00a0"


def _title_page(data: LabReportData) -> list:
    # the kicker line says what the title is, unless the lab's name says it already
    kicker = [] if lab_heading(data.lab_name) == data.lab_name else [para("Quartierslabor", "Subtitle")]
    story: list = [Spacer(1, 3.5 * cm), *kicker,
                   para(data.lab_name, "Title"),
                   para(f"{REPORT_KIND}\n{MASTERPLAN}", "Subtitle"),
                   Spacer(1, 1.2 * cm)]
    meta = [("Stadtbezirk", data.district), ("Datum", data.date_text),
            ("Veranstaltungsort", data.venue or "–")]
    rows = [[para(k, "CellBold"), para(v, "Meta", 11 * cm)] for k, v in meta]
    story.append(data_table(rows, [4 * cm, 11 * cm], header=False, zebra=False,
                            extra_style=[("LINEBELOW", (0, 0), (-1, -1), 0, LIGHT)]))
    story += [Spacer(1, 6 * cm),
              para(f"Erstellt am {data.exported_at.strftime('%d.%m.%Y, %H:%M')} Uhr mit Quartierslabor "
                   f"{data.software_version}.", "Small"),
              para("Dieser Bericht enthält keine personenbezogenen Daten. Angaben zu Teilnehmenden sind "
                   "ausschließlich zusammengefasst (aggregiert).", "Small"),
              PageBreak()]
    return story


def _count(value: Optional[int]) -> str:
    """A figure of the report; "nicht erfasst" where it was not recorded (never 0)."""
    return NOT_RECORDED if value is None else fmt_int(value)


def _share(value: Optional[float]) -> str:
    return NOT_RECORDED if value is None else fmt_pct(value)


def _summary(data: LabReportData) -> list:
    s = data.summary
    story: list = [heading("Zusammenfassung")]
    figures = [["Kennzahl", "Wert"],
               ["Teilnehmende", _count(s.participants)],
               *([["davon ohne Einladung gekommen", fmt_int(s.walk_ins)]] if s.walk_ins else []),
               ["Eingeladen (Zufallsauswahl aus dem Melderegister)", fmt_int(s.invited) if s.invited else "–"],
               ["Zusagen", fmt_int(s.accepted) if s.accepted else "–"],
               ["Anliegen (Karten)", fmt_int(s.cards)],
               ["Themen", fmt_int(s.clusters)],
               ["Klebepunkte (Stimmen)", fmt_int(s.votes)],
               ["Handlungsempfehlungen", fmt_int(s.recommendations)]]
    story.append(data_table(figures, [13 * cm, 4 * cm], numeric_cols=(1,)))
    story.append(Spacer(1, 0.4 * cm))
    story.append(para("Wichtigste Anliegen nach Klebepunkten", "H3"))
    if s.top_clusters:
        rows = [["Rang", "Thema", "Anliegen", "Punkte"]]
        rows += [[str(i), t.name, str(t.cards), str(t.votes)] for i, t in enumerate(s.top_clusters, 1)]
        story.append(data_table(rows, [1.4 * cm, 10.6 * cm, 2.5 * cm, 2.5 * cm], numeric_cols=(0, 2, 3)))
    else:
        story.append(para("Es wurden keine Anliegen erfasst.", "Italic"))
    voted = [c for c in s.top_cards if c.votes > 0]
    if voted:
        story.append(para("Einzelne Anliegen mit den meisten Punkten", "H3"))
        rows = [["Anliegen", "Thema", "Punkte"]]
        rows += [[shorten(c.text, 300), c.cluster_name, str(c.votes)] for c in voted]
        story.append(data_table(rows, [10 * cm, 5 * cm, 2 * cm], numeric_cols=(2,)))
    return story


def _participation(data: LabReportData) -> list:
    story: list = [CondPageBreak(6 * cm), heading("Teilnehmende")]
    story.append(para("Die Tabellen zeigen nur zusammengefasste Zahlen. Zum Vergleich steht der Anteil jeder Gruppe "
                      "an der Bevölkerung des Stadtbezirks (laut Melderegister bei der Ziehung) neben ihrem Anteil "
                      "an den Teilnehmenden.", "Body"))
    if not data.participation:
        story.append(para("Für dieses Quartierslabor liegen keine Teilnahmedaten vor.", "Italic"))
        return story
    if data.summary.participants is None or data.participation[0].total_participants is None:
        story.append(para("Die Anwesenheit am Workshoptag wurde nicht erfasst; die Spalten zu den Teilnehmenden "
                          "zeigen deshalb „nicht erfasst“.", "Body"))
    elif data.summary.walk_ins:
        story.append(para(f"Die Zeile „ohne Einladung gekommen“ zählt die {fmt_int(data.summary.walk_ins)} "
                          "Personen, die ohne Einladung teilgenommen haben; ihre Merkmale sind nicht erfasst.",
                          "Body"))
    widths = [3.4 * cm, 2.7 * cm, 1.8 * cm, 2.2 * cm, 1.8 * cm, 2.7 * cm, 2.4 * cm]
    for table in data.participation:
        rows = [[table.label, "Bevölkerung", "Anteil", "Eingeladen", "Zusagen", "Teilnehmende", "Anteil"]]
        for r in table.rows:
            rows.append([r.category, _count(r.population), _share(r.population_share), fmt_int(r.invited),
                         fmt_int(r.accepted), _count(r.participants), _share(r.participant_share)])
        total = table.total_participants
        rows.append(["Summe", fmt_int(table.total_population), "100,0 %" if table.total_population else "–",
                     fmt_int(table.total_invited), fmt_int(table.total_accepted), _count(total),
                     NOT_RECORDED if total is None else ("100,0 %" if total else "–")])
        t = data_table(rows, widths, numeric_cols=(1, 2, 3, 4, 5, 6),
                       extra_style=[("LINEABOVE", (0, -1), (-1, -1), 0.8, GRID)])
        story.append(KeepTogether([para(table.label, "H3"), t]))
    return story


def _concerns(data: LabReportData, progress: Optional[ProgressCallback], cancel: Optional[CancelToken]) -> list:
    story: list = [PageBreak(), heading("Anliegen nach Themen")]
    if not data.clusters:
        story.append(para("Es wurden keine Anliegen erfasst.", "Italic"))
        return story
    ranked = sorted(data.clusters, key=lambda c: (-c.total_votes, -c.card_count, c.name))
    story.append(para("Anzahl der Anliegen (Karten) und der Klebepunkte je Thema, nach Punkten sortiert.", "Body"))
    # at most 20 clusters per chart (well below one page), equal parts, one common scale
    parts = math.ceil(len(ranked) / 20)
    chunk = math.ceil(len(ranked) / parts)
    top = max([max(c.card_count, c.total_votes) for c in ranked] + [1])
    for start in range(0, len(ranked), chunk):
        part = ranked[start:start + chunk]
        story.append(horizontal_bars([c.name for c in part], [[c.card_count for c in part],
                                                               [c.total_votes for c in part]],
                                     ["Anliegen", "Klebepunkte"], CONTENT_WIDTH, value_max=top))
    story.append(Spacer(1, 0.3 * cm))
    total = len(data.clusters)
    for i, section in enumerate(data.clusters):
        report(progress, 0.2 + 0.4 * i / total, Message(QT_TRANSLATE_NOOP("Progress", "Thema „{name}“ …"),
                                                        name=shorten(section.name, 40)), cancel)
        story.append(CondPageBreak(4 * cm))
        story.append(heading(section.name, level=2))
        facts = f"{count_texts.concerns(section.card_count)}, {count_texts.dots(section.total_votes)}"
        if section.cluster_votes:
            facts += f" (davon {section.cluster_votes} auf das Thema insgesamt)"
        if section.handlungsfeld_codes:
            facts += f" · Handlungsfeld: {section.handlungsfeld_text}"
        story.append(para(facts, "Small"))
        if not section.cards:
            continue
        rows = [["Nr.", "Anliegen (wörtlich)", "Ort / Tisch", "Punkte"]]
        for n, card in enumerate(section.cards, 1):
            where = " / ".join(x for x in (card.place, str(table_label(card.table_tag)) if card.table_tag else "") if x)
            rows.append([str(n), card.text, where, str(card.votes)])
        story.append(data_table(rows, [1.1 * cm, 10.6 * cm, 3.5 * cm, 1.8 * cm], numeric_cols=(0, 3)))
    return story


def _unbroken(count: object) -> str:
    """A count with its unit on one line: "(2 Punkte)" may move to the next line, but never "(2" / "Punkte)"."""
    return str(count).replace(" ", NBSP)


def _recommendation_block(rec: RecommendationRow) -> list:
    status = rec.status + (f" – {rec.status_note}" if rec.status_note else "")
    facts = [("Zuständig", rec.actor or "–"), ("Priorität", rec.priority), ("Zeithorizont", rec.horizon),
             ("Status", status)]
    if rec.handlungsfeld_codes:
        facts.append(("Handlungsfelder", rec.codes_text))
    if rec.place:
        facts.append(("Ort", rec.place))
    if rec.cluster_name:
        facts.append(("Thema", rec.cluster_name))
    if rec.linked_cards:
        linked = "\n".join(f"„{shorten(c.text, 160)}“{LRM} ({_unbroken(count_texts.points(c.votes))})"
                            for c in rec.linked_cards)
        label = f"Anliegen ({_unbroken(count_texts.points(rec.linked_votes))})"
        facts.append((label, para(linked, "Cell", 13.4 * cm - 8, ltr=True)))
    rows = [[k, v] for k, v in facts]
    table = data_table(rows, [3.6 * cm, 13.4 * cm], header=False, zebra=False, bold_first_col=True,
                       extra_style=[("BACKGROUND", (0, 0), (0, -1), LIGHT)])
    block: list = [para(rec.title, "H3", CONTENT_WIDTH)]
    if rec.text:
        block.append(para(rec.text, "Body", CONTENT_WIDTH))
    block += [table, Spacer(1, 0.35 * cm)]
    return block


def _recommendations(data: LabReportData) -> list:
    story: list = [PageBreak(), heading("Handlungsempfehlungen")]
    if not data.recommendations:
        story.append(para("Es wurden noch keine Handlungsempfehlungen erfasst.", "Italic"))
        return story
    story.append(para(f"{count_texts.recommendations(len(data.recommendations))}, gegliedert nach den Handlungsfeldern des "
                      f"{MASTERPLAN} (erstes Handlungsfeld jeder Empfehlung); innerhalb eines Handlungsfelds nach "
                      f"Priorität.", "Body"))
    for group in data.recommendation_groups:
        story.append(CondPageBreak(5 * cm))
        title: list = [heading(group.label, level=2)]       # kept with the first recommendation
        for rec in group.recommendations:
            block = title + _recommendation_block(rec)
            title = []
            if len(rec.text) < 1500:
                story.append(KeepTogether(block))
            else:                                            # too long to keep on one page
                story.extend(block)
    return story


def build_lab_story(data: LabReportData, progress: Optional[ProgressCallback] = None,
                    cancel: Optional[CancelToken] = None, board_pictures: Sequence[bytes] = ()) -> list:
    """``board_pictures``: PNGs of the board as the projector showed it (Fotoprotokoll), if any."""
    story = _title_page(data)
    story += [para("Inhalt", "H1"), toc(), PageBreak()]
    story += _summary(data)
    story += _participation(data)
    story += _concerns(data, progress, cancel)
    story += board_pages(board_pictures)
    story += _recommendations(data)
    return story


def write_lab_pdf(path: "str | os.PathLike[str]", data: LabReportData,
                  progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                  board_pictures: Sequence[bytes] = ()) -> Path:
    """Write the lab report PDF atomically; returns the written path. ``board_pictures``: PNGs of
    the board for the Fotoprotokoll pages (rendered by the caller, e.g. the Qt layer)."""
    report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Bericht wird aufgebaut …")), cancel)
    story = build_lab_story(data, progress, cancel, board_pictures)
    canvas_cls = numbered_canvas(lab_heading(data.lab_name), f"{data.district} · {data.date_text}",
                                 f"{REPORT_KIND} · erstellt am {data.exported_at.strftime('%d.%m.%Y')}")

    def _write(tmp: Path) -> None:
        report(progress, 0.65, Message(QT_TRANSLATE_NOOP("Progress", "PDF wird gesetzt …")), cancel)
        doc = ReportDocTemplate(str(tmp), title=f"{lab_heading(data.lab_name)} – {REPORT_KIND}")
        doc.multiBuild(story, canvasmaker=canvas_cls)

    target = atomic_write(path, _write)
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "PDF-Bericht gespeichert.")), cancel)
    return target
