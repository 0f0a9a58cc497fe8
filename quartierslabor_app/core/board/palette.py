"""Calm, projector-friendly colours for clusters the facilitator creates."""
from __future__ import annotations

import re
from typing import Iterable

#: muted colours that stay distinct on a projector and carry dark text well
CALM_COLORS = (
    "#5b8def", "#e0945a", "#5fb28a", "#c46b8f", "#8c7bd1", "#d1b04a", "#4fa8b8", "#b7745b",
    "#7d9c4a", "#9a8c7a", "#d0716a", "#6f86a6",
)

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_color(text: str) -> bool:
    return bool(_HEX.match(text or ""))


def next_color(used: Iterable[str]) -> str:
    """The first calm colour not used yet (cycling when all are taken)."""
    used_lower = [u.lower() for u in used]
    for color in CALM_COLORS:
        if color.lower() not in used_lower:
            return color
    return CALM_COLORS[len(used_lower) % len(CALM_COLORS)]


def _rgb(color: str) -> tuple[float, float, float]:
    color = color if is_color(color) else "#cccccc"
    return tuple(int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def calm(color: str) -> str:
    """A projector-friendly version of ``color``: same hue, muted saturation, medium lightness."""
    import colorsys
    h, l, s = colorsys.rgb_to_hls(*_rgb(color))
    s = min(s, 0.55)
    l = min(max(l, 0.42), 0.62)
    r, g, b = colorsys.hls_to_rgb(h, l, s)
    return "#{:02x}{:02x}{:02x}".format(round(r * 255), round(g * 255), round(b * 255))


def text_on(color: str) -> str:
    """Dark or white text, whichever reads better on ``color``."""
    r, g, b = _rgb(color)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#1d2a36" if luminance > 0.6 else "#ffffff"
