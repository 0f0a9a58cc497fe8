"""Invitation letters: one PDF, one page per invitee, German business letter per DIN 5008 Form B.

Layout (A4, millimetres from the top-left corner of the page):

* letterhead (sender) in the top 45 mm;
* address field 20 mm from the left, 45 mm from the top, 85 × 45 mm (window of a DL/C6
  window envelope): the return-address line at the bottom of its 17.7 mm Zusatz- und
  Vermerkzone, the recipient's address in the 27.3 mm Anschriftzone below, text indented
  5 mm (i.e. starting 25 mm from the left edge);
* information block (contact, date) 125 mm from the left, 50 mm from the top;
* subject at 98.5 mm, body from 25 mm to 190 mm (20 mm right margin);
* fold marks at 105 mm and 210 mm, hole mark at 148.5 mm.

The letter text is a :class:`LetterTemplate` with placeholders (``{anrede}``, ``{vorname}``,
``{nachname}``, ``{labor}``, ``{bezirk}``, ``{datum}``, ``{uhrzeit}``, ``{ort}``, ``{antwort_bis}``
…); it is saved as JSON in the ``Setting`` table under the key ``letter_template``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from ..errors import UserError
from .. import count_texts
from ..messages import QT_TRANSLATE_NOOP, Message
from ..progress import CancelToken, ProgressCallback, report
from ..register.model import ValidatedRegister
from .atomic import atomic_path
from .model import DrawResult
from .person_fields import PersonAddress, person_address
from .privacy_notice import PrivacyNotice, draw_privacy_page
from .reply_codes import format_reply_code, reply_code

SETTING_KEY = "letter_template"

#: DIN 5008 Form B geometry in mm from the page's top-left corner: (left, top, width, height)
ADDRESS_FIELD_MM = (20.0, 45.0, 85.0, 45.0)
VERMERK_ZONE_MM = 17.7        # top part of the address field (return address at its bottom)
ADDRESS_INDENT_MM = 5.0       # text starts 25 mm from the left edge
INFO_BLOCK_MM = (125.0, 50.0, 75.0)   # left, top, width
SUBJECT_TOP_MM = 98.46
TEXT_LEFT_MM = 25.0
TEXT_RIGHT_MM = 190.0
BOTTOM_MARGIN_MM = 22.0
FOLD_MARKS_MM = (105.0, 210.0)
HOLE_MARK_MM = 148.5
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

#: placeholders and what they stand for (shown in the GUI editor)
PLACEHOLDERS = {
    "anrede": "Anrede mit Namen, z. B. „Sehr geehrte Frau Yılmaz“ (bei divers/ohne Angabe „Guten Tag Vorname Name“)",
    "vorname": "Vorname(n) der eingeladenen Person",
    "nachname": "Familienname der eingeladenen Person",
    "name": "Vor- und Familienname",
    "labor": "Name des Quartierslabors",
    "bezirk": "Stadtbezirk des Quartierslabors",
    "datum": "Datum des Quartierslabors mit Wochentag, z. B. „Samstag, 14. März 2026“",
    "uhrzeit": "Uhrzeit, z. B. „10:00 bis 15:00 Uhr“",
    "ort": "Veranstaltungsort",
    "antwort_bis": "Datum, bis zu dem die Antwort erbeten wird",
    "briefdatum": "Datum des Briefs",
    "antwortcode": "Kurzer Antwortcode der Person, z. B. „K7M-2QX“ (steht auch im Infoblock)",
}

DEFAULT_BODY = (
    "{anrede},\n\n"
    "die Stadt lädt Sie herzlich zum Quartierslabor im Stadtbezirk {bezirk} ein. In einem "
    "Quartierslabor sprechen Bewohnerinnen und Bewohner gemeinsam darüber, was ihr Viertel sicherer und "
    "sauberer machen würde. Die Ergebnisse gehen als Empfehlungen an den Lenkungskreis Kommunale "
    "Sicherheit, der über die Umsetzung berät.\n\n"
    "Sie wurden zufällig aus dem Melderegister ausgewählt, zusammen mit weiteren Menschen aus Ihrem "
    "Stadtbezirk. So kommen Menschen jeden Alters und jeder Herkunft zu Wort. Vorkenntnisse brauchen Sie "
    "nicht – Ihre Erfahrungen aus dem Alltag im Viertel zählen.\n\n"
    "Termin: {datum}, {uhrzeit}\n"
    "Ort: {ort}\n\n"
    "Bitte sagen Sie uns bis zum {antwort_bis} Bescheid, ob Sie dabei sind – telefonisch oder per E-Mail, "
    "mit Ihrem Antwortcode {antwortcode}. "
    "Melden sich mehr Menschen an, als Plätze vorhanden sind, entscheidet ein faires Losverfahren, damit "
    "die Runde die Bevölkerung des Stadtbezirks gut abbildet. Für Getränke und einen Imbiss ist gesorgt.\n\n"
    "Ihre Anschrift haben wir nach § 46 Bundesmeldegesetz aus dem Melderegister erhalten. Wir verwenden sie "
    "nur für diese Einladung; wie lange wir sie speichern und welche Rechte Sie haben, steht auf der Rückseite."
    "\n\n"
    "Wir freuen uns auf Sie!"
)


@dataclass
class LetterTemplate:
    """Everything on the letter that is not about the invitee (editable, saved as JSON)."""

    sender_lines: list[str] = field(default_factory=lambda: [
        "Stadt Dortmund", "Ordnungsamt – Kommunale Sicherheit", "Olpe 1", "44135 Dortmund"])
    return_address: str = "Stadt Dortmund · Ordnungsamt · Olpe 1 · 44135 Dortmund"
    contact_lines: list[str] = field(default_factory=lambda: [
        "Ihre Ansprechperson:", "Team Quartierslabor", "Telefon 0231 50-0", "quartierslabor@stadtdo.de"])
    place: str = "Dortmund"
    subject: str = "Einladung zum Quartierslabor {bezirk} am {datum}"
    body: str = DEFAULT_BODY
    closing: str = "Mit freundlichen Grüßen"
    signature_name: str = "Team Quartierslabor"
    signature_role: str = "Kommunale Sicherheit"
    footer: str = "Quartierslabor – Masterplan Kommunale Sicherheit"

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "LetterTemplate":
        try:
            data = json.loads(text or "{}")
        except json.JSONDecodeError as exc:
            raise UserError(Message(QT_TRANSLATE_NOOP("LetterTemplate", "Die gespeicherte Briefvorlage ist "
                                                                        "beschädigt ({reason})."), reason=exc.msg),
                            hint=_RESET_HINT) from None
        if not isinstance(data, dict):
            raise UserError(Message(QT_TRANSLATE_NOOP("LetterTemplate", "Die gespeicherte Briefvorlage ist "
                                                                        "beschädigt.")))
        known = {f.name for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            if key in ("sender_lines", "contact_lines"):
                kwargs[key] = [str(v) for v in (value or [])]
            else:
                kwargs[key] = str(value if value is not None else "")
        return cls(**kwargs)

    def placeholders_used(self) -> set[str]:
        return set(_PLACEHOLDER.findall(self.subject + "\n" + self.body))

    def validate(self) -> None:
        """Raise a German :class:`UserError` for unknown placeholders or an empty text."""
        if not self.body.strip():
            raise UserError(Message(QT_TRANSLATE_NOOP("LetterTemplate", "Der Brieftext ist leer.")))
        unknown = sorted(self.placeholders_used() - set(PLACEHOLDERS))
        if unknown:
            raise _unknown_placeholder(unknown[0])


_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
_RESET_HINT = Message(QT_TRANSLATE_NOOP("LetterTemplate", "Setzen Sie die Vorlage auf den Standardtext zurück."))


def _unknown_placeholder(name: str) -> UserError:
    """The refusal of a placeholder the letter does not know (German ``str()``, translatable)."""
    return UserError(Message(QT_TRANSLATE_NOOP("LetterTemplate", "Unbekannter Platzhalter „{placeholder}“ im "
                                                                 "Brieftext."), placeholder="{" + name + "}"),
                     hint=Message(QT_TRANSLATE_NOOP("LetterTemplate", "Möglich sind: {placeholders}"),
                                  placeholders=", ".join("{" + p + "}" for p in PLACEHOLDERS)))


@dataclass
class LabInfo:
    """What the letter says about the lab (from :class:`Lab` plus time and reply date)."""

    name: str
    district: str = ""
    date: Optional[dt.date] = None
    venue: str = ""
    time_text: str = ""                     # "18:00 bis 21:00 Uhr"
    reply_by: Optional[dt.date] = None
    letter_date: Optional[dt.date] = None   # default: today

    @classmethod
    def from_lab(cls, lab: Any, *, time_text: str = "", reply_by: Optional[dt.date] = None,
                 letter_date: Optional[dt.date] = None) -> "LabInfo":
        return cls(name=lab.name, district=lab.district, date=lab.date, venue=lab.venue or "",
                   time_text=time_text, reply_by=reply_by, letter_date=letter_date)


def german_date(day: Optional[dt.date], *, weekday: bool = False) -> str:
    if day is None:
        return ""
    text = f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]}, {text}" if weekday else text


def greeting(gender: str, address: PersonAddress) -> str:
    if gender == "w" and address.family_name:
        return f"Sehr geehrte Frau {address.family_name}"
    if gender == "m" and address.family_name:
        return f"Sehr geehrter Herr {address.family_name}"
    name = address.full_name
    return f"Guten Tag {name}" if name else "Guten Tag"


def _reply_by(lab: LabInfo, letter_date: dt.date) -> Optional[dt.date]:
    if lab.reply_by is not None:
        return lab.reply_by
    if lab.date is None:
        return letter_date + dt.timedelta(days=14)
    return max(letter_date + dt.timedelta(days=3), min(letter_date + dt.timedelta(days=14),
                                                       lab.date - dt.timedelta(days=7)))


def fill(text: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` placeholders; unknown names raise a German error."""
    def sub(match: re.Match) -> str:
        key = match.group(1)
        if key not in values:
            raise _unknown_placeholder(key)
        return values[key]
    return _PLACEHOLDER.sub(sub, text)


@dataclass(frozen=True)
class Addressee:
    """One letter's recipient: what the letter needs, nothing of the register."""

    address: PersonAddress
    gender: str = "x"              # m / w / d / x (for the salutation)
    district: str = ""             # the person's Stadtbezirk (letters without a lab district)
    reply_code: str = ""           # printed on the letter, typed back in the invitation view


def draw_addressees(register: ValidatedRegister, result: DrawResult, *,
                    include_replacements: bool = False) -> list[Addressee]:
    """The addressees of a draw in draw order (main list; Nachrücker too if asked)."""
    people = [p for p in result.invitees if include_replacements or not p.is_replacement]
    out = []
    for person in people:
        vpos = person.valid_pos
        out.append(Addressee(
            address=person_address(register, person.row_index),
            gender=str(register.gender[vpos]) if vpos >= 0 else "x",
            district=str(register.district[vpos]) if vpos >= 0 else "",
            reply_code=reply_code(str(register.person_key[vpos])) if vpos >= 0 else ""))
    return out


def letter_values(addressee: Addressee, lab: LabInfo) -> dict[str, str]:
    addr = addressee.address
    letter_date = lab.letter_date or dt.date.today()
    return {
        "anrede": greeting(addressee.gender, addr), "vorname": addr.given_names, "nachname": addr.family_name,
        "name": addr.full_name, "labor": lab.name, "bezirk": lab.district or addressee.district,
        "datum": german_date(lab.date, weekday=True) or "(Datum folgt)", "uhrzeit": lab.time_text or "(Uhrzeit folgt)",
        "ort": lab.venue or "(Ort folgt)", "antwort_bis": german_date(_reply_by(lab, letter_date)),
        "briefdatum": german_date(letter_date), "antwortcode": format_reply_code(addressee.reply_code),
    }


_PDF_HINT = Message(QT_TRANSLATE_NOOP("DrawOutputs", "Geben Sie einen Dateinamen mit der Endung .pdf an."))


def write_letters_pdf(path: "str | os.PathLike[str]", addressees: Sequence[Addressee],
                      template: LetterTemplate, lab_info: LabInfo, *, privacy: Optional[PrivacyNotice] = None,
                      progress: Optional[ProgressCallback] = None,
                      cancel: Optional[CancelToken] = None) -> Path:
    """One letter per addressee, atomically written; with ``privacy`` each letter gets the Art. 13 DSGVO
    information on its back page. The PDF is byte-for-byte reproducible (no creation time inside)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    template.validate()
    if not isinstance(lab_info, LabInfo):
        lab_info = LabInfo(**lab_info) if isinstance(lab_info, dict) else LabInfo.from_lab(lab_info)
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawOutputs", "Die Briefe werden als PDF gespeichert.")),
                        file=target.name, hint=_PDF_HINT)
    people = list(addressees)
    if not people:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawOutputs", "Es gibt keine Eingeladenen, für die Briefe erzeugt "
                                                                 "werden könnten.")))
    styles = _styles()
    with atomic_path(target) as tmp:
        canvas = Canvas(str(tmp), pagesize=A4, pageCompression=1, invariant=1)
        canvas.setTitle(f"Einladungen – {lab_info.name}")
        canvas.setAuthor(template.sender_lines[0] if template.sender_lines else "Quartierslabor")
        canvas.setCreator("Quartierslabor")
        for i, person in enumerate(people):
            if i % 25 == 0:
                step = Message(QT_TRANSLATE_NOOP("Progress", "Brief {number} von {count} …"), number=i + 1,
                               count=len(people))
                report(progress, i / len(people), step, cancel)
            values = letter_values(person, lab_info)
            _draw_letter(canvas, template, person.address, values, styles, lab_info)
            canvas.showPage()
            if privacy is not None:
                draw_privacy_page(canvas, privacy, values, styles, lab_info.date)
                canvas.showPage()
        canvas.save()
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "{letters} geschrieben."), letters=count_texts.letters(len(people))),
           cancel)
    return target


def _styles() -> dict:
    from reportlab.lib.styles import ParagraphStyle

    from ..pdf_fonts import FONT, FONT_BOLD, register_fonts
    register_fonts()
    return {
        "body": ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.2, spaceAfter=7),
        "bold": FONT_BOLD,
        "regular": FONT,
    }


def mm_to_pt(value: float) -> float:
    return value * 72.0 / 25.4


def address_lines(addr: PersonAddress) -> list[str]:
    lines = [addr.full_name, addr.street_line, addr.city_line]
    return [line for line in lines if line]


def _draw_letter(c: Any, template: LetterTemplate, addr: PersonAddress, values: dict[str, str],
                 styles: dict, lab: LabInfo) -> None:
    from xml.sax.saxutils import escape   # lazy: it imports urllib, http, ssl, email
    from reportlab.platypus import Frame, Paragraph, Spacer

    from ..reports.pdf_text import fit_width  # lazy: the reports package imports openpyxl and charts

    page_h = mm_to_pt(PAGE_H_MM)

    def y(top_mm: float) -> float:   # reportlab's origin is bottom-left
        return page_h - mm_to_pt(top_mm)

    regular, bold = styles["regular"], styles["bold"]
    # letterhead
    sender = template.sender_lines or []
    if sender:
        c.setFont(bold, 15)
        c.drawString(mm_to_pt(TEXT_LEFT_MM), y(20), sender[0])
        c.setFont(regular, 9.5)
        for i, line in enumerate(sender[1:]):
            c.drawString(mm_to_pt(TEXT_LEFT_MM), y(26 + i * 4.4), line)
    # return address, small, at the bottom of the Vermerkzone
    left_text = mm_to_pt(ADDRESS_FIELD_MM[0] + ADDRESS_INDENT_MM)
    field_top = ADDRESS_FIELD_MM[1]
    if template.return_address:
        c.setFont(regular, 7)
        c.drawString(left_text, y(field_top + VERMERK_ZONE_MM - 2.2),
                     fit_width(template.return_address, regular, 7, mm_to_pt(ADDRESS_FIELD_MM[2] - 6)))
        c.setLineWidth(0.3)
        c.line(left_text, y(field_top + VERMERK_ZONE_MM - 1.4),
               left_text + min(c.stringWidth(template.return_address, regular, 7), mm_to_pt(ADDRESS_FIELD_MM[2] - 6)),
               y(field_top + VERMERK_ZONE_MM - 1.4))
    # recipient in the Anschriftzone
    c.setFont(regular, 10.5)
    line_top = field_top + VERMERK_ZONE_MM + 4.6
    for i, line in enumerate(address_lines(addr)[:5]):
        c.drawString(left_text, y(line_top + i * 4.6),
                     fit_width(line, regular, 10.5, mm_to_pt(ADDRESS_FIELD_MM[2] - 6)))
    # information block
    ix, itop, iw = INFO_BLOCK_MM
    c.setFont(regular, 8.5)
    row = 0
    for line in template.contact_lines:
        c.drawString(mm_to_pt(ix), y(itop + 3 + row * 4.2), fit_width(line, regular, 8.5, mm_to_pt(iw)))
        row += 1
    row += 1
    c.drawString(mm_to_pt(ix), y(itop + 3 + row * 4.2), "Datum")
    c.setFont(regular, 10)
    c.drawString(mm_to_pt(ix), y(itop + 3 + (row + 1) * 4.2), values["briefdatum"])
    if values.get("antwortcode"):
        c.setFont(regular, 8.5)
        c.drawString(mm_to_pt(ix), y(itop + 3 + (row + 2.7) * 4.2), "Ihr Antwortcode:")
        c.setFont(bold, 10.5)
        c.drawString(mm_to_pt(ix) + c.stringWidth("Ihr Antwortcode: ", regular, 8.5),
                     y(itop + 3 + (row + 2.7) * 4.2), values["antwortcode"])
    # subject and body
    subject = fill(template.subject, values)
    story: list = [Paragraph(f'<font name="{bold}">{escape(subject)}</font>', styles["body"]), Spacer(1, 8)]
    for para in re.split(r"\n\s*\n", fill(template.body, values).strip()):
        html = "<br/>".join(escape(line) for line in para.split("\n"))
        story.append(Paragraph(html, styles["body"]))
    story.append(Spacer(1, 4))
    story.append(Paragraph(escape(template.closing), styles["body"]))
    story.append(Spacer(1, 22))
    if template.signature_name:
        story.append(Paragraph(escape(template.signature_name), styles["body"]))
    if template.signature_role:
        story.append(Paragraph(escape(template.signature_role), styles["body"]))
    frame_top = SUBJECT_TOP_MM - 4
    frame = Frame(mm_to_pt(TEXT_LEFT_MM), mm_to_pt(BOTTOM_MARGIN_MM), mm_to_pt(TEXT_RIGHT_MM - TEXT_LEFT_MM),
                  mm_to_pt(PAGE_H_MM - BOTTOM_MARGIN_MM - frame_top), leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, showBoundary=0)
    frame.addFromList(story, c)
    if story:
        raise UserError(Message(QT_TRANSLATE_NOOP("LetterTemplate", "Der Brieftext passt nicht auf eine Seite.")),
                        hint=Message(QT_TRANSLATE_NOOP("LetterTemplate", "Kürzen Sie den Brieftext in der "
                                                                         "Briefvorlage.")))
    # footer, fold and hole marks
    if template.footer:
        c.setFont(regular, 7.5)
        c.setFillGray(0.35)
        c.drawString(mm_to_pt(TEXT_LEFT_MM), mm_to_pt(12), fit_width(fill(template.footer, values), regular, 7.5,
                                                                mm_to_pt(TEXT_RIGHT_MM - TEXT_LEFT_MM)))
        c.setFillGray(0)
    c.setLineWidth(0.4)
    for mark in FOLD_MARKS_MM:
        c.line(mm_to_pt(4), y(mark), mm_to_pt(9), y(mark))
    c.line(mm_to_pt(4), y(HOLE_MARK_MM), mm_to_pt(11), y(HOLE_MARK_MM))


def load_letter_template(session: Any) -> LetterTemplate:
    """The city's saved letter template (``Setting`` key ``letter_template``), or the default."""
    from ..storage.models import Setting
    row = session.get(Setting, SETTING_KEY)
    if row is None or not row.value.strip():
        return LetterTemplate()
    return LetterTemplate.from_json(row.value)


def save_letter_template(session: Any, template: LetterTemplate) -> None:
    from ..storage.models import Setting
    template.validate()
    row = session.get(Setting, SETTING_KEY)
    if row is None:
        session.add(Setting(key=SETTING_KEY, value=template.to_json()))
    else:
        row.value = template.to_json()
    session.flush()
