"""Cards import from CSV/XLSX: auto clustering, named clusters, refusals, all-or-nothing."""
from __future__ import annotations

import json

import openpyxl
import pytest
from sqlalchemy import func, select

from quartierslabor_app.core import labs
from quartierslabor_app.core.card_reasons import card_reason_message
from quartierslabor_app.core.cards_import import import_cards
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.storage.models import Card, Cluster


def _write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def db(any_db):
    """Every import test runs on SQLite and on a real PostgreSQL server."""
    return any_db


@pytest.fixture
def lab_id(db):
    with db.session() as s:
        lab = labs.create_lab(s, "Import-Labor", "Hörde")
        s.add(Cluster(lab_id=lab.id, key="eigene-hunde", name="Hundekot", origin="user", position=0))
        return lab.id


def _count(db, model, lab_id):
    with db.session() as s:
        return s.scalar(select(func.count(model.id)).where(model.lab_id == lab_id))


def test_csv_with_auto_and_named_clusters(db, lab_id, tmp_path):
    path = tmp_path / "karten.csv"
    path.write_text("text;cluster;votes;place\n"
                    "Überall liegt Müll und Sperrmüll am Straßenrand;;3;Nordmarkt\n"
                    "Volle Mülleimer und wilder Müll im Park;;2;\n"
                    "Nachts laute Musik und Gegröle;;1;\n"
                    "Hundehaufen auf dem Gehweg;hundekot;4;Hörder Burg\n"
                    "=SUMME(A1);Eigenes Thema;0;\n"
                    ";;;\n", encoding="utf-8")
    progress = []
    with db.session() as s:
        lab = labs.get_lab(s, lab_id)
        summary = import_cards(s, lab, path, progress=lambda f, m: progress.append(f))
    assert summary.cards_imported == 5 and summary.auto_clustered == 3 and summary.given_cluster == 2
    assert summary.votes_total == 10
    assert "Eigenes Thema" in summary.clusters_created
    assert "Hundekot" not in summary.clusters_created         # matched the existing cluster by key
    assert progress[0] == 0.0 and progress[-1] == 1.0
    with db.session() as s:
        cards = {c.text: c for c in s.scalars(select(Card).where(Card.lab_id == lab_id))}
        a = cards["Überall liegt Müll und Sperrmüll am Straßenrand"]
        b = cards["Volle Mülleimer und wilder Müll im Park"]
        assert a.cluster_id == b.cluster_id                     # both about waste
        assert "2.3" in a.cluster.handlungsfeld_codes.split(";")
        assert a.cluster.origin == "taxonomy" and a.assigned_by == "auto" and a.reason
        assert (a.votes, a.place) == (3, "Nordmarkt")
        noise = cards["Nachts laute Musik und Gegröle"]
        assert noise.cluster_id != a.cluster_id
        dog = cards["Hundehaufen auf dem Gehweg"]
        assert dog.cluster.name == "Hundekot" and dog.assigned_by == "import"
        # the reason is stored as data beside the German text
        assert json.loads(a.reason_data)["kind"] == "cues" and str(card_reason_message("", a.reason_data)) == a.reason
        assert json.loads(dog.reason_data)["kind"] == "imported" and dog.reason == "Hundekot – Thema aus der Importdatei"
        own = cards["=SUMME(A1)"]
        assert own.cluster.origin == "user" and own.cluster.name == "Eigenes Thema"


def test_xlsx_with_german_headers_and_float_votes(db, lab_id, tmp_path):
    path = _write_xlsx(tmp_path / "karten.xlsx", [
        ["Quartierslabor Hörde – abgetippte Karten"],
        [],
        ["Anliegen", "Thema", "Punkte", "Ort"],
        ["Dunkle Unterführung am Bahnhof", "HUNDEKOT", 2.0, "Bahnhof"],
        ["Şu parkta ışık yok – çok karanlık", None, None, None],
        ["Na placu leżą śmieci 😀", "", 1, ""],
        ["ش" * 10 + " النظافة", None, 0, None],
    ])
    with db.session() as s:
        summary = import_cards(s, labs.get_lab(s, lab_id), path)
    assert summary.cards_imported == 4
    with db.session() as s:
        texts = dict(s.execute(select(Card.text, Card.votes).where(Card.lab_id == lab_id)).all())
    assert texts["Dunkle Unterführung am Bahnhof"] == 2
    assert "Quartierslabor Hörde – abgetippte Karten" not in texts
    assert texts["Na placu leżą śmieci 😀"] == 1
    assert "Şu parkta ışık yok – çok karanlık" in texts


def test_cp1252_csv_with_commas(db, lab_id, tmp_path):
    path = tmp_path / "alt.csv"
    path.write_bytes("text,votes\nMüll an der Straße,2\n\"Lärm, nachts\",1\n".encode("cp1252"))
    with db.session() as s:
        summary = import_cards(s, labs.get_lab(s, lab_id), path)
    assert summary.cards_imported == 2
    with db.session() as s:
        assert set(s.scalars(select(Card.text))) == {"Müll an der Straße", "Lärm, nachts"}


@pytest.mark.parametrize("content, row, column, words", [
    ("titel;votes\nA;1\n", 1, "text", "Die Spalte „text“ fehlt"),
    ("text;votes\nA;1\n;2\n", 3, "text", "Der Text der Karte ist leer"),
    ("text;votes\nA;1\nB;drei\n", 3, "votes", "„drei“ ist keine ganze Zahl"),
    ("text;votes\nA;1\nB;-2\n", 3, "votes", "„-2“ ist keine ganze Zahl"),
    ("text;votes\nA;1\n" + "x" * 2001 + ";1\n", 3, "text", "zu lang (2001 Zeichen"),
    ("text;votes\n", None, None, "keine Karten"),
])
def test_refusals_name_file_row_column_and_write_nothing(db, lab_id, tmp_path, content, row, column, words):
    path = tmp_path / "karten.csv"
    path.write_text(content, encoding="utf-8")
    clusters_before = _count(db, Cluster, lab_id)
    with pytest.raises(UserError) as exc:
        with db.session() as s:
            import_cards(s, labs.get_lab(s, lab_id), path)
    err = exc.value
    assert words in str(err)
    assert err.file == "karten.csv" and err.row == row and err.column == column
    assert "Datei „karten.csv“" in str(err)
    assert _count(db, Card, lab_id) == 0
    assert _count(db, Cluster, lab_id) == clusters_before


def test_all_or_nothing_when_database_write_fails(db, lab_id, tmp_path, monkeypatch):
    """A failure after clusters were created rolls everything back."""
    from quartierslabor_app.core import cards_import
    path = tmp_path / "karten.csv"
    path.write_text("text;cluster\nA;Ganz neues Thema\nMüll überall;\n", encoding="utf-8")
    clusters_before = _count(db, Cluster, lab_id)

    def fail(*args, **kwargs):
        raise RuntimeError("Festplatte voll")

    monkeypatch.setattr(cards_import, "_auto_assign", fail)
    with pytest.raises(RuntimeError):
        with db.session() as s:
            import_cards(s, labs.get_lab(s, lab_id), path)
    assert _count(db, Card, lab_id) == 0
    assert _count(db, Cluster, lab_id) == clusters_before


def test_wrong_file_types(db, lab_id, tmp_path):
    doc = tmp_path / "karten.docx"
    doc.write_bytes(b"PK\x03\x04")
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"not a zip")
    with db.session() as s:
        lab = labs.get_lab(s, lab_id)
        with pytest.raises(UserError, match="Dateityp „.docx“ wird nicht unterstützt"):
            import_cards(s, lab, doc)
        with pytest.raises(UserError, match="Excel-Datei lässt sich nicht öffnen"):
            import_cards(s, lab, broken)
        with pytest.raises(UserError, match="Die Datei wurde nicht gefunden"):
            import_cards(s, lab, tmp_path / "fehlt.csv")


def test_refusal_names_the_column_as_written_in_the_file(db, lab_id, tmp_path):
    path = _write_xlsx(tmp_path / "punkte.xlsx", [["Anliegen", "Punkte"], ["ok", 1], [None, None], ["schlecht", "x"]])
    with pytest.raises(UserError) as exc:
        with db.session() as s:
            import_cards(s, labs.get_lab(s, lab_id), path)
    assert str(exc.value).startswith("Datei „punkte.xlsx“, Zeile 4, Spalte „Punkte“: „x“ ist keine ganze Zahl.")
