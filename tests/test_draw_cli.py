"""``quartierslabor draw``: success paths and refusals (exit 2, German message, nothing written)."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from quartierslabor_app.cli.main import main
from quartierslabor_app.core.demo import (generate_register, write_register_csv, write_register_xlsx,
                                          write_street_directory)
from quartierslabor_app.core.draw import seed_digest


@pytest.fixture(scope="module")
def demo_rows():
    return generate_register(3000, seed=11)


@pytest.fixture
def register_csv(tmp_path: Path, demo_rows) -> Path:
    return write_register_csv(tmp_path / "melderegister.csv", demo_rows)


def _read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(["draw", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_draw_success_writes_list_protocol_letters(tmp_path: Path, register_csv: Path, capsys):
    out, prot, letters = tmp_path / "liste.xlsx", tmp_path / "protokoll.pdf", tmp_path / "briefe.pdf"
    code, stdout, err = _run(capsys, register_csv, "--size", 30, "--seed", "Lotto 5 9 17", "--out", out,
                             "--protocol", prot, "--letters", letters, "--replacements", 6,
                             "--venue", "Bürgerhaus", "--event-date", "2026-04-18", "--event-time", "10 bis 14 Uhr")
    assert code == 0, err
    assert out.is_file() and prot.is_file() and letters.is_file()
    assert seed_digest("Lotto 5 9 17") in stdout
    assert "3.000 gelesen" in stdout and "teilnahmeberechtigt" in stdout and "Schichten:" in stdout
    assert "30 Einladungen, 6 Nachrücker" in stdout
    pages = PdfReader(str(letters)).pages
    assert len(pages) == 60   # each letter: invitation, then the Art. 13 DSGVO information on the back
    back = pages[1].extract_text()
    assert "Art. 13 DSGVO" in back and "§ 46 Bundesmeldegesetz" in back and "3 Monate nach dem Quartierslabor" in back
    assert "Ihr Antwortcode" in pages[0].extract_text()
    assert (tmp_path / "protokoll.json").is_file()
    import openpyxl
    assert openpyxl.load_workbook(out).active.max_row == 37
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_same_call_same_list_new_seed_new_list(tmp_path: Path, register_csv: Path, capsys):
    lists = []
    for i, seed in enumerate(("Würfel 3-6-1", "Würfel 3-6-1", "Würfel 2-2-5")):
        out = tmp_path / f"liste{i}.csv"
        code, _, err = _run(capsys, register_csv, "--size", 40, "--seed", seed, "--out", out,
                            "--strata", "district,age,gender", "--age-bands", "16,30,50,70")
        assert code == 0, err
        lists.append(out.read_bytes())
    assert lists[0] == lists[1]
    assert lists[0] != lists[2]


def test_exclude_earlier_list_and_store_in_lab(tmp_path: Path, register_csv: Path, capsys):
    db = tmp_path / "app.sqlite3"
    assert main(["lab", "create", "--name", "Eving 2026", "--district", "Eving", "--db", str(db)]) == 0
    first = tmp_path / "erste.csv"
    code, stdout, err = _run(capsys, register_csv, "--size", 50, "--seed", "eins", "--out", first,
                             "--lab", "Eving 2026", "--db", db)
    assert code == 0, err
    assert "Gespeichert im Quartierslabor „Eving 2026“" in stdout
    second = tmp_path / "zweite.csv"
    code, stdout, err = _run(capsys, register_csv, "--size", 50, "--seed", "zwei", "--out", second,
                             "--exclude", first)
    assert code == 0, err
    key_col = _read_csv(first)[0].index("Personenschlüssel")
    keys1 = {r[key_col] for r in _read_csv(first)[1:]}
    keys2 = {r[key_col] for r in _read_csv(second)[1:]}
    assert len(keys1) == 50 and not (keys1 & keys2)
    assert "50 ausgeschlossen" in stdout
    third = tmp_path / "dritte.csv"
    code, stdout, err = _run(capsys, register_csv, "--size", 50, "--seed", "eins", "--out", third,
                             "--exclude-history", "--db", db)
    assert code == 0, err
    keys3 = {r[key_col] for r in _read_csv(third)[1:]}
    assert not (keys1 & keys3)
    from quartierslabor_app.core.storage.database import open_database
    from quartierslabor_app.core.storage.models import Invitee
    from sqlalchemy import func, select
    database = open_database(db)
    with database.session() as s:
        assert s.scalar(select(func.count(Invitee.id))) == 50
    database.dispose()


def test_street_directory_supplies_the_district(tmp_path: Path, demo_rows, capsys):
    reg = write_register_csv(tmp_path / "ohne_bezirk.csv", demo_rows[:1500], with_district=False)
    directory = write_street_directory(tmp_path / "strassen.csv", demo_rows[:1500])
    out = tmp_path / "liste.csv"
    code, _, err = _run(capsys, reg, "--size", 20, "--seed", "s", "--out", out)
    assert code == 2 and "Stadtbezirk" in err and not out.exists()
    code, stdout, err = _run(capsys, reg, "--size", 20, "--seed", "s", "--out", out, "--street-directory", directory)
    assert code == 0, err
    assert out.is_file()


def test_xlsx_register_and_no_household_rule(tmp_path: Path, demo_rows, capsys):
    reg = write_register_xlsx(tmp_path / "register.xlsx", demo_rows[:1200])
    out = tmp_path / "liste.csv"
    code, stdout, err = _run(capsys, reg, "--size", 25, "--seed", "x", "--out", out, "--no-household-rule",
                             "--strata", "age,gender", "--min-age", 18, "--oversample", "age:18–24=1,5")
    assert code == 0, err
    assert "Haushaltsregel aus" in stdout
    rows = _read_csv(out)
    assert len(rows) == 26


# --------------------------------------------------------------------------- refusals

def _bad_register(tmp_path: Path) -> Path:
    lines = ["Familienname;Vorname;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Ort;Stadtbezirk"]
    for i in range(30):
        lines.append(f"Muster{i};Erika;0{1 + i % 9}.03.1980;w;Hauptstraße;{i + 1};44137;Dortmund;Eving")
    lines[3] = "Kaputt;Karl;31.02.1975;m;Hauptstraße;99;44137;Dortmund;Eving"
    lines[7] = "Unbekannt;Uli;01.01.1990;q;Hauptstraße;98;44137;Dortmund;Eving"
    path = tmp_path / "fehler.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    return path


def test_invalid_rows_refused_with_row_and_column_unless_skipped(tmp_path: Path, capsys):
    reg = _bad_register(tmp_path)
    out = tmp_path / "liste.csv"
    code, _, err = _run(capsys, reg, "--size", 5, "--seed", "s", "--out", out, "--protocol", tmp_path / "p.pdf")
    assert code == 2
    assert "fehler.csv" in err and "Zeile 4" in err and "Geburtsdatum" in err
    assert "Zeile 8" in err and "Geschlecht" in err
    assert "2 ungültige Zeilen (2 Probleme)" in err and "--skip-invalid" in err
    assert "Traceback" not in err
    assert not out.exists() and not (tmp_path / "p.pdf").exists()
    code, stdout, err = _run(capsys, reg, "--size", 28, "--seed", "s", "--out", out, "--skip-invalid")
    assert code == 0, err
    assert "28 gültig" in stdout
    names = {r[0] for r in _read_csv(out)[1:]}
    assert len(names) == 28 and "Kaputt" not in names and "Unbekannt" not in names
    code, _, err = _run(capsys, reg, "--size", 29, "--seed", "s", "--out", tmp_path / "x.csv", "--skip-invalid")
    assert code == 2 and "nur 28 Personen" in err


@pytest.mark.parametrize("extra, expected", [
    (["--size", "5000"], "teilnahmeberechtigt"),
    (["--size", "0"], "mindestens 1"),
    (["--strata", "subdistrict,age"], "Statistischer Bezirk"),
    (["--strata", "religion"], "Schichtungsmerkmal"),
    (["--age-bands", "16,zwanzig"], "Altersgrenzen"),
    (["--oversample", "age:99=2"], "Übergewichtung"),
    (["--reference-date", "31.02.2026"], "Stichtag"),
    (["--seed", "   "], "Startwert"),
])
def test_refusals_exit_2_german_no_traceback_nothing_written(tmp_path: Path, demo_rows, capsys, extra, expected):
    reg = write_register_csv(tmp_path / "reg.csv", demo_rows[:300],
                             columns=[("Familienname", "family_name"), ("Vorname", "given_names"),
                                      ("Geburtsdatum", "birth_date"), ("Geschlecht", "gender"),
                                      ("Straße", "street"), ("Hausnummer", "house_number"), ("PLZ", "postcode"),
                                      ("Ort", "city"), ("Stadtbezirk", "district")])
    out = tmp_path / "liste.xlsx"
    args = [reg, "--seed", "s", "--size", "10", "--out", out, "--protocol", tmp_path / "p.pdf",
            "--letters", tmp_path / "b.pdf"]
    code, _, err = _run(capsys, *args, *extra)
    assert code == 2, err
    assert expected in err
    assert err.startswith("Fehler")
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reg.csv", "userdata"]


def test_refusals_for_files(tmp_path: Path, register_csv: Path, capsys):
    code, _, err = _run(capsys, tmp_path / "gibtsnicht.csv", "--size", 5, "--seed", "s", "--out", tmp_path / "l.csv")
    assert code == 2 and "gibtsnicht.csv" in err
    code, _, err = _run(capsys, register_csv, "--size", 5, "--seed", "s", "--out", tmp_path / "l.txt")
    assert code == 2 and ".csv oder .xlsx" in err
    code, _, err = _run(capsys, register_csv, "--size", 5, "--seed", "s", "--out", tmp_path / "nicht" / "l.csv")
    assert code == 2 and "Ordner" in err
    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    code, _, err = _run(capsys, empty, "--size", 5, "--seed", "s", "--out", tmp_path / "l.csv")
    assert code == 2 and "leer.csv" in err
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 40)
    code, _, err = _run(capsys, junk, "--size", 5, "--seed", "s", "--out", tmp_path / "l.csv")
    assert code == 2 and "junk.csv" in err
    assert not (tmp_path / "l.csv").exists()


def test_subprocess_refusal_has_no_traceback(tmp_path: Path):
    reg = _bad_register(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "quartierslabor_app", "draw", str(reg), "--size", "3", "--seed",
                           "s", "--out", str(tmp_path / "l.csv")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "Zeile 4" in proc.stderr


def test_one_person_one_household_summary_in_the_singular(tmp_path: Path, capsys):
    reg = tmp_path / "eine.csv"
    reg.write_text("Familienname;Vorname;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Ort;Stadtbezirk\r\n"
                   "Muster;Erika;01.03.1980;w;Hauptstraße;1;44137;Dortmund;Eving\r\n", encoding="utf-8")
    prot = tmp_path / "protokoll.pdf"
    code, stdout, err = _run(capsys, reg, "--size", 1, "--seed", "x", "--out", tmp_path / "liste.csv",
                             "--protocol", prot, "--strata", "none")
    assert code == 0, err
    assert "1 Haushalt," in stdout and "Gezogen: 1 Einladung, 0 Nachrücker" in stdout
    text = " ".join(PdfReader(str(prot)).pages[0].extract_text().split())
    assert "mit 1 Person, von denen 1 teilnehmen darf, wurde am" in text
    assert "1 Person zufällig für eine Einladung ausgewählt." in text
