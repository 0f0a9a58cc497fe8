"""Shared PDF layout of the reports: styles, page template with header/footer
("Seite x von y"), table of contents, safe paragraphs and tables (reportlab platypus)."""
from __future__ import annotations

import copy
from xml.sax.saxutils import escape
from typing import Callable, Optional, Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from ..messages import german_count
from ..pdf_fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts
from .pdf_text import base_is_rtl, fit_width, has_rtl, markup, plain, replace_missing_glyphs, wrap_visual

PAGE_SIZE = A4
MARGIN_X = 2.0 * cm
MARGIN_TOP = 2.2 * cm
MARGIN_BOTTOM = 2.0 * cm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

ACCENT = colors.HexColor("#1f4e79")
LIGHT = colors.HexColor("#e8eef5")
GRID = colors.HexColor("#b8c4d0")
MUTED = colors.HexColor("#555555")


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("Body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    s = {
        "Body": base,
        "Small": ParagraphStyle("Small", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "Cell": ParagraphStyle("Cell", parent=base, fontSize=8.5, leading=10.8, spaceAfter=0),
        "CellBold": ParagraphStyle("CellBold", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.8,
                                   spaceAfter=0),
        "CellRight": ParagraphStyle("CellRight", parent=base, fontSize=8.5, leading=10.8, spaceAfter=0,
                                    alignment=TA_RIGHT),
        "Head": ParagraphStyle("Head", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5,
                               spaceAfter=0, textColor=colors.white),
        "HeadRight": ParagraphStyle("HeadRight", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5,
                                    spaceAfter=0, textColor=colors.white, alignment=TA_RIGHT),
        "H1": ParagraphStyle("H1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceBefore=12,
                             spaceAfter=10, textColor=ACCENT),
        "H2": ParagraphStyle("H2", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=10,
                             spaceAfter=5, textColor=ACCENT, keepWithNext=1),
        "H3": ParagraphStyle("H3", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=6,
                             spaceAfter=3, keepWithNext=1),
        "Title": ParagraphStyle("Title", parent=base, fontName=FONT_BOLD, fontSize=26, leading=32,
                                alignment=TA_LEFT, textColor=ACCENT, spaceAfter=14),
        "Subtitle": ParagraphStyle("Subtitle", parent=base, fontSize=14, leading=19, spaceAfter=8),
        "Meta": ParagraphStyle("Meta", parent=base, fontSize=11, leading=16, spaceAfter=2),
        "Center": ParagraphStyle("Center", parent=base, alignment=TA_CENTER),
        "Italic": ParagraphStyle("Italic", parent=base, fontName=FONT_ITALIC, textColor=MUTED),
    }
    return s


STYLES = _styles()
TOC_STYLES = [
    ParagraphStyle("TOC1", fontName=FONT_BOLD, fontSize=10.5, leading=16, leftIndent=0, firstLineIndent=0),
    ParagraphStyle("TOC2", fontName=FONT, fontSize=9.5, leading=13, leftIndent=16, firstLineIndent=0),
]


def para(text: object, style: "str | ParagraphStyle" = "Body", width: Optional[float] = None,
         *, bold_prefix: str = "", ltr: bool = False) -> Paragraph:
    """A paragraph of user text: escaped, missing glyphs replaced, right-to-left text shaped.

    ``width`` (points) is needed to wrap right-to-left text correctly line by line. ``ltr``
    forces a left-to-right paragraph (German text that quotes Arabic); otherwise the first
    strong letter decides, so an Arabic card prints right-aligned.
    """
    st = STYLES[style] if isinstance(style, str) else style
    raw = str(text if text is not None else "")
    prefix = f"<b>{markup(bold_prefix, FONT_BOLD)}</b> " if bold_prefix else ""
    if has_rtl(raw):
        cleaned = replace_missing_glyphs(raw, st.fontName)
        avail = (width or CONTENT_WIDTH) - st.leftIndent - st.rightIndent - 2
        lines = wrap_visual(cleaned, st.fontName, st.fontSize, avail, "L" if ltr else None)
        body = "<br/>".join(escape(line) for line in lines)
        if not ltr and base_is_rtl(raw) and not prefix and st.alignment == TA_LEFT:
            st = copy.copy(st)
            st.alignment = TA_RIGHT
        return Paragraph(prefix + body, st)
    return Paragraph(prefix + markup(raw, st.fontName), st)


def heading(text: str, level: int = 1) -> Paragraph:
    """A section heading that goes into the table of contents and the PDF outline."""
    p = Paragraph(markup(text, FONT_BOLD), STYLES["H1" if level == 1 else "H2"])
    p._toc_text = plain(text, FONT_BOLD)          # type: ignore[attr-defined]  # outline: plain text
    p._toc_level = level - 1                      # type: ignore[attr-defined]
    return p


def data_table(rows: Sequence[Sequence[object]], widths: Sequence[float], *, header: bool = True,
               numeric_cols: Sequence[int] = (), zebra: bool = True, bold_first_col: bool = False,
               extra_style: Sequence[tuple] = ()) -> Table:
    """A table whose cells are safe paragraphs; the header row repeats on every page.

    Short one-line body cells (numbers, short names) are drawn as plain strings, which is
    much faster than a paragraph and looks the same; everything else is a paragraph.
    """
    cells = []
    cell_style = STYLES["Cell"]
    for r, row in enumerate(rows):
        out = []
        for c, value in enumerate(row):
            if not isinstance(value, (str, int, float)) and value is not None:
                out.append(value)  # already a flowable
                continue
            if header and r == 0:
                style = "HeadRight" if c in numeric_cols else "Head"
            elif c in numeric_cols:
                style = "CellRight"
            elif bold_first_col and c == 0:
                style = "CellBold"
            else:
                style = "Cell"
            text = "" if value is None else str(value)
            if style in ("Cell", "CellRight") and _fits_one_line(text, cell_style, widths[c] - 8):
                out.append(replace_missing_glyphs(text, cell_style.fontName))
            else:
                out.append(para(text, style, widths[c] - 8))
        cells.append(out)
    table = Table(cells, colWidths=list(widths), repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT")
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), cell_style.fontSize),
        ("LEADING", (0, 0), (-1, -1), cell_style.leading),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for c in numeric_cols:
        commands.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), ACCENT))
    if zebra:
        start = 1 if header else 0
        for r in range(start, len(cells)):
            if (r - start) % 2 == 1:
                commands.append(("BACKGROUND", (0, r), (-1, r), LIGHT))
    commands.extend(extra_style)
    table.setStyle(TableStyle(commands))
    return table


def _fits_one_line(text: str, style: ParagraphStyle, width: float) -> bool:
    if len(text) > 60 or "\n" in text or has_rtl(text) or text.strip() != text:
        return False
    from reportlab.pdfbase.pdfmetrics import stringWidth
    return stringWidth(text, style.fontName, style.fontSize) <= width


def toc() -> TableOfContents:
    t = TableOfContents()
    t.levelStyles = TOC_STYLES
    t.dotsMinLevel = 0
    t.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    return t


class ReportDocTemplate(BaseDocTemplate):
    """A4 document: first page without header/footer, the others with both; TOC + outline."""

    def __init__(self, filename: str, *, title: str, author: str = "Quartierslabor", **kw) -> None:
        super().__init__(filename, pagesize=PAGE_SIZE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author=author,
                         creator="Quartierslabor", initialFontName=FONT, initialFontSize=9.5, **kw)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._bookmark = 0

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - reportlab API
        text = getattr(flowable, "_toc_text", None)
        if text is None:
            return
        level = getattr(flowable, "_toc_level", 0)
        self._bookmark += 1
        key = f"h{self._bookmark}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        # the table of contents parses its entries as paragraph markup: escape user text
        self.notify("TOCEntry", (level, escape(text), self.page, key))

    def handle_documentBegin(self) -> None:  # noqa: N802 - reportlab API
        self._bookmark = 0
        super().handle_documentBegin()


def numbered_canvas(header_left: str, header_right: str, footer_left: str) -> Callable[..., rl_canvas.Canvas]:
    """A canvas class that draws header and footer "Seite x von y" once the page count is known."""
    header_left = plain(header_left)
    header_right = plain(header_right)
    footer_left = plain(footer_left)

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:
            kwargs["initialFontName"] = FONT              # no unembedded Helvetica anywhere
            kwargs["initialFontSize"] = 9.5
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self._pageNumber > 1:
                    self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = PAGE_SIZE
            self.saveState()
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            y_head = height - MARGIN_TOP + 0.7 * cm
            self.line(MARGIN_X, y_head - 4, width - MARGIN_X, y_head - 4)
            self.setFont(FONT_BOLD, 8.5)
            self.setFillColor(ACCENT)
            self.drawString(MARGIN_X, y_head, _fit(header_left, FONT_BOLD, 8.5, CONTENT_WIDTH * 0.62))
            self.setFont(FONT, 8.5)
            self.setFillColor(MUTED)
            self.drawRightString(width - MARGIN_X, y_head, _fit(header_right, FONT, 8.5, CONTENT_WIDTH * 0.36))
            y_foot = MARGIN_BOTTOM - 0.9 * cm
            self.line(MARGIN_X, y_foot + 10, width - MARGIN_X, y_foot + 10)
            self.drawString(MARGIN_X, y_foot, _fit(footer_left, FONT, 8, CONTENT_WIDTH * 0.7))
            self.drawRightString(width - MARGIN_X, y_foot, f"Seite {self._pageNumber} von {total}")
            self.restoreState()

    return NumberedCanvas


_fit = fit_width


def fmt_int(value: Optional[int]) -> str:
    return "–" if value is None else german_count(value)


def fmt_pct(share: Optional[float], digits: int = 1) -> str:
    if share is None:
        return "–"
    return f"{share * 100:.{digits}f} %".replace(".", ",")
