"""Fitting a line to a width (letters, report PDFs): binary search, not one character at a time (issue 11)."""
from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_draw_support import make_register, replace_rows

from quartierslabor_app.core.draw import (DrawSettings, LabInfo, LetterTemplate, draw_addressees, run_draw,
                                          write_letters_pdf)
from quartierslabor_app.core.pdf_fonts import FONT, register_fonts
from quartierslabor_app.core.reports import pdf_text
from quartierslabor_app.core.reports.pdf_text import fit_width


@pytest.fixture()
def measured(monkeypatch):
    """Counts the width measurements of pdf_text (the letters measure through it too)."""
    calls: list[int] = []
    real = pdf_text.pdfmetrics.stringWidth

    def counting(text, font, size, *args, **kwargs):
        calls.append(len(text))
        return real(text, font, size, *args, **kwargs)

    monkeypatch.setattr(pdf_text.pdfmetrics, "stringWidth", counting)
    return calls


@pytest.mark.parametrize("length", [10, 500, 6000, 200_000])
def test_fit_width_is_the_longest_fitting_prefix_in_log_steps(measured, length: int) -> None:
    register_fonts()
    text = ("Ölçer-Łukasz Müller " * (length // 20 + 1))[:length]
    width = 150.0
    fitted = fit_width(text, FONT, 10, width)
    count = len(measured)
    real = pdf_text.pdfmetrics.stringWidth
    assert real(fitted, FONT, 10) <= width
    if fitted != text:
        kept = fitted[:-1]
        assert text.startswith(kept) and fitted.endswith("…")
        # one more character would not fit (unless only spaces were trimmed before the ellipsis)
        longer = text[:len(kept) + 1]
        assert longer.strip() == kept.strip() or real(longer + "…", FONT, 10) > width
    assert count <= 2 + math.ceil(math.log2(length + 1)), count


def test_fit_width_keeps_a_text_that_fits(measured) -> None:
    register_fonts()
    assert fit_width("Hörde", FONT, 10, 200) == "Hörde"
    assert len(measured) == 1


def test_letter_with_a_very_long_name_measures_each_line_logarithmically(tmp_path: Path, measured) -> None:
    reg = make_register(ages=[40], genders=["w"], districts=["Eving"])
    rows = list(reg.table.rows)
    rows[0][0] = "Langname" * 24                  # 192 characters: within the register's field limit
    replace_rows(reg, rows)
    res = run_draw(reg, DrawSettings(size=1, strata=()), "lang")
    measured.clear()
    path = write_letters_pdf(tmp_path / "b.pdf", draw_addressees(reg, res), LetterTemplate(),
                             LabInfo(name="L", district="Eving", date=dt.date(2026, 12, 5)))
    long_measurements = [n for n in measured if n > 100]       # the address line with the name
    assert 0 < len(long_measurements) <= 3 * (2 + math.ceil(math.log2(200)))
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert re.search(r"LangnameLangname[A-Za-z]*…", text), text[:400]
