"""Hostile or odd input files (issue 11): zip bombs, XML entities, mixed encodings, overlong fields,
folders and FIFOs given as files. Every file reader of the app is tried: register (also used for
exclusion lists and street directories), card import and ``quartierslabor cluster``."""
from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from quartierslabor_app.cli.main import main
from quartierslabor_app.core import labs
from quartierslabor_app.core.cards_import import import_cards
from quartierslabor_app.core.clustering.card_files import read_cards
from quartierslabor_app.core.demo import generate_register, write_register_csv, write_register_xlsx
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.register import Field, load_register, read_register

REF = dt.date(2026, 11, 1)
HEADER = "Familienname;Vornamen;Geburtsdatum;Geschlecht;Strasse;Hausnummer;PLZ;Ort;Stadtbezirk"


@pytest.fixture()
def lab_id(db):
    with db.session() as s:
        return labs.create_lab(s, "Hörde 2026", "Hörde").id


def _register_xlsx(tmp_path: Path) -> Path:
    return write_register_xlsx(tmp_path / "auszug.xlsx", generate_register(20, seed=3, reference_date=REF))


def _cards_xlsx(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["text"])
    ws.append(["Müll an der Haltestelle"])
    path = tmp_path / "karten.xlsx"
    wb.save(path)
    return path


def _replace_member(path: Path, member: str, data: bytes) -> Path:
    """A copy of the workbook at ``path`` with one member replaced (or added)."""
    target = path.with_name("feindlich_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        names = src.namelist()
        for name in names:
            dst.writestr(name, data if name == member else src.read(name))
        if member not in names:
            dst.writestr(member, data)
    return target


def _readers(db, lab_id):
    """Every XLSX/CSV reader of the app, each a function of a path."""
    def cards(path: Path) -> None:
        with db.session() as s:
            import_cards(s, labs.get_lab(s, lab_id), path)

    return {"register": lambda p: load_register(p, reference_date=REF), "cards_import": cards,
            "cluster_cards": read_cards}


# --------------------------------------------------------------------------- zip bomb

def test_xlsx_zip_bomb_is_refused_from_the_zip_directory_with_bounded_memory(tmp_path: Path, db, lab_id) -> None:
    bomb_text = b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>" + b"<si><t>A</t></si>" * (
        48 * 1024 * 1024 // 16) + b"</sst>"
    for name, read in _readers(db, lab_id).items():
        source = _register_xlsx(tmp_path) if name == "register" else _cards_xlsx(tmp_path)
        bomb = _replace_member(source, "xl/sharedStrings.xml", bomb_text)
        assert bomb.stat().st_size < 1024 * 1024                    # a small file ...
        tracemalloc.start()
        try:
            with pytest.raises(UserError) as exc:
                read(bomb)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        text = str(exc.value)
        assert "ZIP-Bombe" in text and "sharedStrings.xml" in text and bomb.name in text, (name, text)
        assert peak < 16 * 1024 * 1024, (name, peak)                 # ... refused before anything is inflated


def test_xlsx_of_normal_compression_is_read(tmp_path: Path) -> None:
    table = read_register(_register_xlsx(tmp_path))
    assert table.rows_read == 20


# --------------------------------------------------------------------------- XML attacks

_SHEET = (b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><sheetData>"
          b"<row r='1'><c r='A1' t='inlineStr'><is><t>text</t></is></c></row>"
          b"<row r='2'><c r='A2' t='inlineStr'><is><t>&%s;</t></is></c></row></sheetData></worksheet>")
_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b"]>" + _SHEET % b"lol9")


def _xxe(secret: Path) -> bytes:
    return (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "' + secret.as_uri().encode() + b'">]>'
            + _SHEET % b"xxe")


def test_openpyxl_parses_through_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_installer_spec_bundles_defusedxml() -> None:
    spec = (Path(__file__).resolve().parent.parent / "installer" / "quartierslabor.spec").read_text(encoding="utf-8")
    assert 'collect_submodules("defusedxml")' in spec


@pytest.mark.parametrize("attack", ["billion_laughs", "xxe"])
def test_xml_entity_attacks_are_refused_by_every_xlsx_reader(tmp_path: Path, db, lab_id, attack: str) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIMNIS-4711", encoding="utf-8")
    payload = _LAUGHS if attack == "billion_laughs" else _xxe(secret)
    for name, read in _readers(db, lab_id).items():
        source = _register_xlsx(tmp_path) if name == "register" else _cards_xlsx(tmp_path)
        hostile = _replace_member(source, "xl/worksheets/sheet1.xml", payload)
        with pytest.raises(UserError) as exc:
            read(hostile)
        text = str(exc.value)
        assert "Excel-Datei" in text and "GEHEIMNIS" not in text and "lollol" not in text, (name, text)


# --------------------------------------------------------------------------- mixed encodings

def _mixed_csv(tmp_path: Path, header: str = HEADER) -> Path:
    lines = [header.encode("utf-8")]
    for i in range(20):
        district = "Hörde" if i % 2 else "Brünninghausen"
        line = f"Muster{i};Anna;01.02.1980;w;Am Wall;{i + 1};44263;Dortmund;{district}"
        lines.append(line.encode("utf-8" if i % 3 else "cp1252"))
    path = tmp_path / "gemischt.csv"
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    return path


def test_register_in_two_encodings_is_refused_naming_the_rows(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        load_register(_mixed_csv(tmp_path), reference_date=REF)
    text = str(exc.value)
    assert "zwei Zeichensätze" in text and "gemischt.csv" in text
    # rows 2, 5, 8, ... (every third data row) are Windows-1252, the others UTF-8
    assert "Zeilen 2, 5, 8, 11, 14, 17, 20 sind nicht in UTF-8" in text, text
    assert "Ã" not in text.replace("HÃ¶rde", "")


def test_register_with_umlaut_header_and_mixed_rows_names_no_garbled_column(tmp_path: Path) -> None:
    path = _mixed_csv(tmp_path, HEADER.replace("Strasse", "Straße"))
    with pytest.raises(UserError) as exc:
        load_register(path, reference_date=REF)
    text = str(exc.value)
    assert "zwei Zeichensätze" in text and "StraÃŸe" not in text and "Pflichtspalte" not in text


def test_consistent_windows_1252_register_is_still_read(tmp_path: Path) -> None:
    rows = generate_register(30, seed=4, reference_date=REF)
    path = write_register_csv(tmp_path / "ansi.csv", rows, encoding="cp1252", delimiter=";")
    assert read_register(path).format.encoding == "cp1252"


def test_card_files_in_two_encodings_are_refused(tmp_path: Path, db, lab_id) -> None:
    path = tmp_path / "karten.csv"
    path.write_bytes(b"text\r\n" + "Lärm am Platz\r\n".encode("utf-8") + "Müll im Hof\r\n".encode("cp1252"))
    for name, read in _readers(db, lab_id).items():
        if name == "register":
            continue
        with pytest.raises(UserError, match="zwei Zeichensätze") as exc:
            read(path)
        assert "Zeile 3 ist nicht in UTF-8 geschrieben" in str(exc.value), name
        assert "Zeile 2 dagegen in UTF-8" in str(exc.value), name


# --------------------------------------------------------------------------- field length

def test_overlong_register_field_is_an_error_with_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "lang.csv"
    lines = [HEADER, "Müller;Jörg;01.02.1970;m;Bornstraße;3;44339;Dortmund;Eving",
             "X" * 5_000_000 + ";Anna;01.02.1980;w;Bornstraße;5;44339;Dortmund;Eving",
             "Schmidt;" + "Y" * 300 + ";01.02.1980;w;Bornstraße;5;44339;Dortmund;Eving"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    register = load_register(path, reference_date=REF)
    long = [i for i in register.issues if "zu lang" in i.message]
    assert [(i.row, i.column) for i in long] == [(3, "Familienname"), (4, "Vornamen")]
    assert "5.000.000 Zeichen" in long[0].message and "höchstens 200" in long[0].message
    assert register.invalid_rows == [3, 4] and register.rows_valid == 1


def test_cli_draw_refuses_overlong_field(tmp_path: Path, capsys) -> None:
    path = tmp_path / "lang.csv"
    path.write_text(HEADER + "\r\n" + "Z" * 7000 + ";Anna;01.02.1980;w;Bornstraße;5;44339;Dortmund;Eving\r\n",
                    encoding="utf-8")
    code = main(["draw", str(path), "--size", "1", "--seed", "x", "--out", str(tmp_path / "l.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "Zeile 2" in err and "Familienname" in err and "zu lang" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- folders and FIFOs

def _no_block(func, *args) -> str:
    """Run ``func`` in a thread; it must end within 20 s (a FIFO must never be opened for reading)."""
    result: dict = {}

    def run() -> None:
        try:
            func(*args)
        except UserError as exc:
            result["error"] = str(exc)
        except SystemExit as exc:  # pragma: no cover - the CLI returns, it does not exit
            result["error"] = f"exit {exc.code}"

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    assert not thread.is_alive(), "blocked on the FIFO"
    return result.get("error", "")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs exist on POSIX only")
def test_fifo_and_folder_are_named_by_every_reader(tmp_path: Path, db, lab_id) -> None:
    fifo = tmp_path / "auszug.csv"
    os.mkfifo(fifo)
    folder = tmp_path / "ordner.csv"
    folder.mkdir()
    for name, read in _readers(db, lab_id).items():
        assert "benannte Pipe (FIFO)" in _no_block(read, fifo), name
        assert "ein Ordner, keine Datei" in _no_block(read, folder), name


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs exist on POSIX only")
def test_cli_draw_says_what_the_register_path_is(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "auszug.csv"
    os.mkfifo(fifo)
    folder = tmp_path / "ordner"
    folder.mkdir()
    out = tmp_path / "l.csv"
    for path, words in ((fifo, "benannte Pipe (FIFO)"), (folder, "ein Ordner, keine Datei")):
        codes: list[int] = []
        _no_block(lambda: codes.append(main(["draw", str(path), "--size", "1", "--seed", "x", "--out", str(out)])))
        err = capsys.readouterr().err
        assert codes == [2] and words in err and "gibt es nicht" not in err, err
        assert "Traceback" not in err and not out.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs exist on POSIX only")
def test_cli_cluster_taxonomy_fifo_does_not_block(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "themen.json"
    os.mkfifo(fifo)
    cards = tmp_path / "karten.txt"
    cards.write_text("Lärm\n", encoding="utf-8")
    codes: list[int] = []
    _no_block(lambda: codes.append(main(["cluster", str(cards), "--taxonomy", str(fifo), "--out",
                                         str(tmp_path / "z.csv")])))
    err = capsys.readouterr().err
    assert codes == [2] and "benannte Pipe (FIFO)" in err, err


# --------------------------------------------------------------------------- duplicated header

_TWO_NAMES = ("Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Ort;Stadtbezirk;Familienname\r\n"
              "Alt;Anna;01.02.1980;w;Bornstraße;5;44339;Dortmund;Eving;Neu\r\n"
              "Alt;Jörg;01.02.1970;m;Bornstraße;7;44339;Dortmund;Eving;Neuer\r\n")


def test_duplicated_header_is_refused_naming_columns_until_one_is_chosen(tmp_path: Path) -> None:
    path = tmp_path / "doppelt.csv"
    path.write_text(_TWO_NAMES, encoding="utf-8")
    with pytest.raises(UserError) as exc:
        load_register(path, reference_date=REF)
    text = str(exc.value)
    assert "Doppelte Spaltenüberschrift" in text and "Spalten 1, 10" in text and "Zeile 1" in text
    assert "--column Familienname=1 oder --column Familienname=10" in text
    register = load_register(path, reference_date=REF, columns={Field.FAMILY_NAME: 9})
    assert register.mapping[Field.FAMILY_NAME] == 9
    first = load_register(path, reference_date=REF, columns={Field.FAMILY_NAME: 0})
    assert first.person_key[0] != register.person_key[0]


def test_cli_draw_duplicated_header_needs_column_option(tmp_path: Path, capsys) -> None:
    path = tmp_path / "doppelt.csv"
    path.write_text(_TWO_NAMES, encoding="utf-8")
    out = tmp_path / "liste.csv"
    args = ["draw", str(path), "--size", "1", "--seed", "x", "--out", str(out), "--strata", "none"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Doppelte Spaltenüberschrift" in err and "--column" in err and not out.exists()
    assert main(args + ["--column", "Familienname=10"]) == 0
    capsys.readouterr()
    assert main(args + ["--column", "Nachname=3"]) == 2
    assert "FELD=SPALTE" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs exist on POSIX only")
def test_other_cli_inputs_name_a_fifo(tmp_path: Path, capsys) -> None:
    """Letter template, verification record and panel files: the same refusal, no blocking."""
    from quartierslabor_app.core.selection.panel import files
    from quartierslabor_app.core.selection.verification import load_record

    fifo = tmp_path / "eingabe.json"
    os.mkfifo(fifo)
    register = tmp_path / "auszug.csv"
    write_register_csv(register, generate_register(30, seed=2, reference_date=REF))
    codes: list[int] = []
    _no_block(lambda: codes.append(main(["draw", str(register), "--size", "1", "--seed", "x", "--out",
                                         str(tmp_path / "l.csv"), "--letter-template", str(fifo)])))
    err = capsys.readouterr().err
    assert codes == [2] and "benannte Pipe (FIFO)" in err, err
    assert "benannte Pipe (FIFO)" in _no_block(load_record, fifo)
    assert "benannte Pipe (FIFO)" in _no_block(files._rows, fifo)
