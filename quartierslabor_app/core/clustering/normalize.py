"""Text normalisation for German concern cards: case, umlaut/ß folding, punctuation, tokens, stems.

Everything is folded to one ASCII-ish spelling so that "Lärm", "Laerm" and "LÄRM" meet:
ä→ae, ö→oe, ü→ue, ß→ss. Runs of three or more equal letters ("Kraaach") are shortened.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss",
                       "é": "e", "è": "e", "ê": "e", "á": "a", "à": "a", "â": "a",
                       "ó": "o", "ò": "o", "ô": "o", "í": "i", "ì": "i", "ú": "u", "ù": "u",
                       "ç": "c", "ñ": "n", "’": "'", "‘": "'", "´": "'", "`": "'"})
#: Latin (folded), Cyrillic and Arabic letters: cards in the residents' other languages get n-gram features too
_TOKEN_RE = re.compile(r"[a-z0-9\u0400-\u04ff\u0620-\u064a\u066e-\u06d3]+")
_RUN_RE = re.compile(r"([a-z])\1{2,}")

#: very frequent German words that carry no topic
STOPWORDS = frozenset("""
a ab aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin bis bisschen
bitte bzw da dabei dadurch dafuer dagegen daher damit dann daran darauf darf darueber das dass dasselbe davon
davor dazu dein dem den denen denn der deren des deshalb dessen die dies diese diesem diesen dieser dieses doch
dort du durch eben ein eine einem einen einer eines einfach einige einmal er es etwa etwas euch euer fuer ganz gar
gegen gibt gibts geht gehen gerade gern gewesen ging gut hab habe haben hat hatte hatten hier hin hinter ich ihm
ihn ihnen ihr ihre ihrem ihren ihrer im immer in ins ist ja jede jedem jeden jeder jedes jetzt kann kein keine
keinem keinen keiner koennen koennte man manche manchmal mal mehr mein meine meinem meinen meiner mich mir mit
moechte muss muessen musste nach nachdem naechste neben nein nicht nichts noch nun nur ob oder ohne oft schon sehr
sein seine seinem seinen seiner seit selbst sich sie sind so soll sollen sollte sollten sondern sonst sowie tun
ueber um und uns unser unsere unserem unseren unter usw viel viele vielen vom von vor wann war waren warum was weg
weil weiter welche welchem welchen welcher wenn wer werden wie wieder will wir wird wirklich wo wurde wurden zu zum
zur zwar zwischen ueberall immer wegen eigentlich total echt halt eh mega voll sowas so'n ne nen n nem leute mensch menschen
""".split())


class _CombiningMarks(dict):
    """``str.translate`` table that drops combining marks (filled as characters are met)."""

    def __missing__(self, code: int):
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


#: ``text.translate(NO_COMBINING_MARKS)`` drops the combining marks of a (decomposed) text
NO_COMBINING_MARKS = _CombiningMarks()


def fold(text: str) -> str:
    """Lowercase, fold umlauts/ß/accents and squeeze letter runs; keeps punctuation."""
    text = unicodedata.normalize("NFC", text or "").lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text).translate(NO_COMBINING_MARKS)
    return _RUN_RE.sub(r"\1", text)


def tokens(text: str) -> list[str]:
    """Folded word tokens (letters/digits), including stopwords."""
    return _TOKEN_RE.findall(fold(text))


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return "".join(_TOKEN_RE.findall(fold(word)))


_WORD_RE = re.compile(r"\w+")


def surface_tokens(text: str) -> list[tuple[str, str]]:
    """(original word, folded word) pairs for explaining matches with the user's own spelling."""
    out: list[tuple[str, str]] = []
    for word in _WORD_RE.findall(unicodedata.normalize("NFC", text or "")):
        folded = _fold_word(word)
        if folded:
            out.append((word, folded))
    return out


def content_tokens(text: str) -> list[str]:
    """Folded tokens without stopwords and one-letter words."""
    return [t for t in tokens(text) if len(t) > 1 and t not in STOPWORDS]


def normalise(text: str) -> str:
    """Folded text as space-separated tokens (the form used by the n-gram vectoriser)."""
    return " ".join(tokens(text))


_VOWELS = set("aeiouy")
_S_ENDING = set("bdfghklmnrt")
_ST_ENDING = set("bdfghklmnt")


def _region1(word: str) -> int:
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(i + 1, 3)
    return len(word)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light German stemmer (Snowball-style inflection stripping) on folded words.

    Only inflectional endings are removed (Häuser→haus, Mülltonnen→muellton, parkten→parkt), derivational
    suffixes stay, so stems stay readable and compound parts remain findable.
    """
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    r1 = _region1(w)
    # step 1: inflection endings
    for suf in ("ern", "em", "er", "en", "es", "e"):
        if w.endswith(suf) and len(w) - len(suf) >= r1:
            w = w[: -len(suf)]
            if suf in ("en", "es", "e") and w.endswith("niss"):
                w = w[:-1]
            break
    else:
        if w.endswith("s") and len(w) - 1 >= r1 and w[-2] in _S_ENDING:
            w = w[:-1]
    # step 2: adjective/verb endings
    for suf in ("est", "en", "er"):
        if w.endswith(suf) and len(w) - len(suf) >= r1:
            w = w[: -len(suf)]
            break
    else:
        if w.endswith("st") and len(w) - 2 >= max(r1, 3) and w[-3] in _ST_ENDING:
            w = w[:-2]
    # plural umlaut forms: "haeus" -> "haus" is not reversible safely; keep as is
    return w


def stems(text: str) -> list[str]:
    return [stem(t) for t in content_tokens(text)]
