"""The audit protocol of a draw (PDF): everything a third party needs to repeat it, no personal data."""
from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Optional

import numpy as np

from ... import __version__
from .. import count_texts
from ..messages import QT_TRANSLATE_NOOP, Message, german_count
from ..register.model import FIELD_LABELS, Field, ValidatedRegister
from .allocation import ALLOCATION_RULE_TEXT
from .atomic import atomic_path
from .engine import HOUSEHOLD_RULE_TEXT, NO_HOUSEHOLD_RULE_TEXT, SAMPLING_RULE_TEXT
from .model import DIMENSION_LABELS, HOUSEHOLD_DEFINITIONS, DrawResult, DrawSettings
from .seed import HASH_RULE_TEXT, normalise_seed_text
from .strata import normalise_dimensions

ELIGIBILITY_TEXT = (
    "Teilnahmeberechtigt sind alle gültigen Zeilen des Registerauszugs, deren Alter am Stichtag mindestens "
    "dem Mindestalter (und höchstens dem Höchstalter, falls gesetzt) entspricht und – falls Stadtbezirke "
    "gewählt sind – deren Stadtbezirk dazugehört. Frühere Eingeladene (Personenschlüssel aus einer früheren "
    "Liste oder aus der Datenbank der Anwendung) zählen zur Bevölkerung ihrer Schicht, können aber nicht "
    "gezogen werden."
)


def sorted_mapping(register: ValidatedRegister) -> list[tuple[Field, int]]:
    """The column mapping in the fixed order of the fields (not the order it was made in)."""
    return [(f, register.mapping[f]) for f in Field if f in register.mapping]


def repeat_command(register: ValidatedRegister, result: DrawResult) -> str:
    """The equivalent ``quartierslabor draw`` call (for the protocol)."""
    s = result.settings
    dims = normalise_dimensions(s.strata)
    parts = ["quartierslabor draw", _q(register.table.file_name), f"--size {s.size}",
             f"--strata {','.join(dims) if dims else 'none'}", f"--seed {_q(result.seed_text)}",
             f"--min-age {s.min_age}", "--age-bands " + ",".join(str(e) for e in s.age_edges)]
    if s.max_age is not None:
        parts.append(f"--max-age {s.max_age}")
    if s.replacements:
        parts.append(f"--replacements {s.replacements}")
    if not s.household_rule:
        parts.append("--no-household-rule")
    elif s.household_by != "address":
        parts.append("--household-by adresse-name")
    for d in s.districts:
        parts.append(f"--district {_q(d)}")
    for key, factor in s.oversampling.items():
        parts.append(f"--oversample {_q(f'{key}={factor:g}')}")
    parts.append(f"--reference-date {register.reference_date.isoformat()}")
    if result.rows_excluded:
        parts.append("--exclude …")
    parts.append("--out liste.xlsx")
    return " ".join(parts)


def _q(text: str) -> str:
    if text and all(ch.isalnum() or ch in "._-/:,=–" for ch in text):
        return text
    return '"' + text.replace('"', '\\"') + '"'


def _settings_rows(settings: DrawSettings, result: DrawResult) -> list[tuple[str, str]]:
    dims = normalise_dimensions(settings.strata)
    rows = [
        ("Einladungen", str(settings.size)),
        ("Nachrücker", str(settings.replacements)),
        ("Schichtung nach", ", ".join(DIMENSION_LABELS[d] for d in dims) or "keine (eine Schicht)"),
        ("Altersgruppen", ", ".join(result.age_band_labels)),
        ("Altersgrenzen (Eingabe)", ", ".join(str(e) for e in settings.age_edges)),
        ("Mindestalter", str(settings.min_age)),
        ("Höchstalter", str(settings.max_age) if settings.max_age is not None else "keines"),
        ("Stadtbezirke", ", ".join(settings.districts) if settings.districts else "alle im Register"),
        ("Haushaltsregel", f"ein (höchstens eine Einladung je Haushalt; Haushalt = "
                           f"{HOUSEHOLD_DEFINITIONS.get(settings.household_by, settings.household_by)})"
         if settings.household_rule else "aus"),
        ("Übergewichtung", "; ".join(f"{k}: × {v:g}".replace(".", ",") for k, v in settings.oversampling.items())
         or "keine"),
    ]
    return rows


def write_protocol_pdf(path: "str | os.PathLike[str]", register: ValidatedRegister, result: DrawResult, *,
                       user: str, lab_name: Optional[str] = None, software_version: str = __version__,
                       output_files: Optional[dict[str, str]] = None,
                       excluded_sources: Optional[list[str]] = None, record_name: Optional[str] = None) -> Path:
    """Write the protocol atomically. ``output_files``: file name -> SHA-256 of lists written before;
    ``record_name``: the machine-readable record beside the protocol (named in the summary).

    Layout: a one-page summary in plain language, the details (register, settings, seed, strata,
    files), signature lines; the technical procedure (numpy calls, CLI call) in an appendix."""
    from xml.sax.saxutils import escape   # lazy: it imports urllib, http, ssl, email
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ..pdf_fonts import FONT, FONT_BOLD, register_fonts

    register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10.5)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=10,
                        spaceAfter=4)
    cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5)
    cell_bold = ParagraphStyle("cellb", parent=cell, fontName=FONT_BOLD)

    def kv_table(rows: list[tuple[str, str]], *, mono_rows: tuple[int, ...] = ()) -> Table:
        data = []
        for i, (k, v) in enumerate(rows):
            value = v if i in mono_rows else Paragraph(escape(v), cell)
            data.append([Paragraph(escape(k), cell_bold), value])
        t = Table(data, colWidths=[48 * mm, 122 * mm], hAlign="LEFT")
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), FONT, 8.2),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]))
        return t

    created = result.created_at
    when = created.strftime("%d.%m.%Y, %H:%M:%S Uhr") if created else "–"
    story: list = [Paragraph("Protokoll der Einladungsziehung", h1)]
    if lab_name:
        story.append(Paragraph(escape(f"Quartierslabor: {lab_name}"), base))
    lay = ParagraphStyle("lay", parent=base, fontSize=10.5, leading=14.5, spaceAfter=4)
    story.append(Paragraph("Auf einen Blick", h2))
    for title, text in summary_paragraphs(register, result, record_name=record_name,
                                          software_version=software_version):
        story.append(Paragraph(f"<b>{escape(title)}</b>", lay))
        story.append(Paragraph(escape(text).replace("\n", "<br/>"), lay))
    story.append(Paragraph("Dieses Protokoll enthält keine personenbezogenen Daten.", small))
    story.append(PageBreak())

    story.append(Paragraph("Ziehung", h2))
    story.append(kv_table([
        ("Datum und Uhrzeit", when),
        ("Durchgeführt von", user or "–"),
        ("Software", f"Quartierslabor {software_version} (Python {platform.python_version()}, "
                     f"numpy {np.__version__})"),
    ]))

    table = register.table
    invalid = register.rows_read - register.rows_valid
    story.append(Paragraph("Registerauszug", h2))
    mapping_text = "; ".join(f"{FIELD_LABELS[f]} = „{table.headers[i]}“" for f, i in sorted_mapping(register)
                             if 0 <= i < len(table.headers))
    reg_rows = [
        ("Datei", table.file_name),
        ("SHA-256 der Datei", table.sha256),
        ("Erkanntes Format", table.format.describe()),
        ("Spaltenzuordnung", mapping_text),
        ("Stichtag für das Alter", register.reference_date.strftime("%d.%m.%Y")),
        ("Zeilen gelesen", _n(result.rows_read)),
        ("davon gültig", _n(result.rows_valid)),
        ("ungültig (nicht berücksichtigt)", _n(invalid)),
        ("teilnahmeberechtigt", _n(result.rows_eligible)),
        ("davon ausgeschlossen (frühere Eingeladene)", _n(result.rows_excluded)),
        ("Haushalte der Teilnahmeberechtigten", _n(result.households)),
        ("ziehbar (nach Ausschluss und Haushaltsregel)", _n(result.candidates)),
    ]
    if excluded_sources:
        reg_rows.append(("Ausschlusslisten", "; ".join(excluded_sources)))
    story.append(kv_table(reg_rows, mono_rows=(1,)))

    story.append(Paragraph("Einstellungen", h2))
    story.append(kv_table(_settings_rows(result.settings, result)))

    story.append(Paragraph("Startwert (Seed)", h2))
    seed_shown = normalise_seed_text(result.seed_text)
    story.append(kv_table([
        ("Startwert wie eingegeben", result.seed_text),
        ("normalisiert (NFC, ohne Leerraum am Rand)", seed_shown),
        ("SHA-256 des Startwerts", result.seed_digest),
    ], mono_rows=(2,)))

    story.append(Paragraph("Ergebnis je Schicht", h2))
    story.append(Paragraph("Bevölkerung = Teilnahmeberechtigte der Schicht; ziehbar = nach Ausschluss früherer "
                           "Eingeladener und Haushaltsregel; Quote = nach dem Verfahren der größten Reste "
                           "zugeteilte Einladungen.", small))
    story.append(Spacer(1, 3))
    head = ["Schicht", "Bevölkerung", "ziehbar", "Quote", "gezogen", "Nachrücker"]
    data: list[list] = [head]
    for s in result.strata:
        data.append([Paragraph(escape(s.label), cell), _n(s.population), _n(s.eligible), _n(s.quota), _n(s.drawn),
                     _n(s.replacements)])
    data.append([Paragraph("Summe", cell_bold), _n(sum(s.population for s in result.strata)),
                 _n(sum(s.eligible for s in result.strata)), _n(sum(s.quota for s in result.strata)),
                 _n(sum(s.drawn for s in result.strata)), _n(sum(s.replacements for s in result.strata))])
    strata_table = Table(data, colWidths=[62 * mm, 24 * mm, 20 * mm, 18 * mm, 20 * mm, 24 * mm],
                         repeatRows=1, hAlign="LEFT")
    strata_table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8.2), ("FONT", (1, -1), (-1, -1), FONT_BOLD, 8.2),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.2), ("ALIGN", (1, 0), (-1, 0), "RIGHT"),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#667788")),
        ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.HexColor("#667788")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#f6f6f6")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    story.append(strata_table)
    if result.notes:
        story.append(Spacer(1, 4))
        for note in result.notes:
            story.append(Paragraph("Hinweis: " + escape(note), small))

    if output_files:
        story.append(Paragraph("Erzeugte Dateien", h2))
        story.append(kv_table([(name, sha) for name, sha in output_files.items()],
                              mono_rows=tuple(range(len(output_files)))))

    story.append(PageBreak())
    story.append(Paragraph("Anhang: Technische Einzelheiten des Verfahrens", h2))
    for title, text in (("Teilnahmeberechtigung", ELIGIBILITY_TEXT), ("Zufallsgenerator", HASH_RULE_TEXT),
                        ("Aufteilung", ALLOCATION_RULE_TEXT),
                        ("Haushalte", HOUSEHOLD_RULE_TEXT if result.settings.household_rule
                         else NO_HOUSEHOLD_RULE_TEXT),
                        ("Ziehung und Reihenfolge", SAMPLING_RULE_TEXT)):
        story.append(KeepTogether([Paragraph(f"<b>{title}.</b> " + escape(text), base), Spacer(1, 4)]))
    story.append(Paragraph("Wiederholung auf der Kommandozeile", h2))
    story.append(Paragraph(
        "Mit derselben Registerdatei (gleicher SHA-256, Zeilen in derselben Reihenfolge), denselben "
        "Einstellungen, derselben Ausschlussliste und demselben Startwert ergibt die Ziehung mit dieser "
        "Software-Version dieselben Personen in derselben Reihenfolge. Gleichwertiger Aufruf auf der "
        "Kommandozeile:", base))
    story.append(Spacer(1, 3))
    story.append(Paragraph(escape(repeat_command(register, result)), small))

    story.append(Spacer(1, 8))
    story.append(KeepTogether(_signature_block(h2, base, small, mm, colors, Table, TableStyle, Paragraph, Spacer)))

    def on_page(canvas, doc) -> None:  # footer with page number
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillGray(0.35)
        canvas.drawString(20 * mm, 10 * mm, f"Ziehungsprotokoll · {table.file_name} · Seed-SHA-256 "
                                            f"{result.seed_digest[:16]}…")
        canvas.drawRightString(190 * mm, 10 * mm, f"Seite {doc.page}")
        canvas.restoreState()

    target = Path(path)
    if target.suffix.lower() != ".pdf":
        from ..errors import UserError
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawOutputs", "Das Protokoll wird als PDF gespeichert.")),
                        file=target.name, hint=Message(QT_TRANSLATE_NOOP("DrawOutputs", "Geben Sie einen "
                                                                         "Dateinamen mit der Endung .pdf an.")))
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=18 * mm, bottomMargin=18 * mm,
                                title="Protokoll der Einladungsziehung", author=user or "",
                                creator=f"Quartierslabor {software_version}", invariant=1)
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return target


def _n(value: int) -> str:
    return german_count(value)


def summary_paragraphs(register: ValidatedRegister, result: DrawResult, *, record_name: Optional[str] = None,
                       software_version: str = __version__) -> list[tuple[str, str]]:
    """The lay summary (first page): what was drawn, from what, how, and how anyone can repeat it."""
    s = result.settings
    dims = normalise_dimensions(s.strata)
    when = result.created_at.strftime(" am %d.%m.%Y um %H:%M Uhr") if result.created_at else ""
    main = len(result.main_list)
    reps = len(result.replacement_list)
    what = (f"Aus dem Auszug des Melderegisters „{register.table.file_name}“ mit "
            f"{count_texts.people(result.rows_read)}, {count_texts.may_take_part_of_whom(result.rows_eligible)}, "
            f"{count_texts.chosen_for_invitation(main, when)}"
            + (f", dazu {count_texts.replacements(reps)} für Absagen oder unzustellbare Briefe." if reps else "."))
    ages = str(count_texts.from_age(s.min_age)) + (f" und {count_texts.at_most_years_old(s.max_age)}"
                                                   if s.max_age is not None else "")
    where = f" aus {', '.join(s.districts)}" if s.districts else ""
    how = [f"Teilnehmen dürfen Menschen {ages}{where}."]
    if dims:
        names = [DIMENSION_LABELS[d] for d in dims]
        joined = ", ".join(names[:-1]) + " und " + names[-1] if len(names) > 1 else names[0]
        how.append(f"Damit die Eingeladenen der Bevölkerung ähneln, wurde getrennt nach {joined} gezogen: Jede "
                   f"Gruppe erhält so viele Einladungen, wie es ihrem Anteil an der Bevölkerung entspricht.")
    else:
        how.append("Alle Teilnahmeberechtigten hatten dieselbe Chance (ohne Aufteilung in Gruppen).")
    if s.household_rule:
        how.append("Je Haushalt wurde höchstens eine Person eingeladen.")
    if result.rows_excluded:
        how.append(str(count_texts.earlier_invitees_excluded(result.rows_excluded)))
    chance = (f"Den Zufall bestimmt allein der Startwert „{normalise_seed_text(result.seed_text)}“. Er wird vorher "
              f"öffentlich festgelegt (zum Beispiel Lottozahlen oder öffentlich gewürfelte Zahlen), damit niemand das "
              f"Ergebnis beeinflussen kann: Derselbe Registerauszug, dieselben Einstellungen und derselbe Startwert "
              f"ergeben immer dieselben Personen in derselben Reihenfolge.")
    record = record_name or "die .json-Datei neben diesem Protokoll"
    repeat = (f"Neben diesem Protokoll liegt die Datei „{record}“ mit allen Einstellungen, dem Startwert und "
              f"Prüfsummen. Wer den Registerauszug hat (seine Prüfsumme SHA-256 beginnt mit "
              f"{register.table.sha256[:16]}), rechnet die Ziehung mit der frei verfügbaren Software Quartierslabor "
              f"(Version {software_version}) nach:\nquartierslabor verify {record_name or 'DATENSATZ.json'} "
              f"{register.table.file_name}\nDer Befehl meldet in einem Satz, ob alle Eingeladenen und Prüfsummen "
              f"übereinstimmen, oder was abweicht.")
    return [("Was wurde gezogen?", what), ("Wie wurde ausgewählt?", " ".join(how)),
            ("Woher kommt der Zufall?", chance), ("Wie kann jeder die Ziehung nachprüfen?", repeat)]


def _signature_block(h2, base, small, mm, colors, Table, TableStyle, Paragraph, Spacer) -> list:
    """Signature lines for the person who drew and a witness (place, date, name, signature)."""
    rows = [[Paragraph("Durchgeführt von", base), Paragraph("Zeugin oder Zeuge", base)],
            ["", ""],
            [Paragraph("Ort, Datum", small), Paragraph("Ort, Datum", small)],
            ["", ""],
            [Paragraph("Name in Druckschrift", small), Paragraph("Name in Druckschrift", small)],
            ["", ""],
            [Paragraph("Unterschrift", small), Paragraph("Unterschrift", small)]]
    table = Table(rows, colWidths=[80 * mm, 80 * mm], rowHeights=[8 * mm, 10 * mm, 5 * mm, 10 * mm, 5 * mm,
                                                                   14 * mm, 5 * mm], hAlign="LEFT")
    line = colors.HexColor("#444444")
    table.setStyle(TableStyle([("LINEBELOW", (0, 1), (0, 1), 0.6, line), ("LINEBELOW", (1, 1), (1, 1), 0.6, line),
                               ("LINEBELOW", (0, 3), (0, 3), 0.6, line), ("LINEBELOW", (1, 3), (1, 3), 0.6, line),
                               ("LINEBELOW", (0, 5), (0, 5), 0.6, line), ("LINEBELOW", (1, 5), (1, 5), 0.6, line),
                               ("RIGHTPADDING", (0, 0), (0, -1), 14), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Paragraph("Unterschriften", h2),
            Paragraph("Mit der Unterschrift bestätigen die durchführende Person und eine Zeugin oder ein Zeuge, "
                      "dass die Ziehung mit den oben genannten Angaben und dem genannten Startwert so durchgeführt "
                      "wurde.", base), Spacer(1, 4), table]
