"""The Art. 13 DSGVO information on the back of every invitation letter.

The text is data: the shipped default lives in ``resources/letters/datenschutzhinweise.json``
(controller, data-protection officer, purpose, legal basis § 46 BMG, recipients, storage
period, rights, supervisory authority); a city edits it in the settings (``Setting`` key
``privacy_notice``). The storage period is not fixed text: the placeholder ``{aufbewahrung}``
is filled from the retention setting (``retention_months``) and the lab's date.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from .. import count_texts
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message

SETTING_KEY = "privacy_notice"
RESOURCE = ("letters", "datenschutzhinweise.json")
#: placeholders the privacy text may use (besides those of the letter)
PRIVACY_PLACEHOLDERS = ("aufbewahrung", "labor", "bezirk", "antwortcode")
#: headings a sound notice must have (Art. 13 Abs. 1 and 2 DSGVO)
REQUIRED_HEADINGS = ("Verantwortlich", "Datenschutzbeauftragte", "Zweck", "Rechtsgrundlage", "Speicherdauer",
                     "Ihre Rechte", "Beschwerderecht")


@dataclass
class PrivacyNotice:
    title: str
    sections: list[tuple[str, str]] = field(default_factory=list)   # (heading, text with placeholders)
    retention_months: int = 3                                        # from the retention setting

    def to_json(self) -> str:
        return json.dumps({"title": self.title, "sections": [list(s) for s in self.sections]},
                          ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str, *, retention_months: int = 3) -> "PrivacyNotice":
        try:
            data = json.loads(text or "{}")
            sections = [(str(h), str(b)) for h, b in data.get("sections", [])]
            title = str(data.get("title", ""))
        except (json.JSONDecodeError, AttributeError, TypeError, ValueError):
            raise UserError(Message(QT_TRANSLATE_NOOP("PrivacyNotice", "Die gespeicherten Datenschutzhinweise sind "
                                                                       "beschädigt.")),
                            hint=Message(QT_TRANSLATE_NOOP("PrivacyNotice", "Setzen Sie die Datenschutzhinweise "
                                                                            "auf den Standardtext zurück."))) from None
        return cls(title=title, sections=sections, retention_months=retention_months)

    def validate(self) -> None:
        headings = {h.strip() for h, _ in self.sections}
        missing = [h for h in REQUIRED_HEADINGS if h not in headings]
        if missing:
            raise UserError(Message(QT_TRANSLATE_NOOP("PrivacyNotice", "In den Datenschutzhinweisen fehlt der "
                                                                       "Abschnitt „{heading}“ (Art. 13 DSGVO)."),
                                    heading=missing[0]))
        for _heading, body in self.sections:
            for name in re.findall(r"\{([^{}\s]*)\}", body):
                if name not in PRIVACY_PLACEHOLDERS:
                    raise UserError(Message(QT_TRANSLATE_NOOP("PrivacyNotice", "Unbekannter Platzhalter "
                                                                               "„{placeholder}“ in den "
                                                                               "Datenschutzhinweisen."),
                                            placeholder="{" + name + "}"),
                                    hint=Message(QT_TRANSLATE_NOOP("PrivacyNotice", "Möglich sind: {placeholders}"),
                                                 placeholders=", ".join("{" + p + "}" for p in PRIVACY_PLACEHOLDERS)))

    def sections_text(self) -> str:
        """The sections as editable text: „Überschrift: Text“, one paragraph each, blank line between."""
        return "\n\n".join(f"{heading}: {body}" for heading, body in self.sections)

    @classmethod
    def from_sections_text(cls, title: str, text: str, *, retention_months: int = 3) -> "PrivacyNotice":
        """Inverse of :meth:`sections_text`; a paragraph without „Überschrift:“ is refused in German."""
        sections = []
        for number, para in enumerate((p.strip() for p in re.split(r"\n\s*\n", text or "")), start=1):
            if not para:
                continue
            heading, sep, body = para.partition(":")
            if not sep or not heading.strip() or "\n" in heading:
                raise UserError(Message(QT_TRANSLATE_NOOP("PrivacyNotice", "Absatz {number} der "
                                                                           "Datenschutzhinweise beginnt nicht mit "
                                                                           "„Überschrift:“."), number=number),
                                hint=Message(QT_TRANSLATE_NOOP("PrivacyNotice", "Beispiel: „Zweck: Wir verwenden "
                                                                                "Ihre Anschrift …“")))
            sections.append((heading.strip(), " ".join(body.split())))
        return cls(title=title.strip(), sections=sections, retention_months=retention_months)

    def storage_text(self, lab_date: Optional[dt.date]) -> str:
        """„3 Monate nach dem Quartierslabor (also bis zum 14. Juni 2026)“ from the retention setting."""
        from ..retention import add_months
        from .letters import german_date
        months = self.retention_months
        text = f"{count_texts.months(months)} nach dem Quartierslabor"
        if lab_date is not None:
            text += f", also bis zum {german_date(add_months(lab_date, months))}"
        return text


def default_privacy_notice(retention_months: int = 3) -> PrivacyNotice:
    from ..paths import resource_path
    return PrivacyNotice.from_json(resource_path(*RESOURCE).read_text(encoding="utf-8"),
                                   retention_months=retention_months)


def load_privacy_notice(session: Any) -> PrivacyNotice:
    """The city's notice (or the shipped default) with the retention period of this database."""
    from ..retention import retention_months
    from ..storage.models import Setting
    months = retention_months(session)
    row = session.get(Setting, SETTING_KEY)
    if row is None or not row.value.strip():
        return default_privacy_notice(months)
    return PrivacyNotice.from_json(row.value, retention_months=months)


def save_privacy_notice(session: Any, notice: PrivacyNotice) -> None:
    from ..storage.models import Setting
    notice.validate()
    row = session.get(Setting, SETTING_KEY)
    if row is None and notice.to_json() == default_privacy_notice().to_json():
        return                      # the shipped default stays the default (later updates reach the city)
    if row is None:
        session.add(Setting(key=SETTING_KEY, value=notice.to_json()))
    else:
        row.value = notice.to_json()
    session.flush()


def privacy_values(notice: PrivacyNotice, letter_values: dict[str, str], lab_date: Optional[dt.date]) -> dict:
    return {"aufbewahrung": notice.storage_text(lab_date), "labor": letter_values.get("labor", ""),
            "bezirk": letter_values.get("bezirk", ""), "antwortcode": letter_values.get("antwortcode", "")}


def draw_privacy_page(c: Any, notice: PrivacyNotice, values: dict[str, str], styles: dict,
                      lab_date: Optional[dt.date] = None) -> None:
    """The notice on its own page (the back of the letter)."""
    from xml.sax.saxutils import escape   # lazy: it imports urllib, http, ssl, email
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Frame, Paragraph

    from .letters import BOTTOM_MARGIN_MM, PAGE_H_MM, TEXT_LEFT_MM, TEXT_RIGHT_MM, mm_to_pt
    fill_values = privacy_values(notice, values, lab_date)
    body = ParagraphStyle("privacy", fontName=styles["regular"], fontSize=9, leading=11.8, spaceAfter=5)
    head = ParagraphStyle("privacy_title", parent=body, fontName=styles["bold"], fontSize=12, leading=15,
                          spaceAfter=8)
    story = [Paragraph(escape(notice.title), head)]
    for heading, text in notice.sections:
        filled = re.sub(r"\{([^{}\s]*)\}", lambda m: fill_values.get(m.group(1), m.group(0)), text)
        story.append(Paragraph(f'<font name="{styles["bold"]}">{escape(heading)}:</font> {escape(filled)}', body))
    top = 20.0
    frame = Frame(mm_to_pt(TEXT_LEFT_MM), mm_to_pt(BOTTOM_MARGIN_MM), mm_to_pt(TEXT_RIGHT_MM - TEXT_LEFT_MM),
                  mm_to_pt(PAGE_H_MM - BOTTOM_MARGIN_MM - top), leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, showBoundary=0)
    frame.addFromList(story, c)
    if story:
        raise UserError(Message(QT_TRANSLATE_NOOP("PrivacyNotice", "Die Datenschutzhinweise passen nicht auf eine "
                                                                   "Seite.")),
                        hint=Message(QT_TRANSLATE_NOOP("PrivacyNotice", "Kürzen Sie die Datenschutzhinweise in den "
                                                                        "Einstellungen.")))


__all__ = ["PrivacyNotice", "default_privacy_notice", "load_privacy_notice", "save_privacy_notice",
           "draw_privacy_page"]
