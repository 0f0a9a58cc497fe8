"""The comparison across labs as PDF for the Lenkungskreis."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report
from ..recommendations.choices import STATUSES
from .atomic import atomic_write
from .comparison_data import ComparisonData, LabOverview, ShareRow
from .lab_data import NOT_RECORDED
from .lab_pdf import MASTERPLAN
from .pdf_charts import horizontal_bars
from .pdf_layout import (CONTENT_WIDTH, LIGHT, ReportDocTemplate, data_table, fmt_int, fmt_pct, heading,
                         numbered_canvas, para, toc)
from ..pdf_fonts import FONT_BOLD
from .pdf_text import shorten, wrap_label

REPORT_KIND = "Vergleich der Quartierslabore"
LABS_PER_TABLE = 4
LAB_COLUMN = 2.7 * cm


def _title_page(data: ComparisonData) -> list:
    story: list = [Spacer(1, 3.5 * cm), para("Quartierslabor", "Subtitle"), para(REPORT_KIND, "Title"),
                   para(f"Für den Lenkungskreis\n{MASTERPLAN}", "Subtitle"), Spacer(1, 1 * cm)]
    dates = [lab.date for lab in data.labs if lab.date]
    span = (f"{min(dates).strftime('%d.%m.%Y')} bis {max(dates).strftime('%d.%m.%Y')}" if dates else "–")
    meta = [("Umfang", data.scope_text), ("Quartierslabore", str(len(data.labs))),
            ("Stadtbezirke", ", ".join(data.districts) or "–"), ("Zeitraum", span)]
    rows = [[para(k, "CellBold"), para(v, "Meta", 11 * cm)] for k, v in meta]
    story.append(data_table(rows, [4 * cm, 11 * cm], header=False, zebra=False))
    story += [Spacer(1, 5 * cm),
              para(f"Erstellt am {data.exported_at.strftime('%d.%m.%Y, %H:%M')} Uhr mit Quartierslabor "
                   f"{data.software_version}. Enthält keine personenbezogenen Daten.", "Small"),
              PageBreak()]
    return story


def _participants(lab: LabOverview) -> str:
    return NOT_RECORDED if lab.participants is None else fmt_int(lab.participants)


def _overview(data: ComparisonData) -> list:
    story: list = [heading("Übersicht der Quartierslabore")]
    if not data.labs:
        story.append(para("Es gibt noch keine Quartierslabore.", "Italic"))
        return story
    rows = [["Stadtbezirk", "Datum", "Quartierslabor", "Teiln.", "Anliegen", "Punkte", "Empf.", "umgesetzt"]]
    for lab in data.labs:
        rows.append([lab.district, lab.date_text, lab.name, _participants(lab), fmt_int(lab.cards),
                     fmt_int(lab.votes), fmt_int(lab.recommendations),
                     fmt_int(lab.status_counts.get("umgesetzt", 0))])
    story.append(data_table(rows, [2.8 * cm, 2.0 * cm, 4.0 * cm, 1.4 * cm, 1.8 * cm, 1.5 * cm, 1.3 * cm, 2.2 * cm],
                            numeric_cols=(3, 4, 5, 6, 7)))
    return story


def _share_tables(title: str, intro: str, rows: list[ShareRow], labs: list[LabOverview]) -> list:
    story: list = [PageBreak(), heading(title), para(intro, "Body")]
    if not rows:
        story.append(para("Keine Anliegen erfasst.", "Italic"))
        return story
    for start in range(0, len(labs), LABS_PER_TABLE):
        chunk = labs[start:start + LABS_PER_TABLE]
        label_width = CONTENT_WIDTH - LAB_COLUMN * len(chunk)
        header = ["Thema"] + [wrap_label(f"{shorten(lab.name, 40)}\n{lab.date_text}", FONT_BOLD, 8.5,
                                         LAB_COLUMN - 10) for lab in chunk]
        table_rows = [header]
        for row in rows:
            if not any(row.cell(lab.lab_id).cards for lab in chunk):
                continue
            table_rows.append([row.label] + [
                f"{fmt_pct(row.cell(lab.lab_id).share, 0)} ({row.cell(lab.lab_id).cards})"
                if row.cell(lab.lab_id).cards else "–" for lab in chunk])
        table_rows.append(["Anliegen insgesamt"] + [fmt_int(lab.cards) for lab in chunk])
        story.append(CondPageBreak(5 * cm))
        story.append(data_table(table_rows, [label_width] + [LAB_COLUMN] * len(chunk),
                                numeric_cols=tuple(range(1, len(chunk) + 1)),
                                extra_style=[("BACKGROUND", (0, -1), (-1, -1), LIGHT)]))
        story.append(Spacer(1, 0.4 * cm))
    return story


def _changes(data: ComparisonData) -> list:
    story: list = [PageBreak(), heading("Veränderung seit dem letzten Labor im Stadtbezirk")]
    if not data.district_changes:
        story.append(para("Bisher gab es in keinem Stadtbezirk zwei Quartierslabore mit Datum; ein Vergleich "
                          "über die Zeit ist erst nach dem zweiten Labor im selben Stadtbezirk möglich.", "Italic"))
        return story
    story.append(para("Anteil der Anliegen je Thema im vorigen und im letzten Quartierslabor desselben "
                      "Stadtbezirks; die Differenz in Prozentpunkten.", "Body"))
    for change in data.district_changes:
        story.append(CondPageBreak(8 * cm))
        story.append(heading(change.district, level=2))
        story.append(para(f"Vorher: {change.previous.name} ({change.previous.date_text}, "
                          f"{change.previous.cards} Anliegen) · Zuletzt: {change.latest.name} "
                          f"({change.latest.date_text}, {change.latest.cards} Anliegen)", "Small"))
        top = change.topics[:12]
        if top:
            story.append(horizontal_bars(
                [t.label for t in top], [[round(t.previous_share * 100, 1) for t in top],
                                         [round(t.latest_share * 100, 1) for t in top]],
                [f"{shorten(change.previous.name, 24)} ({change.previous.date_text})",
                 f"{shorten(change.latest.name, 24)} ({change.latest.date_text})"],
                CONTENT_WIDTH, value_format="%.0f %%"))
        rows = [["Thema", "vorher", "zuletzt", "Veränderung"]]
        for t in change.topics:
            delta = f"{t.delta_points:+.1f}".replace(".", ",") + " Pp."
            if t.previous_cards == 0:
                delta += " (neu)"
            elif t.latest_cards == 0:
                delta += " (nicht mehr genannt)"
            rows.append([t.label, f"{fmt_pct(t.previous_share, 0)} ({t.previous_cards})",
                         f"{fmt_pct(t.latest_share, 0)} ({t.latest_cards})", delta])
        story.append(data_table(rows, [7.4 * cm, 2.7 * cm, 2.7 * cm, 4.2 * cm], numeric_cols=(1, 2, 3)))
    return story


def _recommendations(data: ComparisonData) -> list:
    story: list = [PageBreak(), heading("Stand der Handlungsempfehlungen")]
    if not data.recommendations:
        story.append(para("Es wurden noch keine Handlungsempfehlungen erfasst.", "Italic"))
        return story
    rows = [["Quartierslabor", "Empf."] + list(STATUSES)]
    for lab in data.labs:
        if lab.recommendations:
            rows.append([f"{lab.name} ({lab.date_text})", str(lab.recommendations)]
                        + [str(lab.status_counts.get(s, 0)) for s in STATUSES])
    totals = data.status_totals
    rows.append(["Summe", str(len(data.recommendations))] + [str(totals.get(s, 0)) for s in STATUSES])
    story.append(data_table(rows, [6.2 * cm, 1.6 * cm, 2.0 * cm, 2.4 * cm, 2.4 * cm, 2.4 * cm],
                            numeric_cols=(1, 2, 3, 4, 5), extra_style=[("BACKGROUND", (0, -1), (-1, -1), LIGHT)]))
    for lab in data.labs:
        recs = [r for r in data.recommendations if r.lab_id == lab.lab_id]
        if not recs:
            continue
        story.append(CondPageBreak(4 * cm))
        story.append(heading(f"{lab.name} ({lab.district}, {lab.date_text})", level=2))
        rows = [["Empfehlung", "Handlungsfeld", "Zuständig", "Status"]]
        for r in recs:
            status = r.status + (f": {r.status_note}" if r.status_note else "")
            rows.append([r.title, "; ".join(r.handlungsfeld_codes), r.actor, status])
        story.append(data_table(rows, [5.4 * cm, 3.0 * cm, 3.8 * cm, 4.8 * cm]))
    return story


def write_comparison_pdf(path: "str | os.PathLike[str]", data: ComparisonData,
                         progress: Optional[ProgressCallback] = None,
                         cancel: Optional[CancelToken] = None) -> Path:
    """Write the comparison PDF atomically; returns the written path."""
    report(progress, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Vergleich wird aufgebaut …")), cancel)
    labs = data.labs
    story = _title_page(data) + [para("Inhalt", "H1"), toc(), PageBreak()]
    story += _overview(data)
    story += _share_tables("Anteile der Themen je Labor",
                           "Anteil der Anliegen (Karten) eines Labors je Thema; in Klammern die Zahl der "
                           "Anliegen. Themen werden über ihren Schlüssel labor-übergreifend zugeordnet.",
                           data.cluster_shares, labs)
    story += _share_tables("Anteile je Handlungsfeld",
                           f"Anteil der Anliegen je Handlungsfeld des {MASTERPLAN}; maßgeblich ist das erste "
                           "Handlungsfeld des Themas (auf zwei Ebenen gekürzt, z. B. 2.3).",
                           data.field_shares, labs)
    story += _changes(data)
    story += _recommendations(data)
    canvas_cls = numbered_canvas(REPORT_KIND, data.scope_text,
                                 f"Lenkungskreis · erstellt am {data.exported_at.strftime('%d.%m.%Y')}")

    def _write(tmp: Path) -> None:
        report(progress, 0.5, Message(QT_TRANSLATE_NOOP("Progress", "PDF wird gesetzt …")), cancel)
        doc = ReportDocTemplate(str(tmp), title=f"{REPORT_KIND} – {data.scope_text}")
        doc.multiBuild(story, canvasmaker=canvas_cls)

    target = atomic_write(path, _write)
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Vergleich als PDF gespeichert.")), cancel)
    return target
