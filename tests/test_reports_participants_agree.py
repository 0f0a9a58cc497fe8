"""The comparison counts participants like the lab report: invitees marked present plus walk-ins;
"nicht erfasst" (never 0) where attendance was not recorded; the same figure in PDF text and Excel."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from quartierslabor_app.core import attendance
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.reports import (build_comparison, build_lab_report, write_comparison_pdf,
                                             write_comparison_xlsx, write_lab_pdf, write_lab_xlsx)
from quartierslabor_app.core.reports.lab_data import NOT_RECORDED
from quartierslabor_app.core.storage.models import Card, Cluster, Invitee, Lab, ParticipationAggregate

PRESENT, WALK_INS = 7, 4


def _pdf_text(path: Path) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def _lab_with_walk_ins(s) -> Lab:
    lab = create_lab(s, "Hörde mit Gästen", "Hörde", dt.date(2026, 4, 20))
    for gender, pop in (("weiblich", 12000), ("männlich", 11500)):
        s.add(ParticipationAggregate(lab_id=lab.id, dimension="gender", category=gender, population=pop,
                                     invited=0, accepted=0, participants=0))
    invitees = [Invitee(lab_id=lab.id, draw_order=i + 1, age_band="25–44", gender="wm"[i % 2], district="Hörde",
                        subdistrict="Hörde", family_name=f"N{i}", given_names="V", street="S", postcode="44263",
                        city="Dortmund") for i in range(12)]
    s.add_all(invitees)
    s.flush()
    attendance.apply_marks(s, lab.id, [attendance.Mark("reply", tuple(i.id for i in invitees[:10]), "zugesagt"),
                                       attendance.Mark("attended", tuple(i.id for i in invitees[:PRESENT]), True)])
    attendance.set_walk_ins(s, lab.id, WALK_INS)
    cluster = Cluster(lab_id=lab.id, key="laerm", name="Lärm", position=0)
    s.add(cluster)
    s.flush()
    s.add(Card(lab_id=lab.id, cluster_id=cluster.id, text="Laute Musik nachts", votes=3))
    return lab


def _lab_without_attendance(s) -> Lab:
    lab = create_lab(s, "Eving ohne Liste", "Eving", dt.date(2026, 5, 4))
    s.add(ParticipationAggregate(lab_id=lab.id, dimension="gender", category="weiblich", population=9000,
                                 invited=5, accepted=3, participants=0))
    return lab


def test_walk_ins_count_the_same_in_lab_report_and_comparison(db, tmp_path):
    with db.session() as s:
        guests = _lab_with_walk_ins(s)
        unknown = _lab_without_attendance(s)
        s.flush()
        lab_data = build_lab_report(s, s.get(Lab, guests.id))
        comparison = build_comparison(s)
        guests_name, unknown_name = guests.name, unknown.name
    expected = PRESENT + WALK_INS
    assert lab_data.summary.participants == expected
    by_name = {lab.name: lab for lab in comparison.labs}
    assert by_name[guests_name].participants == expected
    assert by_name[unknown_name].participants is None        # not recorded: no 0

    lab_text = _pdf_text(write_lab_pdf(tmp_path / "bericht.pdf", lab_data))
    assert f"Teilnehmende {expected}" in lab_text
    comparison_text = _pdf_text(write_comparison_pdf(tmp_path / "vergleich.pdf", comparison))
    # overview row: district, date, name, participants, cards ...
    assert re.search(rf"Hörde 20\.04\.2026 Hörde mit Gästen {expected} 1 3 ", comparison_text), comparison_text
    assert re.search(r"Eving 04\.05\.2026 Eving ohne Liste nicht erfasst 0 0 ", comparison_text), comparison_text

    lab_wb = openpyxl.load_workbook(write_lab_xlsx(tmp_path / "bericht.xlsx", lab_data))
    info = {row[0]: row[1] for row in lab_wb["Info"].iter_rows(min_row=2, values_only=True)}
    assert info["Teilnehmende"] == expected
    comparison_wb = openpyxl.load_workbook(write_comparison_xlsx(tmp_path / "vergleich.xlsx", comparison))
    rows = list(comparison_wb["Labore"].iter_rows(values_only=True))
    column = rows[0].index("Teilnehmende")
    figures = {row[2]: row[column] for row in rows[1:]}
    assert figures == {guests_name: expected, unknown_name: NOT_RECORDED}


def test_comparison_window_shows_the_same_participants(qtbot, db, english):
    from quartierslabor_app.qt.reports.comparison_view import ComparisonView

    with db.session() as s:
        guests, unknown = _lab_with_walk_ins(s).name, _lab_without_attendance(s).name
    view = ComparisonView(db)
    qtbot.addWidget(view)
    table = view.labs_table
    names = [table.item(r, 2).text() for r in range(table.rowCount())]
    shown = {name: table.item(r, 3).text() for r, name in enumerate(names)}
    assert shown == {guests: str(PRESENT + WALK_INS), unknown: "not recorded"}
