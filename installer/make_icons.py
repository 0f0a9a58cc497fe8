"""Draw the app icon (a map pin holding a speech bubble, municipal blue) with Qt's QPainter.

Writes ``resources/icons/quartierslabor-<size>.png`` for 16, 24, 32, 48, 64, 128 and 256 px and
``resources/icons/quartierslabor.ico`` (all sizes, PNG-compressed entries as Windows Vista and
later read them). The generated files are committed; run this again after changing the drawing:

    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icons.py
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE = QColor("#0b5394")        # municipal blue
BLUE_DARK = QColor("#073763")
WHITE = QColor("#ffffff")
ACCENT = QColor("#f1c232")      # the "dots" of the bubble (votes / voices)


def _pin_path(size: float) -> QPainterPath:
    """Teardrop map pin filling the square, tip at the bottom centre."""
    cx, r = size / 2, size * 0.36
    cy = size * 0.40
    tip = QPointF(cx, size * 0.97)
    path = QPainterPath()
    path.moveTo(tip)
    path.cubicTo(QPointF(cx - r * 0.55, size * 0.80), QPointF(cx - r, cy + r * 0.55), QPointF(cx - r, cy))
    path.arcTo(QRectF(cx - r, cy - r, 2 * r, 2 * r), 180, -180)
    path.cubicTo(QPointF(cx + r, cy + r * 0.55), QPointF(cx + r * 0.55, size * 0.80), tip)
    path.closeSubpath()
    return path


def _bubble_path(size: float) -> QPainterPath:
    """A rounded speech bubble inside the pin's head, with a small tail to the lower left."""
    cx, cy = size / 2, size * 0.38
    w, h = size * 0.40, size * 0.28
    rect = QRectF(cx - w / 2, cy - h / 2, w, h)
    bubble = QPainterPath()
    bubble.addRoundedRect(rect, h * 0.35, h * 0.35)
    tail = QPainterPath()
    tail.moveTo(QPointF(rect.left() + w * 0.22, rect.bottom() - 1))
    tail.lineTo(QPointF(rect.left() + w * 0.10, rect.bottom() + h * 0.38))
    tail.lineTo(QPointF(rect.left() + w * 0.46, rect.bottom() - 1))
    tail.closeSubpath()
    return bubble.united(tail)


def draw_icon(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pin = _pin_path(size)
    painter.setPen(QPen(BLUE_DARK, max(1.0, size / 48)) if size >= 24 else Qt.PenStyle.NoPen)
    painter.setBrush(BLUE)
    painter.drawPath(pin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(WHITE)
    if size <= 16:  # too small for a bubble: a white dot reads better
        painter.drawEllipse(QPointF(size / 2, size * 0.40), size * 0.16, size * 0.16)
    else:
        painter.drawPath(_bubble_path(size))
        if size >= 32:  # three dots: voices in the neighbourhood
            painter.setBrush(ACCENT if size >= 64 else BLUE)
            r = size * 0.035
            for dx in (-0.10, 0.0, 0.10):
                painter.drawEllipse(QPointF(size / 2 + dx * size, size * 0.38), r, r)
    painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data)


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    """ICO container with PNG-compressed entries (ICONDIR + ICONDIRENTRY list + data)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = images[size]
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(header + entries + blobs)
    os.replace(tmp, path)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (needed for fonts/painting)
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    pngs = {}
    for size in SIZES:
        png = _png_bytes(draw_icon(size))
        (ICON_DIR / f"quartierslabor-{size}.png").write_bytes(png)
        pngs[size] = png
    write_ico(ICON_DIR / "quartierslabor.ico", {s: pngs[s] for s in (16, 24, 32, 48, 64, 128, 256)})
    print(f"Icons written to {ICON_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
