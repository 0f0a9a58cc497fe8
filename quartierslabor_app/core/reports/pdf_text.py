"""Making any resident's text printable with reportlab and the embedded fonts.

* XML special characters are escaped for platypus paragraphs.
* Characters the font has no glyph for are replaced: emoji (with their joiners and
  modifiers) by ``[Emoji]``, anything else by ``□``. Symbols the font has (☺ ★ ✓ ☀) print as such.
* Arabic/Hebrew is shaped (joined letter forms) and put into visual order line by line,
  so right-to-left text prints readably even though reportlab lays out left to right.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Optional
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

from ..pdf_fonts import FONT, register_fonts

EMOJI_REPLACEMENT = "[Emoji]"
MISSING_REPLACEMENT = "□"
_INVISIBLE = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}          # ZWJ, variation selectors, keycap
#: left-to-right / right-to-left marks: callers may put them into composed text to guide the
#: bidi algorithm (e.g. after a quoted Arabic card before "(3 Punkte)")
LRM = "\u200e"
RLM = "\u200f"
BIDI_MARKS = LRM + RLM


def _strip_marks(text: str) -> str:
    return text.replace(LRM, "").replace(RLM, "")


@lru_cache(maxsize=None)
def _coverage(font_name: str) -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    if face is None:  # a standard Type 1 font: Latin-1 only
        return frozenset(range(0x20, 0x100))
    # Only the Basic Multilingual Plane: reportlab writes a broken ToUnicode map for characters
    # above U+FFFF (copy/paste and text extraction fail), so those emoji become "[Emoji]".
    return frozenset(cp for cp in face.charToGlyph.keys() if cp <= 0xFFFF)


def _is_emoji_like(ch: str) -> bool:
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x1F1E6 <= cp <= 0x1F1FF
            or unicodedata.category(ch) == "So")


def _is_modifier(ch: str) -> bool:
    cp = ord(ch)
    return cp in _INVISIBLE or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F


def replace_missing_glyphs(text: str, font_name: str = FONT) -> str:
    """Replace characters without a glyph in ``font_name``; emoji sequences -> ``[Emoji]``."""
    covered = _coverage(font_name)
    out: list[str] = []
    last_was_emoji = False
    for ch in text:
        cp = ord(ch)
        if ch in "\n\t":
            out.append(ch)
            last_was_emoji = False
            continue
        if ch in BIDI_MARKS:                 # kept for the bidi algorithm, removed after reordering
            out.append(ch)
            continue
        if _is_modifier(ch):
            # joiners/modifiers belong to the preceding emoji; alone they are invisible
            continue
        if cp in covered:
            if unicodedata.category(ch) == "Cc":
                continue
            out.append(ch)
            last_was_emoji = False
            continue
        if unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        if _is_emoji_like(ch):
            if not last_was_emoji:
                out.append(EMOJI_REPLACEMENT)
            last_was_emoji = True
        else:
            out.append(MISSING_REPLACEMENT)
            last_was_emoji = False
    return "".join(out)


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def base_is_rtl(text: str) -> bool:
    """Paragraph direction: the first strong character decides (Unicode P2/P3)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def shape(text: str) -> str:
    """Arabic letters in their joined presentation forms (logical order kept)."""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    return arabic_reshaper.reshape(text)


def visual_line(text: str) -> str:
    """One line (no wrapping) in visual order, shaped: for chart labels and table cells."""
    if not has_rtl(text):
        return _strip_marks(text)
    from bidi.algorithm import get_display
    return _strip_marks(get_display(shape(text)))


def wrap_visual(text: str, font_name: str, font_size: float, width: float,
                base_dir: Optional[str] = None) -> list[str]:
    """Wrap right-to-left text in logical order, then reorder each line visually.

    ``base_dir`` "L" or "R" fixes the paragraph direction (else the first strong letter decides).
    """
    from bidi.algorithm import get_display
    lines: list[str] = []
    for logical in text.split("\n"):
        words = logical.split()
        current: list[str] = []
        for word in words:
            probe = " ".join([*current, word])
            if current and pdfmetrics.stringWidth(shape(probe), font_name, font_size) > width:
                lines.append(" ".join(current))
                current = [word]
            else:
                current.append(word)
        lines.append(" ".join(current))
    if base_dir:
        return [_strip_marks(get_display(shape(line), base_dir=base_dir)) for line in lines]
    return [_strip_marks(get_display(shape(line))) for line in lines]


def markup(text: object, font_name: str = FONT) -> str:
    """Plain (user) text -> safe paragraph markup (escaped, glyphs replaced, newlines kept)."""
    cleaned = _strip_marks(replace_missing_glyphs(str(text if text is not None else ""), font_name))
    return escape(cleaned).replace("\n", "<br/>")


def plain(text: object, font_name: str = FONT) -> str:
    """Plain (user) text for canvas strings and charts: glyphs replaced, RTL in visual order."""
    cleaned = replace_missing_glyphs(" ".join(str(text if text is not None else "").split()), font_name)
    return visual_line(cleaned)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


_VOWELS = frozenset("aeiouäöüyAEIOUÄÖÜY")


def _hyphenate(word: str, font_name: str, font_size: float, width: float) -> list[str]:
    """A word wider than ``width`` in pieces that fit, each but the last ending in "-" (reportlab would
    cut it anywhere, e.g. "Quartierslabo" / "r"). Cuts keep at least three letters on each side and prefer
    a German compound's joint after "s" ("Quartiers-labor"), then a syllable start."""
    def fits(piece: str) -> bool:
        return pdfmetrics.stringWidth(piece + "-", font_name, font_size) <= width

    if len(word) < 6 or pdfmetrics.stringWidth(word, font_name, font_size) <= width:
        return [word]
    cuts = [i for i in range(3, len(word) - 2) if word[i - 1].isalpha() and word[i].isalpha() and fits(word[:i])]
    if not cuts:
        return [word]

    def rank(i: int) -> tuple[int, int]:
        before, after, then = word[i - 1], word[i], word[i + 1]
        joint = before == "s" and after not in _VOWELS and after != "c" and word[i - 2] != "s"
        # a syllable starts with the consonant before a vowel ("Konfe-renz"), "ch"/"ck"/"sch" kept whole
        syllable = after not in _VOWELS and then in _VOWELS and before not in "cs" and after != "h"
        return (2 if joint else 1 if syllable else 0, i)

    cut = max(cuts, key=rank)
    return [word[:cut] + "-", *_hyphenate(word[cut:], font_name, font_size, width)]


def wrap_label(text: str, font_name: str, font_size: float, width: float) -> str:
    """Pre-wrap a short label (table header) at spaces and after hyphens; lines joined by ``\\n``.

    reportlab breaks only at spaces and would split "Innenstadt-Nord" anywhere.
    """
    import re
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        tokens = [piece for t in re.split(r"\s+|(?<=-)", paragraph) if t
                  for piece in _hyphenate(t, font_name, font_size, width)]
        current = ""
        for token in tokens:
            joiner = "" if (not current or current.endswith("-")) else " "
            probe = current + joiner + token
            if current and pdfmetrics.stringWidth(probe, font_name, font_size) > width:
                lines.append(current)
                current = token
            else:
                current = probe
        lines.append(current)
    return "\n".join(lines)


def fit_width(text: str, font_name: str, font_size: float, width: float) -> str:
    """Cut a one-line text with "…" so that it fits ``width`` points.

    The longest fitting prefix is found by binary search (the width of a prefix grows with
    its length), so a text of n characters takes about log2(n) measurements instead of n.
    """
    def fits(candidate: str) -> bool:
        return pdfmetrics.stringWidth(candidate, font_name, font_size) <= width

    if fits(text):
        return text
    low, high = 0, len(text)          # text[:low] + "…" fits (or low is 0); text[:high + 1] + "…" does not
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle] + "…"):
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"
