"""Lab report: data builder, PDF and Excel written, re-opened and checked (incl. tricky texts)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from quartierslabor_app.core import recommendations as rx
from quartierslabor_app.core.reports import build_lab_report, write_lab_pdf, write_lab_xlsx
from quartierslabor_app.core.reports.example_data import TRICKY_TEXTS, create_example_lab
from quartierslabor_app.core.storage.models import Invitee

SECRET_NAMES = ("Geheimnisträgerin", "Zzyzx-Mustermann", "Verborgenweg 77")
ARABIC = "النظافة في الحديقة سيئة جدا"
LONG_CARD_START = "Sehr langes Anliegen über den Zustand des Quartiers."


@pytest.fixture
def lab_data(db):
    with db.session() as s:
        lab = create_example_lab(s, cards=60, recommendations=12)
        # personal data that must never reach an export
        s.add(Invitee(lab_id=lab.id, draw_order=1, family_name=SECRET_NAMES[1], given_names=SECRET_NAMES[0],
                      street=SECRET_NAMES[2], postcode="44147", city="Dortmund", age_band="25–44", gender="w"))
        rx.create_recommendation(s, lab, "=HYPERLINK(\"http://x\")", text="@alle <b>&amp; -", actor="+Polizei",
                                 handlungsfeld_codes="2.3")
        from quartierslabor_app.core.storage.models import Card
        s.add(Card(lab_id=lab.id, cluster_id=lab.clusters[0].id, text="Gelöschte Karte Xylophon", votes=9,
                   deleted=True))
        s.flush()
        data = build_lab_report(s, lab)
    return data


def _pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_data_builder_counts_and_groups(lab_data):
    d = lab_data
    assert d.summary.cards == 60 == len(d.cards)
    assert d.summary.recommendations == 13
    assert d.summary.votes == sum(c.total_votes for c in d.clusters)
    assert d.summary.participants == 27                         # lab.participants_count
    assert [t.votes for t in d.summary.top_clusters] == sorted((t.votes for t in d.summary.top_clusters),
                                                               reverse=True)
    ages = next(t for t in d.participation if t.dimension == "age_band")
    assert ages.total_population == 58000
    assert abs(sum(r.population_share for r in ages.rows) - 1) < 1e-9
    assert abs(sum(r.participant_share for r in ages.rows) - 1) < 1e-9
    gender = next(t for t in d.participation if t.dimension == "gender")
    assert {r.category for r in gender.rows} == {"weiblich", "männlich", "divers"}
    codes = [g.code for g in d.recommendation_groups]
    assert codes == sorted(codes, key=rx.code_sort_key)
    assert sum(len(g.recommendations) for g in d.recommendation_groups) == 13
    for g in d.recommendation_groups:
        prios = [{"hoch": 0, "mittel": 1, "niedrig": 2}[r.priority] for r in g.recommendations]
        assert prios == sorted(prios)
    # cards inside a cluster: most votes first
    for section in d.clusters:
        votes = [c.votes for c in section.cards]
        assert votes == sorted(votes, reverse=True)


def test_pdf_content_tricky_texts_and_no_personal_data(lab_data, tmp_path):
    path = write_lab_pdf(tmp_path / "bericht.pdf", lab_data)
    raw = path.read_bytes()
    assert raw.startswith(b"%PDF")
    reader = PdfReader(str(path))
    pages = len(reader.pages)
    assert pages >= 5
    text = _pdf_text(path)
    flat = _flat(text)
    for heading in ("Inhalt", "Zusammenfassung", "Teilnehmende", "Anliegen nach Themen", "Handlungsempfehlungen",
                    "Altersgruppe", "Geschlecht", "Stadtteil"):
        assert heading in text, heading
    assert "Beispiel Nordstadt" in text and "Innenstadt-Nord" in text and "14.03.2026" in text
    assert "Dietrich-Keuning-Haus" in text
    assert f"Seite 2 von {pages}" in text and f"Seite {pages} von {pages}" in text
    assert "Seite 1 von" not in text                             # title page without footer
    for tricky in TRICKY_TEXTS[:4]:
        assert tricky in flat, tricky
    assert "<b>fett</b> & Co. <script>" in flat                   # escaped, printed literally
    assert "ağaçların altı çok kirli – İyi akşamlar, ışık yok" in flat
    assert "leżą śmieci, źle oświetlona ulica łączy szkołę" in flat
    assert ARABIC in flat                                          # shaped letters, logical text recovered
    assert "Zu wenig Licht [Emoji] und [Emoji] Familien haben Angst [Emoji]" in flat
    assert flat.count("Sehr langes Anliegen über den Zustand des Quartiers") >= 40   # 2,000 chars, wrapped
    assert "2.3 Sauberkeit" in text
    assert "=HYPERLINK" in flat and "+Polizei" in flat
    for secret in SECRET_NAMES:
        assert secret not in text
        assert secret.encode() not in raw
    assert "Xylophon" not in text                                  # deleted cards are not reported
    # every card text is in the PDF verbatim (modulo wrapping)
    for card in lab_data.cards:
        if card.text.isascii():
            assert _flat(card.text) in flat


def test_pdf_embeds_only_shipped_fonts(lab_data, tmp_path):
    path = write_lab_pdf(tmp_path / "bericht.pdf", lab_data)
    reader = PdfReader(str(path))
    fonts = {}
    for page in reader.pages:
        for name, ref in (page["/Resources"].get("/Font") or {}).items():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts, "no fonts found"
    for base, font in fonts.items():
        descendants = font.get("/DescendantFonts")
        desc = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
        assert desc is not None and "/FontFile2" in desc.get_object(), f"{base} is not embedded"
        assert "DejaVuSans" in base


def test_excel_sheets_tables_dates_and_no_formulas(lab_data, tmp_path):
    path = write_lab_xlsx(tmp_path / "bericht.xlsx", lab_data)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Empfehlungen", "Anliegen", "Themen", "Teilnahme", "Info"]
    for ws in wb.worksheets:
        assert len(ws.tables) == 1, ws.title
        table = next(iter(ws.tables.values()))
        assert table.ref.startswith("A1:")
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.b
    cards = wb["Anliegen"]
    header = [c.value for c in cards[1]]
    assert header == ["Nr.", "Anliegen", "Thema", "Punkte", "Ort", "Tisch", "Warum in diesem Thema"]
    # the reason for each card's place, in German like the whole report
    for row in cards.iter_rows(min_row=2, values_only=True):
        assert row[6] == f"{row[2]} – Thema aus der Importdatei", row
    texts = {row[1] for row in cards.iter_rows(min_row=2, values_only=True)}
    for tricky in TRICKY_TEXTS:
        assert tricky in texts, tricky
    assert ARABIC in texts
    for row in cards.iter_rows(min_row=2):
        cell = row[1]
        assert cell.data_type == "s"
        if cell.value.startswith(("=", "+", "-", "@")):
            assert cell.quotePrefix
    assert cards.column_dimensions["B"].width >= 50
    assert "Gelöschte Karte Xylophon" not in texts
    assert len(cards["A"]) == 61
    recs = wb["Empfehlungen"]
    titles = [r[1] for r in recs.iter_rows(min_row=2, values_only=True)]
    assert '=HYPERLINK("http://x")' in titles
    assert all(isinstance(r[14], dt.datetime) for r in recs.iter_rows(min_row=2, values_only=True))
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(min_row=2, values_only=True)}
    assert info["Datum"] == dt.datetime(2026, 3, 14)
    assert wb["Info"]["B4"].number_format == "DD.MM.YYYY"
    assert wb["Teilnahme"]["C2"].number_format == "#,##0" and wb["Teilnahme"]["C2"].value == 9000
    assert info["Software"].startswith("Quartierslabor ")
    assert isinstance(info["Exportiert am"], dt.datetime)
    clusters = wb["Themen"]
    shares = [r[3] for r in clusters.iter_rows(min_row=2, values_only=True)]
    assert abs(sum(shares) - 1) < 1e-9
    part = wb["Teilnahme"]
    assert part.max_row == 11                                        # 4 ages + 3 genders + 3 subdistricts + header
    # the raw XML: not a single formula anywhere, and no personal data
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            xml = zf.read(name).decode("utf-8", "replace")
            if name.startswith("xl/worksheets/sheet"):
                assert not re.search(r"<f[ >]", xml), name
            for secret in SECRET_NAMES:
                assert secret not in xml


def test_empty_lab_exports_cleanly(db, tmp_path):
    from quartierslabor_app.core import labs
    with db.session() as s:
        lab = labs.create_lab(s, "Leeres Labor", "Mengede", dt.date(2026, 1, 10))
        data = build_lab_report(s, lab)
    pdf = write_lab_pdf(tmp_path / "leer.pdf", data)
    xlsx = write_lab_xlsx(tmp_path / "leer.xlsx", data)
    text = _pdf_text(pdf)
    assert "Es wurden keine Anliegen erfasst." in text
    assert "keine Teilnahmedaten" in text
    wb = openpyxl.load_workbook(xlsx)
    assert wb["Anliegen"].max_row == 1
    assert next(iter(wb["Anliegen"].tables.values())).ref == "A1:G2"


def test_progress_is_reported(lab_data, tmp_path):
    seen: list[tuple[float, str]] = []
    write_lab_pdf(tmp_path / "p.pdf", lab_data, progress=lambda f, m: seen.append((f, m)))
    assert seen[0][0] == 0.0 and seen[-1][0] == 1.0
    assert all(0.0 <= f <= 1.0 for f, _ in seen)
    assert seen[-1][1] == "PDF-Bericht gespeichert."


def test_markup_in_cluster_and_recommendation_names(db, tmp_path):
    """User text in headings (table of contents, outline) is escaped too."""
    from quartierslabor_app.core import labs
    from quartierslabor_app.core.storage.models import Card, Cluster
    with db.session() as s:
        lab = labs.create_lab(s, "Labor <i>&</i>", "Eving", dt.date(2026, 2, 2))
        cluster = Cluster(lab_id=lab.id, key="x", name="Müll </b> & <Co>", handlungsfeld_codes="2.3")
        s.add(cluster)
        s.flush()
        s.add(Card(lab_id=lab.id, cluster_id=cluster.id, text="a < b & c > d", votes=2))
        s.add(Card(lab_id=lab.id, cluster_id=None, text="Noch nicht zugeordnet", votes=1))
        rx.create_recommendation(s, lab, "Titel </para> & <b>", cluster=cluster)
        data = build_lab_report(s, lab)
    text = _flat(_pdf_text(write_lab_pdf(tmp_path / "m.pdf", data)))
    assert text.count("Müll </b> & <Co>") >= 3            # TOC, heading, chart/summary
    assert "a < b & c > d" in text and "Titel </para> & <b>" in text and "Labor <i>&</i>" in text
    assert "Ohne Thema" in text and "Noch nicht zugeordnet" in text
    assert [c.name for c in data.clusters] == ["Müll </b> & <Co>", "Ohne Thema"]
    assert data.summary.clusters == 1 and data.summary.cards == 2


@pytest.mark.parametrize("name, heading", [("Nordstadt", "Quartierslabor Nordstadt"),
                                           ("Quartierslabor Nordstadt", "Quartierslabor Nordstadt"),
                                           ("Beispiel: Quartierslabor Eving", "Beispiel: Quartierslabor Eving")])
def test_pdf_and_workbook_name_the_lab_without_saying_quartierslabor_twice(db, tmp_path, name, heading):
    with db.session() as s:
        data = build_lab_report(s, create_example_lab(s, name=name, cards=12, clusters=3, recommendations=2))
    path = write_lab_pdf(tmp_path / "bericht.pdf", data)
    text = _pdf_text(path)
    assert not re.search(r"Quartierslabor\s+Quartierslabor", text)
    assert text.count(heading) >= len(PdfReader(str(path)).pages) - 1      # the running head of every page
    assert PdfReader(str(path)).metadata.title.startswith(f"{heading} – ")
    book = write_lab_xlsx(tmp_path / "bericht.xlsx", data)
    assert openpyxl.load_workbook(book).properties.title == heading


def test_linked_concerns_label_keeps_its_count_on_one_line(lab_data, tmp_path):
    text = _pdf_text(write_lab_pdf(tmp_path / "bericht.pdf", lab_data))
    assert re.search(r"Anliegen\s*\(\d+[ \u00a0]Punkte?\)", text)
    assert not re.search(r"\(\d+\s*\n\s*Punkte?\)", text), "a count split over two lines"
