"""CLI round trip: lab create -> cards import -> export (lab and comparison); refusals exit 2."""
from __future__ import annotations

import openpyxl
from pypdf import PdfReader

from quartierslabor_app.cli.main import main


def test_round_trip(tmp_path, capsys):
    db = str(tmp_path / "q.sqlite3")
    cards = tmp_path / "karten.csv"
    cards.write_text("text;cluster;votes;place\n"
                     "Müll und Sperrmüll an der Ecke;;5;Marktplatz\n"
                     "+49 170 1234567 ist die Nummer vom Hausmeister;Sonstiges;1;\n"
                     "@alle: mehr Licht im Park bitte;;2;Park\n"
                     "<b>& Zu laut nachts</b> <i>;;0;\n", encoding="utf-8")
    assert main(["lab", "create", "--db", db, "--name", "Hörde 2026", "--district", "Hörde",
                 "--date", "2026-05-09"]) == 0
    assert main(["lab", "create", "--db", db, "--name", "Hörde 2022", "--district", "Hörde",
                 "--date", "2022-05-07"]) == 0
    assert main(["cards", "import", "--db", db, "--lab", "Hörde 2026", str(cards)]) == 0
    out = capsys.readouterr().out
    assert "4 Karten aus „karten.csv“ importiert" in out
    pdf, xlsx = tmp_path / "bericht.pdf", tmp_path / "bericht.xlsx"
    assert main(["export", "--db", db, "--lab", "Hörde 2026", "--pdf", str(pdf), "--xlsx", str(xlsx)]) == 0
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    assert "Hörde 2026" in text and "Müll und Sperrmüll an der Ecke" in text
    assert "<b>& Zu laut nachts</b> <i>" in text
    wb = openpyxl.load_workbook(xlsx)
    texts = {r[1] for r in wb["Anliegen"].iter_rows(min_row=2, values_only=True)}
    assert "+49 170 1234567 ist die Nummer vom Hausmeister" in texts
    cpdf, cxlsx = tmp_path / "vergleich.pdf", tmp_path / "vergleich.xlsx"
    assert main(["export", "--db", db, "--compare", "--district", "Hörde", "--pdf", str(cpdf),
                 "--xlsx", str(cxlsx)]) == 0
    assert "Vergleich der Quartierslabore" in PdfReader(str(cpdf)).pages[0].extract_text()
    assert [r[2] for r in openpyxl.load_workbook(cxlsx)["Labore"].iter_rows(min_row=2, values_only=True)] == \
        ["Hörde 2022", "Hörde 2026"]


def test_refusals_exit_2_and_write_nothing(tmp_path, capsys):
    db = str(tmp_path / "q.sqlite3")
    assert main(["lab", "create", "--db", db, "--name", "L", "--district", "Eving"]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("text;votes\nok;1\nnicht ok;viele\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["cards", "import", "--db", db, "--lab", "L", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Datei „bad.csv“, Zeile 3, Spalte „votes“" in err
    target = tmp_path / "x.pdf"
    assert main(["export", "--db", db, "--lab", "Gibt es nicht", "--pdf", str(target)]) == 2
    assert "Es gibt kein Quartierslabor „Gibt es nicht“" in capsys.readouterr().err
    assert main(["export", "--db", db, "--lab", "L"]) == 2
    assert "--pdf DATEI, --xlsx DATEI und/oder --board-png DATEI" in capsys.readouterr().err
    assert main(["export", "--db", db, "--lab", "L", "--pdf", str(tmp_path / "x.xlsx")]) == 2
    assert main(["export", "--db", db, "--compare", "--district", "Mengede", "--pdf", str(target)]) == 2
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx", ".tmp")) == []


def test_db_defaults_to_app_database(isolated_data_dir, tmp_path):
    assert main(["lab", "create", "--name", "Standard", "--district", "Brackel"]) == 0
    out = tmp_path / "s.xlsx"
    assert main(["export", "--lab", "Standard", "--xlsx", str(out)]) == 0
    assert openpyxl.load_workbook(out)["Info"]["B2"].value == "Standard"
    assert (isolated_data_dir / "quartierslabor.sqlite3").exists()
