"""Light language identification and script-aware normalisation of concern cards (issue 10).

Residents write cards in German and also in Turkish, Arabic, Polish, Russian, Bulgarian, Romanian or English.
The language of a card is recognised offline from its script (Arabic, Cyrillic, Latin) and, within a script,
from letters only one language uses (ğ/ı/ş, ą/ę/ł, ă/ș/ț, ä/ß, ъ, ы/э/ё) and a profile of frequent function
words and word endings per language; the profiles are data (``resources/clustering/languages/<code>.json``).

Normalisation folds each language's diacritics so that cards written without them meet the cue words
("gürültü" = "gurultu", "hałas" = "halas", "mașini" = "masini"; Turkish "İ"/"I" lower to "i"/"ı" first);
Arabic loses its vowel marks (tashkīl) and the tatweel, and alef/yā'/tā' marbūṭa variants are unified;
Cyrillic "ё" is "е". Word forms keep their suffixes: cue terms are word starts (stems).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from .normalize import NO_COMBINING_MARKS

GERMAN = "de"

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")   # tashkil, Quranic marks, tatweel
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                              "ک": "ك", "ی": "ي", "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5",
                              "٦": "6", "٧": "7", "٨": "8", "٩": "9"})
#: Latin letters of the residents' languages folded to plain ASCII (Turkish dotless ı, Polish ł, Romanian ș/ț
#: with comma or cedilla, German umlauts as ae/oe/ue like :mod:`.normalize`)
_LATIN_FOLD = str.maketrans({"ı": "i", "ł": "l", "ß": "ss", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe",
                             "’": "'", "‘": "'", "´": "'", "`": "'"})
_GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
#: Russian writes the hard sign only before е/ё/ю/я ("подъезд"); elsewhere it is Bulgarian ("път", "още")
_RUSSIAN_HARD_SIGN = re.compile("ъ(?=[еёюя])")
#: a foreign language needs at least this much evidence (one own letter or one function word) and more than German
MIN_FOREIGN_SCORE = 2.0
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class LanguageProfile:
    """What identifies one language in writing (from its data file)."""

    code: str
    script: str                      # "latin", "cyrillic" or "arabic"
    letters: str = ""                # letters (lower case) that point to this language within its script
    stopwords: frozenset[str] = frozenset()    # normalised function words
    endings: tuple[str, ...] = ()    # normalised word endings typical of the language


@dataclass(frozen=True)
class LanguageGuess:
    code: str              # ISO 639-1 code, "de" when nothing points elsewhere
    confidence: float      # 0..1, how clearly the evidence points to ``code``
    evidence: float = 0.0  # score of ``code``: 2 per own letter or function word, 0.5 per typical ending


@lru_cache(maxsize=None)
def script_of(char: str) -> str:
    """"arabic", "cyrillic", "latin" or "" (digits, punctuation, other scripts)."""
    cp = ord(char)
    if any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES):
        return "arabic"
    if 0x0400 <= cp <= 0x04FF or 0x0500 <= cp <= 0x052F:
        return "cyrillic"
    if char.isalpha() and (cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF):
        return "latin"
    return ""


@lru_cache(maxsize=65536)
def dominant_script(text: str) -> str:
    counts: dict[str, int] = {}
    for ch in text:
        s = script_of(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return ""
    return max(sorted(counts), key=lambda s: counts[s])


def isolate_bidi(word: str) -> str:
    """A right-to-left word (Arabic) wrapped in Unicode direction isolates, so that in a German sentence the
    commas and brackets around it stay where they belong ("erkannt (Arabisch): مظلم, إنارة")."""
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in word):
        return f"\u2068{word}\u2069"
    return word


def _lower(word: str, lang: str) -> str:
    if lang == "tr":       # Turkish: I -> ı, İ -> i
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower()


@lru_cache(maxsize=65536)
def normalise_word(word: str, lang: str) -> str:
    """One word in the folded spelling of the cue data of ``lang`` (see the module text)."""
    word = unicodedata.normalize("NFC", word)
    if lang == "ar" or dominant_script(word) == "arabic":
        word = _ARABIC_MARKS.sub("", word).translate(_ARABIC_FOLD)
        return word
    word = _lower(word, lang)
    if lang == GERMAN:
        word = word.translate(_GERMAN_UMLAUTS)
    word = word.translate(_LATIN_FOLD).replace("ё", "е")
    word = unicodedata.normalize("NFKD", word)
    word = word.translate(NO_COMBINING_MARKS)
    return word


def words(text: str) -> list[str]:
    """The words of a card in their original spelling (letters and digits; "mi-e", "can't" stay one word)."""
    return _WORD_RE.findall(unicodedata.normalize("NFC", text or ""))


def normalised_words(text: str, lang: str) -> list[tuple[str, str]]:
    """(original word, normalised word) pairs of a card read as language ``lang``."""
    out = []
    for w in words(text):
        n = normalise_word(w, lang)
        if n:
            out.append((w, n))
    return out


def detect_language(text: str, profiles: Mapping[str, LanguageProfile] | None = None) -> LanguageGuess:
    """The language a card is written in (German when nothing points elsewhere).

    The script decides between Arabic, Cyrillic and Latin; within a script each language scores its own letters
    (2 each, at most 3 per word), function words (2 each) and typical endings (0.5 each). German wins ties:
    the app was built for German cards and a German card must never be read as foreign.
    """
    if profiles is None:
        from .language_data import language_profiles
        profiles = language_profiles()
    global _guesses
    known, guesses, word_scores = _guesses
    if known is not profiles:            # the guesses hold for one set of profiles
        guesses, word_scores = {}, {}
        _guesses = (profiles, guesses, word_scores)
    guess = guesses.get(text)
    if guess is None:
        guess = _detect(text, profiles, word_scores)
        if len(guesses) > 65536:
            guesses.clear()
            word_scores.clear()
        guesses[text] = guess
    return guess


#: the profiles, the guesses already made with them (by text) and the scores of words (by language and word)
_guesses: tuple[object, dict[str, LanguageGuess], dict[tuple[str, str], float]] = (None, {}, {})


def _word_score(p: LanguageProfile, w: str) -> float:
    """What one word says for language ``p``: its own letters, a function word or a typical ending."""
    low = w.lower()      # not the Turkish rule: "POLIZEI" has no dotless ı
    if p.code == "bg":
        low = _RUSSIAN_HARD_SIGN.sub("", low)
    score = 2 * min(3, sum(1 for ch in low if ch in p.letters))
    n = normalise_word(w, p.code)
    if n in p.stopwords:
        return score + 2
    if len(n) > 3 and n.endswith(p.endings):
        return score + 0.5
    return score


def _detect(text: str, profiles: Mapping[str, LanguageProfile],
            word_scores: dict[tuple[str, str], float]) -> LanguageGuess:
    script = dominant_script(text)
    candidates = [p for p in profiles.values() if p.script == script]
    if not candidates:
        return LanguageGuess(GERMAN, 0.0)
    if len(candidates) == 1 and script != "latin":
        return LanguageGuess(candidates[0].code, 1.0)
    raw = words(text)
    scores: dict[str, float] = {}
    for p in candidates:
        score = 0.0
        for w in raw:        # multiples of 0.5: the sum is exact in any grouping
            part = word_scores.get((p.code, w))
            if part is None:
                part = word_scores[(p.code, w)] = _word_score(p, w)
            score += part
        scores[p.code] = score
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0] != GERMAN, kv[0]))
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if script == "latin" and (best == GERMAN or top < MIN_FOREIGN_SCORE or top <= scores.get(GERMAN, 0.0)):
        if best != GERMAN:
            return LanguageGuess(GERMAN, 0.0, scores.get(GERMAN, 0.0))
        return LanguageGuess(GERMAN, round((top - second) / top, 3) if top > 0 else 0.0, top)
    return LanguageGuess(best, round((top - second) / top, 3) if top > 0 else 0.0, top)
