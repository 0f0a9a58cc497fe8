"""Why a card sits in its topic, in the UI language.

The core stores the reason as German text (``Card.reason``, also written to CSV by the CLI). The
side panel and the tooltip read it back into its parts – the topic, the words that decided, the
similar card … – and say it in the UI language; topic names and card words stay as typed. A
reason of unknown shape is shown as it is.
"""
from __future__ import annotations

import re

from ...core.messages import QT_TRANSLATE_NOOP, Message
from ..i18n import localized

_DASH = r"\s+[–—-]\s+"
#: (pattern of the stored German reason, template in the UI language)
_SHAPES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern), template) for pattern, template in (
    (rf"^(?P<name>.+?){_DASH}erkannt an: (?P<words>.+)$",
     QT_TRANSLATE_NOOP("CardReason", "{name} – erkannt an: {words}")),
    (rf"^(?P<name>.+?){_DASH}erkannt \((?P<language>[^)]+)\): (?P<words>.+)$",
     QT_TRANSLATE_NOOP("CardReason", "{name} – erkannt ({language}): {words}")),
    (rf"^(?P<name>.+?){_DASH}ähnlich wie die hier eingeordnete Karte ‚(?P<card>.*)‘$",
     QT_TRANSLATE_NOOP("CardReason", "{name} – ähnlich wie die hier eingeordnete Karte ‚{card}‘")),
    (rf"^(?P<name>.+?){_DASH}ähnlich wie: ‚(?P<card>.*)‘$",
     QT_TRANSLATE_NOOP("CardReason", "{name} – ähnlich wie: ‚{card}‘")),
    (rf"^(?P<name>.+?){_DASH}schwache Übereinstimmung$",
     QT_TRANSLATE_NOOP("CardReason", "{name} – schwache Übereinstimmung")),
    (rf"^(?P<name>.+?){_DASH}passt zu keinem Thema gut \(am ehesten (?P<best>.+)\)$",
     QT_TRANSLATE_NOOP("CardReason", "{name} – passt zu keinem Thema gut (am ehesten {best})")),
    (rf"^(?P<name>.+?){_DASH}passt zu keinem Thema gut$",
     QT_TRANSLATE_NOOP("CardReason", "{name} – passt zu keinem Thema gut")),
    (rf"^(?P<name>.+?){_DASH}von Hand zugeordnet$",
     QT_TRANSLATE_NOOP("CardReason", "{name} – von Hand zugeordnet")),
    (rf"^(?P<name>.+?){_DASH}zusammengeführt aus „(?P<source>.+)“$",
     QT_TRANSLATE_NOOP("CardReason", "{name} – zusammengeführt aus „{source}“")),
    (rf"^Teilthema von „(?P<source>.+?)“{_DASH}als eigenes Thema „(?P<name>.+)“ vorgeschlagen, gemeinsam: (?P<words>.+)$",
     QT_TRANSLATE_NOOP("CardReason", "Teilthema von „{source}“ – als eigenes Thema „{name}“ vorgeschlagen, "
                                     "gemeinsam: {words}")),
    (rf"^Neues Thema „(?P<name>.+)“ vorgeschlagen{_DASH}gemeinsam: (?P<words>.+)$",
     QT_TRANSLATE_NOOP("CardReason", "Neues Thema „{name}“ vorgeschlagen – gemeinsam: {words}")),
))


def reason_message(reason: str) -> Message:
    """The stored reason as a translatable :class:`Message` (plain text if its shape is unknown)."""
    text = (reason or "").strip()
    for pattern, template in _SHAPES:
        match = pattern.match(text)
        if match:
            return Message(template, **match.groupdict())
    return Message.plain(text)


def localized_reason(reason: str) -> str:
    """The reason in the UI language."""
    return localized(reason_message(reason))
