"""Bad register files are refused with a German message naming file, row and column."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import numpy as np
import pytest

from quartierslabor_app.core.demo import generate_register, write_register_csv, write_register_xlsx
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.register import load_register, read_register
from quartierslabor_app.core.register import reader as reader_module

REF = dt.date(2026, 11, 1)


def _refused(path: Path, **kwargs) -> str:
    with pytest.raises(UserError) as exc:
        load_register(path, reference_date=REF, **kwargs)
    text = str(exc.value)
    assert path.name in text
    return text


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return generate_register(40, seed=5, reference_date=REF)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "leer.csv"
    path.write_bytes(b"")
    assert "leer" in _refused(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "leer2.csv"
    path.write_bytes(b"\r\n\r\n  \r\n")
    assert "leer" in _refused(path)


@pytest.mark.parametrize("content", ["Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer\r\n",
                                     "Titel\r\nFamilienname;Vornamen;Geburtsdatum;Geschlecht;Straße\r\n;;;;\r\n"])
def test_header_only(tmp_path: Path, content: str) -> None:
    path = tmp_path / "nur_kopf.csv"
    path.write_text(content, encoding="utf-8")
    text = _refused(path)
    assert "nur die Kopfzeile" in text and "Zeile" in text


def test_header_only_xlsx(tmp_path: Path) -> None:
    path = write_register_xlsx(tmp_path / "nur_kopf.xlsx", [])
    assert "nur die Kopfzeile (Zeile 1)" in _refused(path)


def test_random_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 20_000, dtype=np.uint8).tobytes())
    assert "Binärdaten" in _refused(path)


def test_binary_junk_without_zero_bytes(tmp_path: Path) -> None:
    data = np.random.default_rng(2).integers(1, 256, 20_000, dtype=np.uint8).tobytes()
    path = tmp_path / "junk2.dat"
    path.write_bytes(data)
    text = _refused(path)
    assert "Binärdaten" in text or "nicht lesen" in text or "weder" in text


def test_pdf_refused(tmp_path: Path) -> None:
    path = tmp_path / "auszug.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert "PDF" in _refused(path)


def test_zip_that_is_not_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "archiv.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("liesmich.txt", "kein Excel")
    assert "ZIP-Archiv, aber keine Excel-Arbeitsmappe" in _refused(path)


def test_old_xls_refused(tmp_path: Path) -> None:
    path = tmp_path / "alt.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert ".xlsx" in _refused(path)


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9])
def test_truncated_xlsx(tmp_path: Path, rows, fraction: float) -> None:
    good = write_register_xlsx(tmp_path / "gut.xlsx", rows * 20)
    data = good.read_bytes()
    path = tmp_path / "abgeschnitten.xlsx"
    path.write_bytes(data[: int(len(data) * fraction)])
    assert "beschädigt oder unvollständig" in _refused(path)


def test_corrupt_xml_inside_xlsx(tmp_path: Path, rows) -> None:
    good = write_register_xlsx(tmp_path / "gut.xlsx", rows)
    path = tmp_path / "kaputt.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    assert "beschädigt oder unvollständig" in _refused(path)


def test_unknown_sheet(tmp_path: Path, rows) -> None:
    path = write_register_xlsx(tmp_path / "mappe.xlsx", rows)
    text = _refused(path, sheet="Tabelle9")
    assert "Tabelle9" in text and "Melderegister" in text


def test_missing_required_column_is_named(tmp_path: Path, rows) -> None:
    columns = [("Familienname", "family_name"), ("Vornamen", "given_names"), ("Geburtsdatum", "birth_date"),
               ("Straße", "street"), ("Hausnummer", "house_number"), ("Stadtbezirk", "district")]
    path = write_register_csv(tmp_path / "ohne_geschlecht.csv", rows, columns=columns,
                              title_lines=("Auszug",))
    text = _refused(path)
    assert "„Geschlecht“" in text and "Zeile 2" in text
    assert "Familienname" in text  # lists the columns found


def test_missing_district_column_mentions_street_directory(tmp_path: Path, rows) -> None:
    path = write_register_csv(tmp_path / "ohne_bezirk.csv", rows, with_district=False)
    text = _refused(path)
    assert "„Stadtbezirk“" in text and "Straßenverzeichnis" in text


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.csv"
    # valid cp1252 except byte 0x81, which Windows-1252 does not define
    path.write_bytes("Familienname;Vornamen\r\nMüller;Jörg\r\n".encode("cp1252") + b"Sch\x81tz;Anna\r\n")
    text = _refused(path)
    assert "Zeile 3" in text and "0x81" in text


def test_single_column_text_is_not_a_register(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("Sehr geehrte Damen und Herren\nanbei der Auszug\n", encoding="utf-8")
    assert "Trennzeichen" in _refused(path)


def test_huge_file_refused(tmp_path: Path, rows, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_register_csv(tmp_path / "riesig.csv", rows)
    monkeypatch.setattr(reader_module, "MAX_FILE_BYTES", 1000)
    text = _refused(path)
    assert "zu groß" in text


@pytest.mark.parametrize("quoted", [False, True])
def test_too_many_rows_refused(tmp_path: Path, rows, monkeypatch: pytest.MonkeyPatch, quoted: bool) -> None:
    many = rows * 5
    if quoted:
        many = [dict(r, family_name=f'"{r["family_name"]}"') for r in many]
    path = write_register_csv(tmp_path / "viele.csv", many)
    monkeypatch.setattr(reader_module, "MAX_ROWS", 100)
    monkeypatch.setattr(reader_module, "_CHUNK", 50)
    text = _refused(path)
    assert "mehr als 100 Datenzeilen" in text


def test_missing_file() -> None:
    with pytest.raises(UserError) as exc:
        read_register("/nonexistent/auszug.csv")
    assert "nicht gefunden" in str(exc.value)


def test_nothing_written(tmp_path: Path, rows) -> None:
    """Reading and validating never writes anything beside the file (DSGVO)."""
    path = write_register_csv(tmp_path / "auszug.csv", rows)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    load_register(path, reference_date=REF)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_damaged_files_give_user_errors_only(tmp_path: Path, rows) -> None:
    """Truncated or bit-flipped CSV/XLSX files: either readable or a German UserError, never a crash."""
    import random

    sources = [write_register_xlsx(tmp_path / "a.xlsx", rows).read_bytes(),
               write_register_csv(tmp_path / "a.txt", rows, encoding="utf-16", delimiter="\t").read_bytes(),
               write_register_csv(tmp_path / "a.csv", rows).read_bytes()]
    rnd = random.Random(20261101)
    refused = 0
    for trial in range(60):
        data = bytearray(sources[trial % 3])
        if trial % 2 == 0:
            data = data[: rnd.randint(0, len(data))]
        for _ in range(rnd.randint(0, 12)):
            if data:
                data[rnd.randrange(len(data))] = rnd.randrange(256)
        path = tmp_path / f"kaputt{trial}.bin"
        path.write_bytes(bytes(data))
        try:
            load_register(path, reference_date=REF)
        except UserError as exc:
            refused += 1
            assert path.name in str(exc)
    assert refused > 10


def test_broken_quoting_reported_with_row(tmp_path: Path) -> None:
    path = tmp_path / "anfuehrung.csv"
    # an opening quote that never closes swallows the rest of the file into one gigantic field
    body = "Familienname;Vornamen;Alter;Geschlecht;Anschrift;Stadtbezirk\r\n" \
           "Müller;Jörg;56;m;Bornstraße 3;Eving\r\n" \
           '"Schmidt;Anna;40;w;Bornstraße 5;Eving\r\n' + ("x" * 200_000)
    path.write_text(body, encoding="utf-8")
    text = _refused(path)
    assert "Anführungszeichen" in text and "Zeile 3" in text
