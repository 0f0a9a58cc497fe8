"""Comparison across labs: shares, change since the district's previous lab, status; PDF and Excel."""
from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from pypdf import PdfReader

from quartierslabor_app.core import labs
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.reports import (build_comparison, main_field, write_comparison_pdf,
                                             write_comparison_xlsx)
from quartierslabor_app.core.reports.example_data import create_example_lab
from quartierslabor_app.core.storage.models import Card, Cluster, Invitee, Recommendation


def _lab(s, name, district, date, counts, statuses=()):
    lab = labs.create_lab(s, name, district, date)
    clusters = {}
    for key, (cname, codes) in {"muell": ("Müll", "2.3;2.3.1"), "laerm": ("Lärm", "2;2.1")}.items():
        clusters[key] = Cluster(lab_id=lab.id, key=key, name=cname, handlungsfeld_codes=codes)
    s.add_all(clusters.values())
    s.flush()
    for key, n in counts.items():
        for i in range(n):
            s.add(Card(lab_id=lab.id, cluster_id=clusters[key].id, text=f"{key} {i}", votes=1))
    for i, status in enumerate(statuses):
        s.add(Recommendation(lab_id=lab.id, title=f"Empfehlung {name} {i}", status=status,
                             handlungsfeld_codes="2.3", status_note="erledigt im Mai" if status == "umgesetzt" else ""))
    s.add(Invitee(lab_id=lab.id, draw_order=1, family_name="Privatmann-Qwertz", given_names="Xaver",
                  street="Heimlichgasse 3"))
    s.flush()
    return lab


@pytest.fixture
def three_labs(db):
    with db.session() as s:
        _lab(s, "Nord 2022", "Innenstadt-Nord", dt.date(2022, 3, 1), {"muell": 2, "laerm": 2},
             ["umgesetzt", "offen", "in Arbeit"])
        _lab(s, "Nord 2026", "Innenstadt-Nord", dt.date(2026, 3, 1), {"muell": 1, "laerm": 4}, ["offen"])
        _lab(s, "Eving 2024", "Eving", dt.date(2024, 5, 1), {"muell": 3}, ["verworfen"])
    return db


def test_shares_changes_and_status(three_labs):
    with three_labs.session() as s:
        data = build_comparison(s)
    assert [lab.name for lab in data.labs] == ["Eving 2024", "Nord 2022", "Nord 2026"]   # by district, date
    ids = {lab.name: lab.lab_id for lab in data.labs}
    muell = next(r for r in data.cluster_shares if r.key == "muell")
    assert muell.cell(ids["Nord 2022"]).share == pytest.approx(0.5)
    assert muell.cell(ids["Nord 2026"]).share == pytest.approx(0.2)
    assert muell.cell(ids["Eving 2024"]).share == pytest.approx(1.0)
    for lab in data.labs:
        assert sum(r.cell(lab.lab_id).share for r in data.cluster_shares) == pytest.approx(1.0)
        assert sum(r.cell(lab.lab_id).share for r in data.field_shares) == pytest.approx(1.0)
    assert {r.key for r in data.field_shares} == {"2.3", "2.1"}
    [change] = data.district_changes                       # only Innenstadt-Nord has two labs
    assert change.district == "Innenstadt-Nord"
    assert (change.previous.name, change.latest.name) == ("Nord 2022", "Nord 2026")
    deltas = {t.key: t.delta_points for t in change.topics}
    assert deltas["muell"] == pytest.approx(-30.0)
    assert deltas["laerm"] == pytest.approx(30.0)
    assert data.status_totals == {"offen": 2, "in Arbeit": 1, "umgesetzt": 1, "verworfen": 1}
    nord22 = next(lab for lab in data.labs if lab.name == "Nord 2022")
    assert nord22.status_counts["umgesetzt"] == 1 and nord22.recommendations == 3
    with three_labs.session() as s:
        only = build_comparison(s, district="Eving")
        assert [lab.name for lab in only.labs] == ["Eving 2024"] and only.district_changes == []
        with pytest.raises(UserError, match="Im Stadtbezirk „Mengede“ gibt es kein Quartierslabor"):
            build_comparison(s, district="Mengede")


def test_main_field_rule():
    assert main_field(["2", "2.1"]) == "2.1"
    assert main_field(["2.3.1"]) == "2.3"
    assert main_field(["2"]) == "2"
    assert main_field([]) == ""


def test_comparison_pdf_and_excel(three_labs, tmp_path):
    with three_labs.session() as s:
        data = build_comparison(s)
    pdf = write_comparison_pdf(tmp_path / "vergleich.pdf", data)
    xlsx = write_comparison_xlsx(tmp_path / "vergleich.xlsx", data)
    reader = PdfReader(str(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    flat = " ".join(text.split())
    for needle in ("Vergleich der Quartierslabore", "Übersicht der Quartierslabore", "Anteile der Themen je Labor",
                   "Anteile je Handlungsfeld", "Veränderung seit dem letzten Labor im Stadtbezirk",
                   "Stand der Handlungsempfehlungen", "Nord 2022", "Nord 2026", "Eving 2024", "-30,0 Pp.",
                   "+30,0 Pp.", "umgesetzt: erledigt im Mai", "2.3 Sauberkeit", f"Seite 2 von {len(reader.pages)}"):
        assert needle in flat, needle
    assert "Privatmann-Qwertz" not in text and b"Privatmann-Qwertz" not in pdf.read_bytes()
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["Labore", "Anteile Themen", "Anteile Handlungsfelder", "Daten", "Veränderung",
                             "Empfehlungen", "Info"]
    for ws in wb.worksheets:
        assert len(ws.tables) == 1 and ws.freeze_panes == "A2"
    labs_rows = list(wb["Labore"].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in labs_rows] == ["Eving 2024", "Nord 2022", "Nord 2026"]
    assert labs_rows[1][1] == dt.datetime(2022, 3, 1)
    change_rows = {r[1]: r for r in wb["Veränderung"].iter_rows(min_row=2, values_only=True)}
    assert change_rows["Müll"][10] == pytest.approx(-30.0)
    assert change_rows["Müll"][5] == pytest.approx(0.5) and change_rows["Müll"][9] == pytest.approx(0.2)
    shares = list(wb["Anteile Themen"].iter_rows(min_row=1, values_only=True))
    assert shares[0][0] == "Thema" and len(shares[0]) == 4
    with zipfile.ZipFile(xlsx) as zf:
        for name in zf.namelist():
            assert b"Privatmann-Qwertz" not in zf.read(name)


def test_sixteen_labs_with_tricky_texts(db, tmp_path):
    districts = list(labs.DORTMUND_DISTRICTS)
    with db.session() as s:
        for i in range(16):
            create_example_lab(s, f"Labor {i + 1:02d} {districts[i % 12]}", districts[i % 12],
                               dt.date(2022 + i // 6, 1 + i % 12, 10), cards=15, clusters=6 + i % 6,
                               recommendations=3, seed=i, tricky=i == 3, long_card=False)
        data = build_comparison(s)
    assert len(data.labs) == 16 and len(data.district_changes) == 4
    pdf = write_comparison_pdf(tmp_path / "v.pdf", data)
    write_comparison_xlsx(tmp_path / "v.xlsx", data)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    assert all(f"Labor {i + 1:02d}" in text for i in range(16))


def test_lab_names_in_narrow_column_headers_break_at_a_syllable_never_before_a_lone_letter(db, tmp_path):
    import re

    from quartierslabor_app.core.pdf_fonts import FONT_BOLD
    from quartierslabor_app.core.reports.comparison_pdf import LAB_COLUMN
    from quartierslabor_app.core.reports.pdf_text import wrap_label
    from reportlab.pdfbase import pdfmetrics

    with db.session() as s:
        for i, name in enumerate(("Quartierslabor Nordstadt", "Beispiel: Quartierslabor Eving",
                                  "Stadtteilkonferenzvorbereitung")):
            create_example_lab(s, name=name, date=dt.date(2024 + i, 5, 4), cards=12, clusters=3, recommendations=1,
                               tricky=False, long_card=False)
        data = build_comparison(s)
    pdf = write_comparison_pdf(tmp_path / "vergleich.pdf", data)
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Quartiers-\nlabor" in text
    lone = [line for line in text.splitlines() if re.fullmatch(r"[^\W\d_]{1,2}", line)]   # e.g. "r" of "Quartierslabo/r"
    assert lone == []
    for name in ("Quartierslabor Nordstadt", "Stadtteilkonferenzvorbereitung", "Innenstadt-Nord"):
        lines = wrap_label(name, FONT_BOLD, 8.5, LAB_COLUMN - 10).split("\n")
        assert all(pdfmetrics.stringWidth(line, FONT_BOLD, 8.5) <= LAB_COLUMN - 10 for line in lines), lines
        assert all(len(line.rstrip("-")) >= 3 for line in lines), lines
        assert re.sub(r"\W", "", "".join(lines)) == re.sub(r"\W", "", name)          # nothing lost or added
