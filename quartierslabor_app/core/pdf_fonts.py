"""Fonts for every PDF the app writes (reportlab), embedded from ``resources/fonts``."""
from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .paths import resource_path

FONT = "QLSans"
FONT_BOLD = "QLSans-Bold"
FONT_ITALIC = "QLSans-Oblique"

_registered = False


def register_fonts() -> str:
    """Register the embedded fonts once; returns the regular font name."""
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
        pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(resource_path("fonts", "DejaVuSans-Oblique.ttf"))))
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT_ITALIC)
        addMapping(FONT, 1, 1, FONT_BOLD)
        _registered = True
    return FONT
