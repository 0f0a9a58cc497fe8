"""The languages a city's residents write in: ``resources/clustering/languages/<code>.json`` (issue 10).

One small file per language, editable without a code release, says how the language is recognised::

    {"code": "tr", "name": {"de": "Türkisch", "en": "Turkish"}, "script": "latin",
     "letters": "çğıöşü", "stopwords": "ve bir bu çok …", "endings": "lar ler …"}

(``letters``, ``stopwords``, ``endings``: the identification profile of :func:`.language.detect_language`;
``de.json`` is German's profile). What a card in that language names lives with the clusters, in the taxonomy
file (``languages`` of each cluster, ``resources/README.md``): cue terms ``term:weight`` match a word that starts
with the term (suffixes: "gürültü" finds "gürültüden"), ``=term`` only the whole word, two words ("park et")
two neighbouring words, the first one whole ("park ediyor", not "Parkta"). :func:`parse_cues` reads them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from ..errors import UserError
from ..paths import resource_path
from .language import GERMAN, LanguageProfile, normalise_word
from .normalize import STOPWORDS

SCRIPTS = ("latin", "cyrillic", "arabic")


@dataclass(frozen=True)
class CueTerm:
    cluster: str
    words: tuple[str, ...]     # normalised; one word, or two neighbouring words
    weight: float
    whole_word: bool           # the (last) word must equal the term, not only start with it
    spelling: str              # as written in the data file


@dataclass(frozen=True)
class LanguageData:
    profile: LanguageProfile
    names: Mapping[str, str]                        # UI language -> name of the language ("de": "Türkisch")

    @property
    def code(self) -> str:
        return self.profile.code

    def name(self, ui_language: str = "de") -> str:
        return self.names.get(ui_language) or self.names.get("de") or self.code


def languages_dir() -> Path:
    return resource_path("clustering", "languages")


def _split(value, source: str, what: str) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [w for v in value for w in v.split()]
    raise UserError(f"„{what}“ ist weder Text noch eine Liste von Texten.", file=source,
                    hint="Bitte Wörter durch Leerzeichen getrennt angeben.")


def parse_cues(cluster: str, entries: Iterable[str], code: str) -> list[CueTerm]:
    """Cue terms of one cluster in language ``code`` from ``term:weight`` entries (see the module text);
    a weight that is no number counts as 1, like the German cue words."""
    from .lexicon import parse_cue      # the one parser of ``term:weight`` (the lexicon imports this module)
    out: list[CueTerm] = []
    for entry in entries:
        term, weight = parse_cue(entry)
        whole = term.startswith("=")
        spelled = term.lstrip("=").replace("_", " ")
        parts = tuple(normalise_word(p, code) for p in spelled.split())
        if parts and all(parts) and weight > 0 and len(parts) <= 2:
            out.append(CueTerm(cluster, parts, weight, whole, spelled))
            softened = _softened(parts[-1], code)
            if softened:       # Turkish "ışık" also as "ışığı", "sokak" as "sokağa", "dolap" as "dolabı"
                out.append(CueTerm(cluster, parts[:-1] + (softened,), weight, whole, spelled))
    return out


#: Turkish consonant softening before a vowel suffix: k -> ğ, p -> b, t -> d (folded spelling: ğ is g)
_TURKISH_SOFTENING = {"k": "g", "p": "b", "t": "d"}


def _softened(word: str, code: str) -> str:
    """The stem a Turkish cue takes before a vowel suffix, or "" (other languages, short or unchanged words)."""
    if code != "tr" or len(word) < 4 or word[-1] not in _TURKISH_SOFTENING:
        return ""
    return word[:-1] + _TURKISH_SOFTENING[word[-1]]


def parse_language(data: dict, source: str = "") -> LanguageData:
    """One language file's content; German ``UserError`` naming the file when it is malformed."""
    if not isinstance(data, dict) or not str(data.get("code", "")).strip():
        raise UserError("Die Sprachdatei hat keinen Sprachcode („code“).", file=source,
                        hint="Erwartet wird z. B. {\"code\": \"tr\", \"script\": \"latin\", …}.")
    code = str(data["code"]).strip().lower()
    script = str(data.get("script", "latin")).strip().lower()
    if script not in SCRIPTS:
        raise UserError(f"Unbekannte Schrift „{script}“ in der Sprachdatei.", file=source,
                        hint="Erlaubt sind: " + ", ".join(SCRIPTS) + ".")
    names = data.get("name") or {}
    if isinstance(names, str):
        names = {"de": names}
    profile = LanguageProfile(
        code=code, script=script, letters=str(data.get("letters", "")).lower(),
        stopwords=frozenset(normalise_word(w, code) for w in _split(data.get("stopwords", ""), source, "stopwords")),
        endings=tuple(normalise_word(w, code) for w in _split(data.get("endings", ""), source, "endings")))
    return LanguageData(profile, {str(k): str(v) for k, v in names.items()})


def load_language_file(path: Path) -> LanguageData:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UserError(f"Die Sprachdatei ist nicht lesbar ({exc}).", file=str(path),
                        hint="Bitte eine gültige JSON-Datei in UTF-8 verwenden.") from None
    return parse_language(data, str(path))


@lru_cache(maxsize=4)
def _load_dir(folder: str) -> tuple[LanguageData, ...]:
    path = Path(folder)
    if not path.is_dir():
        return ()
    return tuple(load_language_file(p) for p in sorted(path.glob("*.json")))


def builtin_languages() -> dict[str, LanguageData]:
    """All shipped languages by code (read once per process)."""
    return {d.code: d for d in _load_dir(str(languages_dir()))}


@lru_cache(maxsize=1)
def language_profiles() -> dict[str, LanguageProfile]:
    """Identification profiles by code; German's function words also include the clustering's stopwords."""
    profiles = {code: d.profile for code, d in builtin_languages().items()}
    if GERMAN in profiles:
        german = profiles[GERMAN]
        profiles[GERMAN] = replace(german, stopwords=german.stopwords | STOPWORDS)
    return profiles


def language_name(code: str, ui_language: str = "de") -> str:
    data = builtin_languages().get(code)
    if data is None:
        return "Deutsch" if code == GERMAN and ui_language == "de" else code
    return data.name(ui_language)
