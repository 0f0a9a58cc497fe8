"""ComparisonView: labs by district and date, shares, changes, recommendation status, exports."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.models import Card, Cluster, Recommendation
from quartierslabor_app.qt.reports.comparison_view import ALL_DISTRICTS, ComparisonView

# lab name, district, date, {cluster key: number of cards}, recommendations (title, status)
LABS = [
    ("Eving 2022", "Eving", dt.date(2022, 3, 10), {"muell": 3, "licht": 1},
     [("Sperrmülltag einführen", "umgesetzt"), ("Mehr Laternen", "in Arbeit")]),
    ("Eving 2026", "Eving", dt.date(2026, 3, 14), {"muell": 1, "licht": 3}, [("Lichtkonzept Park", "offen")]),
    ("Hörde 2024", "Hörde", dt.date(2024, 5, 2), {"muell": 2}, []),
]
NAMES = {"muell": ("Müll und Sauberkeit", "2.3"), "licht": ("Dunkle Wege", "1.2.3")}


@pytest.fixture
def labs(db):
    ids = {}
    with db.session() as s:
        for name, district, date, cards, recs in LABS:
            lab = create_lab(s, name, district, date)
            lab.participants_count = 20
            for pos, (key, n) in enumerate(cards.items()):
                cluster = Cluster(lab_id=lab.id, key=key, name=NAMES[key][0], position=pos,
                                  handlungsfeld_codes=NAMES[key][1])
                s.add(cluster)
                s.flush()
                for i in range(n):
                    s.add(Card(lab_id=lab.id, cluster_id=cluster.id, text=f"{key} {i}", votes=1))
            for title, status in recs:
                s.add(Recommendation(lab_id=lab.id, title=title, status=status, actor="EDG",
                                     handlungsfeld_codes="2.3"))
            s.flush()
            ids[name] = lab.id
    return ids


@pytest.fixture
def view(qtbot, db, labs):
    widget = ComparisonView(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def column(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def row_of(table, text, col=0):
    return column(table, col).index(text)


def test_labs_listed_by_district_and_date(view):
    assert view.district_combo.itemText(0) == ALL_DISTRICTS
    assert [view.district_combo.itemText(i) for i in range(1, view.district_combo.count())] == ["Eving", "Hörde"]
    assert column(view.labs_table, 2) == ["Eving 2022", "Eving 2026", "Hörde 2024"]
    assert column(view.labs_table, 1) == ["10.03.2022", "14.03.2026", "02.05.2024"]
    assert column(view.labs_table, 4) == ["4", "4", "2"]   # cards
    assert column(view.labs_table, 8) == ["1 von 2", "0 von 1", "–"]  # implemented recommendations
    # clicking the date header sorts by date, not by text
    view.labs_table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert column(view.labs_table, 2) == ["Eving 2022", "Hörde 2024", "Eving 2026"]


def test_shares_per_cluster_and_field(view):
    table = view.cluster_table
    assert table.columnCount() == 4  # topic + three labs
    muell = row_of(table, "Müll und Sauberkeit")
    licht = row_of(table, "Dunkle Wege")
    assert [table.item(muell, c).text() for c in (1, 2, 3)] == ["75 %", "25 %", "100 %"]
    assert [table.item(licht, c).text() for c in (1, 2, 3)] == ["25 %", "75 %", "–"]
    fields = view.field_table
    sauberkeit = row_of(fields, "2.3 Sauberkeit")
    assert [fields.item(sauberkeit, c).text() for c in (1, 2, 3)] == ["75 %", "25 %", "100 %"]


def test_changes_since_previous_lab_and_status(view):
    assert view.changes_stack.currentIndex() == 0
    table = view.changes_table
    assert set(column(table, 0)) == {"Eving"}  # Hörde has only one lab
    muell = row_of(table, "Müll und Sauberkeit", col=2)
    assert table.item(muell, 1).text() == "10.03.2022 → 14.03.2026"
    assert table.item(muell, 5).text() == "-50 Prozentpunkte"
    licht = row_of(table, "Dunkle Wege", col=2)
    assert table.item(licht, 5).text() == "+50 Prozentpunkte"

    recs = view.recs_table
    assert sorted(column(recs, 2)) == ["Lichtkonzept Park", "Mehr Laternen", "Sperrmülltag einführen"]
    assert recs.item(row_of(recs, "Sperrmülltag einführen", col=2), 6).text() == "umgesetzt"
    assert view.status_label.text().startswith("3 Empfehlungen: 1 offen, 1 in Arbeit, 1 umgesetzt")
    # only earlier labs: what became of the recommendations of Eving 2022
    view.earlier_only_check.setChecked(True)
    assert sorted(column(recs, 2)) == ["Mehr Laternen", "Sperrmülltag einführen"]
    assert view.status_label.text() == "2 Empfehlungen: 0 offen, 1 in Arbeit, 1 umgesetzt, 0 verworfen"


def test_district_filter(view):
    assert view.set_district("Hörde")
    assert column(view.labs_table, 2) == ["Hörde 2024"]
    assert view.cluster_table.columnCount() == 2
    assert view.changes_stack.currentIndex() == 1  # placeholder: no second lab yet
    assert view.recs_table.rowCount() == 0
    assert view.default_name(".pdf") == f"Quartierslabor_Vergleich_Hörde_{dt.date.today().isoformat()}.pdf"
    assert view.set_district(None)
    assert view.labs_table.rowCount() == 3


def test_export_comparison_pdf_and_excel(view, qtbot, tmp_path, monkeypatch):
    answers = [str(tmp_path / "vergleich.pdf"), str(tmp_path / "vergleich")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (answers.pop(0), "")))
    view.set_district("Eving")
    with qtbot.waitSignal(view.exportFinished, timeout=60000) as blocker:
        view.pdf_button.click()
    assert blocker.args == ["succeeded", str(tmp_path / "vergleich.pdf")]
    text = "\n".join(p.extract_text() or "" for p in PdfReader(str(tmp_path / "vergleich.pdf")).pages)
    assert "Eving 2022" in text and "Eving 2026" in text
    assert "Hörde 2024" not in text  # the district filter applies to the export

    with qtbot.waitSignal(view.exportFinished, timeout=60000) as blocker:
        view.xlsx_button.click()
    target = tmp_path / "vergleich.xlsx"
    assert blocker.args == ["succeeded", str(target)]
    wb = openpyxl.load_workbook(target)
    values = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert {"Eving 2022", "Eving 2026", "Sperrmülltag einführen"} <= values
    assert "Hörde 2024" not in values
    assert view.result_panel.path == target


def test_empty_database(qtbot, db):
    widget = ComparisonView(db)
    qtbot.addWidget(widget)
    assert widget.labs_table.rowCount() == 0
    assert not widget.pdf_button.isEnabled() and not widget.xlsx_button.isEnabled()
    assert "Noch keine Quartierslabore" in widget.summary_label.text()
    with db.session() as s:
        create_lab(s, "Neues Labor", "Scharnhorst", dt.date(2026, 9, 1))
    widget.refresh()
    assert column(widget.labs_table, 2) == ["Neues Labor"]
    assert widget.pdf_button.isEnabled()


def test_english_lab_table_headers_are_capitalised_and_name_the_status_as_the_recommendations_do(qtbot, english,
                                                                                                  db, labs):
    from quartierslabor_app.qt.recommendations.choice_labels import choice_label

    widget = ComparisonView(db)
    qtbot.addWidget(widget)
    table = widget.labs_table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert all(h[:1].isupper() for h in headers), headers
    assert headers[8].casefold() == choice_label("umgesetzt").casefold() == "done"
