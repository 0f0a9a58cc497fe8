"""The protocol of a final-panel draw (PDF): method, quotas, seed, every respondent's exact probability."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

from ... import count_texts
from ...draw.atomic import atomic_path
from ...draw.seed import HASH_RULE_TEXT
from ...messages import german_text
from .lottery import DRAW_RULE_TEXT, METHOD_TEXT, REPLACEMENT_RULE_TEXT
from .service import PanelOutcome, natural_key, probability_range, summary_by_category


def _de(value: float, digits: int = 6) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def write_panel_protocol(path: "str | os.PathLike[str]", outcome: PanelOutcome, *, respondents_file: str = "",
                         respondents_sha256: str = "", lab_name: Optional[str] = None,
                         repeat_command: str = "") -> Path:
    """Write the protocol atomically (ids only, no names or addresses)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ...pdf_fonts import FONT, FONT_BOLD, register_fonts

    register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10.5)
    mono = ParagraphStyle("mono", parent=small, fontName="Courier", fontSize=7.5, leading=9.5)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=10,
                        spaceAfter=4)
    cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5)
    cell_bold = ParagraphStyle("cellb", parent=cell, fontName=FONT_BOLD)
    grid = TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
                       ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                       ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("REPEATROWS", (0, 0), (-1, 0))])

    def kv(rows: list[tuple[str, str]]) -> Table:
        t = Table([[Paragraph(escape(k), cell_bold), Paragraph(escape(v), cell)] for k, v in rows],
                  colWidths=[48 * mm, 122 * mm], hAlign="LEFT")
        t.setStyle(grid)
        t.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), FONT, 8)]))
        return t

    req, comp = outcome.request, outcome.computation
    low, high = probability_range(outcome)
    panel = outcome.selected
    story: list = [Paragraph("Protokoll der Auswahl der Teilnehmenden (Panel)", h1)]
    if lab_name:
        story.append(Paragraph(escape(f"Quartierslabor: {lab_name}"), base))
    story.append(Paragraph("Dieses Protokoll enthält keine Namen oder Anschriften, nur die Kennungen der Zusagen.",
                           small))
    story.append(Paragraph("Zusammenfassung", h2))
    summary = summary_text(outcome)
    story.append(Paragraph(escape(summary + " Wer das Protokoll, die Zusagen und den Startwert hat, kann die "
                                             "Auswahl mit dem unten genannten Befehl wiederholen und prüfen."), base))
    story.append(Paragraph("Auswahl", h2))
    rows = [("Datum und Uhrzeit", outcome.created_at.strftime("%d.%m.%Y, %H:%M:%S Uhr")),
            ("Zusagen", f"{len(req.respondents)}" + (f" (Datei {respondents_file})" if respondents_file else "")),
            ("SHA-256 der Zusagen", respondents_sha256 or "–"),
            ("Plätze", str(req.seats)),
            ("Startwert (Seed)", req.seed_text.strip()),
            ("SHA-256 des Startwerts", outcome.draw.seed_digest),
            ("Gruppen (gleiche Merkmalswerte)", str(comp.type_count)),
            ("Kleinste Wahrscheinlichkeit (Maximin)", _de(comp.maximin, 9)),
            ("Größte Wahrscheinlichkeit", _de(high, 9)),
            ("Verteilung", f"{len(comp.distribution.weights)} Zusammensetzungen; gezogen: Nr. "
                           f"{outcome.draw.composition_index + 1} (u = {outcome.draw.u:.12f})")]
    if outcome.is_replacement:
        rows.append(("Abgesagt", ", ".join(sorted(req.dropouts))))
        rows.append(("Nachgerückt", ", ".join(outcome.draw.selected)))
    story.append(kv(rows))
    story.append(Paragraph("Quoten", h2))
    if req.quota_note is not None:
        story.append(Paragraph("<b>Hinweis:</b> " + escape(german_text(req.quota_note)), base))
        story.append(Spacer(1, 4))
    quota_rows = [["Merkmal", "Wert", "Minimum", "Maximum", "Zusagen", "im Panel"]]
    quota_rows += [[c.feature, c.value, str(c.min), str(c.max), str(have), str(got)]
                   for c, have, got in summary_by_category(outcome)]
    t = Table(quota_rows, colWidths=[38 * mm, 44 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm], hAlign="LEFT")
    t.setStyle(grid)
    story.append(t)
    story.append(Paragraph("Panel", h2))
    story.append(Paragraph(escape(", ".join(panel)), base))
    story.append(Paragraph("Auswahlwahrscheinlichkeit jeder Person", h2))
    probs = outcome.probabilities
    chosen = set(panel)
    feats = outcome.features
    prob_rows = [["Kennung", *feats, "Wahrscheinlichkeit", "im Panel"]]
    prob_rows += [[r.id, *(r.features.get(f, "") for f in feats), _de(probs[r.id], 9), "ja" if r.id in chosen else ""]
                  for r in sorted(req.respondents, key=lambda r: natural_key(r.id))]
    width = 170 * mm
    t = Table(prob_rows, colWidths=[28 * mm] + [(width - 80 * mm) / max(1, len(feats))] * len(feats)
              + [32 * mm, 20 * mm], hAlign="LEFT")
    t.setStyle(grid)
    story.append(t)
    story.append(Paragraph("Verfahren", h2))
    for text in (METHOD_TEXT, HASH_RULE_TEXT, DRAW_RULE_TEXT, REPLACEMENT_RULE_TEXT):
        story.append(Paragraph(escape(text), small))
        story.append(Spacer(1, 3))
    if repeat_command:
        story.append(Paragraph("Wiederholen und prüfen", h2))
        story.append(Paragraph(escape(repeat_command), mono))
    story.append(Spacer(1, 24))
    sign = Table([["", "", ""], ["Ausgelost von (Name, Datum, Unterschrift)", "", "Zeugin/Zeuge (Name, Datum, "
                                                                                   "Unterschrift)"]],
                 colWidths=[80 * mm, 10 * mm, 80 * mm], rowHeights=[18 * mm, None], hAlign="LEFT")
    sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("LINEABOVE", (0, 1), (0, 1), 0.6, colors.black),
                              ("LINEABOVE", (2, 1), (2, 1), 0.6, colors.black)]))
    story.append(sign)

    with atomic_path(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                bottomMargin=18 * mm, title="Protokoll der Panel-Auswahl", author="Quartierslabor")
        doc.build(story)
    return Path(path)


def summary_text(outcome: PanelOutcome) -> str:
    """The plain-language summary at the top of the panel protocol (German, counts agree with their nouns)."""
    req, comp = outcome.request, outcome.computation
    high = probability_range(outcome)[1]
    if outcome.is_replacement:
        gone, free = len(req.dropouts), len(outcome.draw.selected)
        return (f"{count_texts.members_declined(gone)} {count_texts.others_stay(len(outcome.stay))}; "
                f"{count_texts.free_places_redrawn(free)} wurde "
                f"{count_texts.among_acceptances_not_in_panel(len(comp.respondents))}, fair nachgelost. "
                f"Alle Quoten bleiben erfüllt.")
    return (f"{count_texts.from_acceptances(len(req.respondents))} "
            f"{count_texts.participants_drawn(req.seats)}. Das Verfahren erfüllt jede Quote und gibt jeder "
            f"Person die größtmögliche Chance: Die kleinste Auswahlwahrscheinlichkeit beträgt {_de(comp.maximin)} "
            f"(mehr ist bei diesen Quoten nicht möglich), die größte {_de(high)}.")
