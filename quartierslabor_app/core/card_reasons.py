"""Why a card sits in its topic: the structured reason stored with the card, and its one rendering.

The clusterer explains a placement as a :class:`~.clustering.model.Reason` (kind, topic, cue words, example
card, language …); the board adds the kinds only it knows (placed by hand, merged, the facilitator's earlier
choice for the same card, taken from an import file). ``cards.reason_data`` stores that reason as JSON
(:func:`reason_json`), and :func:`reason_message` renders every kind as a :class:`Message`: ``str()`` is the
German text (the CLI, the reports, the ``cards.reason`` column), the GUI shows it in the UI language. Topic names,
cue words and card texts stay as typed; the name of the language a card was read in follows the UI language.

Cards saved before ``reason_data`` existed have only the German text: :func:`card_reason_message` then reads
that text back into its parts with :func:`legacy_reason_message` (a fallback for old rows only; a text of unknown
shape is shown as it is).
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Optional

from .clustering.language import GERMAN, isolate_bidi
from .clustering.language_data import builtin_languages, language_name
from .clustering.model import Assignment, Reason
from .messages import QT_TRANSLATE_NOOP, Message

# kinds the board adds to the clusterer's ("cues", "similar", "learned", "weak", "nothing", "new_cluster", "split")
MANUAL = "manual"            # placed by the facilitator (moved, grouped, split off by hand)
MERGED = "merged"            # the card's topic was merged into this one (``source``: the old topic)
CORRECTION = "correction"    # the facilitator placed the same card text here before
IMPORTED = "imported"        # the topic came with the card in an import file
WAITING_KIND = "waiting"     # saved while the clusterer was still being built: placed in a moment

# every kind of reason: the clusterer's, then the board's
KINDS = ("cues", "similar", "learned", "weak", "nothing", "new_cluster", "split", MANUAL, MERGED, CORRECTION, IMPORTED,
         WAITING_KIND)

# characters of a similar card quoted in a reason
EXAMPLE_LIMIT = 40

#: why a card sits in its topic: {name} and {source} are topics, {words} cue words and {card} a card, as typed
_T = {
    "cues": QT_TRANSLATE_NOOP("CardReason", "{name} – erkannt an: {words}"),
    "cues_language": QT_TRANSLATE_NOOP("CardReason", "{name} – erkannt ({language}): {words}"),
    "learned": QT_TRANSLATE_NOOP("CardReason", "{name} – ähnlich wie die hier eingeordnete Karte ‚{card}‘"),
    "similar": QT_TRANSLATE_NOOP("CardReason", "{name} – ähnlich wie: ‚{card}‘"),
    "weak": QT_TRANSLATE_NOOP("CardReason", "{name} – schwache Übereinstimmung"),
    "nothing_best": QT_TRANSLATE_NOOP("CardReason", "{name} – passt zu keinem Thema gut (am ehesten {best})"),
    "nothing": QT_TRANSLATE_NOOP("CardReason", "{name} – passt zu keinem Thema gut"),
    MANUAL: QT_TRANSLATE_NOOP("CardReason", "{name} – von Hand zugeordnet"),
    MERGED: QT_TRANSLATE_NOOP("CardReason", "{name} – zusammengeführt aus „{source}“"),
    CORRECTION: QT_TRANSLATE_NOOP("CardReason", "{name} – so hat die Moderation dieselbe Karte zuvor zugeordnet"),
    IMPORTED: QT_TRANSLATE_NOOP("CardReason", "{name} – Thema aus der Importdatei"),
    WAITING_KIND: QT_TRANSLATE_NOOP("CardReason", "{name} – wird gleich eingeordnet …"),
    "split": QT_TRANSLATE_NOOP("CardReason", "Teilthema von „{source}“ – als eigenes Thema „{name}“ vorgeschlagen, "
                                             "gemeinsam: {words}"),
    "new_cluster": QT_TRANSLATE_NOOP("CardReason", "Neues Thema „{name}“ vorgeschlagen – gemeinsam: {words}"),
}


def _short(text: str, limit: int = EXAMPLE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + " …"


def reason_message(reason: Reason, ui_language: str = "de") -> Message:
    """``reason`` as a translatable text; ``ui_language`` names the language a card was read in."""
    name, words = reason.cluster, ", ".join(isolate_bidi(w) for w in reason.words)
    kind = reason.kind
    if kind == "cues" and reason.language != GERMAN:
        message = Message(_T["cues_language"], name=name, words=words,
                          language=language_name(reason.language, ui_language))
    elif kind in ("learned", "similar"):
        message = Message(_T[kind], name=name, card=_short(reason.example))
    elif kind == "nothing" and reason.alternative:
        message = Message(_T["nothing_best"], name=name, best=reason.alternative)
    elif kind in (MERGED, "split"):
        message = Message(_T[kind], name=name, source=reason.source, words=words)
    elif kind in _T:
        message = Message(_T[kind], name=name, words=words)
    else:   # a kind this version does not know (written by a newer one): the weakest claim
        message = Message(_T["weak"], name=name)
    if reason.note is not None:
        message = Message("{reason} ({note})", reason=message, note=reason.note)
    return message


def reason_text(reason: Reason) -> str:
    """The German one-line reason (``cards.reason``, the CLI's CSV)."""
    return str(reason_message(reason))


# -- storage ---------------------------------------------------------------------------------------------------
# what the text says (not ``learned``: that count grows with every card and would make each re-clustering
# rewrite every card)
_FIELDS = ("words", "example", "alternative", "source", "language")
_DEFAULTS = Reason("", "")


def reason_json(reason: Optional[Reason]) -> str:
    """``reason`` as the JSON stored in ``cards.reason_data`` ("" for none); default fields are left out."""
    if reason is None:
        return ""
    data: dict = {"kind": reason.kind, "cluster": reason.cluster}
    for key in _FIELDS:
        value = getattr(reason, key)
        if value != getattr(_DEFAULTS, key):
            data[key] = list(value) if isinstance(value, tuple) else value
    if reason.note is not None:
        data["note"] = {"context": reason.note.context, "template": reason.note.template,
                        "args": {k: str(v) for k, v in reason.note.args.items()}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def reason_from_json(text: Optional[str]) -> Optional[Reason]:
    """The reason stored as JSON; None for an empty or unreadable value (the German text is used then)."""
    if not text:
        return None
    try:
        data = json.loads(text)
        note = data.get("note")
        return Reason(str(data["kind"]), str(data.get("cluster", "")),
                      words=tuple(str(w) for w in data.get("words", ())), example=str(data.get("example", "")),
                      alternative=str(data.get("alternative", "")),
                      source=str(data.get("source", "")), language=str(data.get("language", GERMAN)),
                      note=_note(note) if note else None)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _note(data: dict) -> Message:
    note = Message(str(data["template"]), **{str(k): str(v) for k, v in dict(data.get("args", {})).items()})
    note.context = data.get("context") or None      # the template's Qt Linguist context, as marked in the core
    return note


def stored_reason(reason: Reason) -> tuple[str, str]:
    """(German text, JSON) of ``reason``, as stored in ``cards.reason`` and ``cards.reason_data``."""
    return reason_text(reason), reason_json(reason)


def placed_reason(assignment: Assignment, cluster_name: str) -> tuple[str, str]:
    """(German text, JSON) of the clusterer's reason for a card it placed, saved in the topic ``cluster_name``."""
    if assignment.details is None:
        return assignment.reason or "", ""
    return stored_reason(replace(assignment.details, cluster=cluster_name))


def card_reason_message(text: Optional[str], data: Optional[str] = "", ui_language: str = "de") -> Message:
    """The reason of a stored card: from its structured ``data``, else (an older card) from its German ``text``."""
    reason = reason_from_json(data)
    if reason is not None:
        return reason_message(reason, ui_language)
    return legacy_reason_message(text or "", ui_language)


# -- cards saved before reason_data: the German text read back ------------------------------------------------
_DASH = r"\s+[–—-]\s+"
_LEGACY: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern), key) for pattern, key in (
    (rf"^(?P<name>.+?){_DASH}erkannt an: (?P<words>.+)$", "cues"),
    (rf"^(?P<name>.+?){_DASH}erkannt \((?P<language>[^)]+)\): (?P<words>.+)$", "cues_language"),
    (rf"^(?P<name>.+?){_DASH}ähnlich wie die hier eingeordnete Karte ‚(?P<card>.*)‘$", "learned"),
    (rf"^(?P<name>.+?){_DASH}ähnlich wie: ‚(?P<card>.*)‘$", "similar"),
    (rf"^(?P<name>.+?){_DASH}schwache Übereinstimmung$", "weak"),
    (rf"^(?P<name>.+?){_DASH}passt zu keinem Thema gut \(am ehesten (?P<best>.+)\)$", "nothing_best"),
    (rf"^(?P<name>.+?){_DASH}passt zu keinem Thema gut$", "nothing"),
    (rf"^(?P<name>.+?){_DASH}von Hand zugeordnet$", MANUAL),
    (rf"^(?P<name>.+?){_DASH}zusammengeführt aus „(?P<source>.+)“$", MERGED),
    (rf"^(?P<name>.+?){_DASH}so hat die Moderation dieselbe Karte zuvor zugeordnet$", CORRECTION),
    (rf"^Teilthema von „(?P<source>.+?)“{_DASH}als eigenes Thema „(?P<name>.+)“ vorgeschlagen, "
     rf"gemeinsam: (?P<words>.+)$", "split"),
    (rf"^Neues Thema „(?P<name>.+)“ vorgeschlagen{_DASH}gemeinsam: (?P<words>.+)$", "new_cluster"),
))
# what cards imported before reason_data say
_LEGACY_IMPORTED = "Cluster aus der Importdatei"
#: reason of a card whose topic came with it in an import file
_LEGACY_IMPORTED_TEXT = QT_TRANSLATE_NOOP("CardReason", "Thema aus der Importdatei")


def legacy_reason_message(text: str, ui_language: str = "de") -> Message:
    """A German reason text as saved by versions before ``reason_data``, as a translatable :class:`Message`."""
    text = text.strip()
    if text == _LEGACY_IMPORTED:
        return Message(_LEGACY_IMPORTED_TEXT)
    for pattern, key in _LEGACY:
        match = pattern.match(text)
        if match:
            args = match.groupdict()
            if "language" in args:
                args["language"] = _language_in(args["language"], ui_language)
            return Message(_T[key], **args)
    return Message.plain(text)


def _language_in(german_name: str, ui_language: str) -> str:
    """A language named in German (as older reasons did), named in the UI language."""
    for code, data in builtin_languages().items():
        if data.name("de") == german_name:
            return language_name(code, ui_language)
    return german_name
