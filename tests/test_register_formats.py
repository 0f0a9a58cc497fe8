"""Reading register extracts in every shape registration software and Excel produce."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quartierslabor_app.core.demo import generate_register, write_register_csv, write_register_xlsx, \
    write_street_directory
from quartierslabor_app.core.register import (Field, StreetDirectory, guess_mapping, list_sheets, load_register,
                                              read_register)
from quartierslabor_app.core.register import reader as reader_module

REF = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    rows = generate_register(60, seed=7, reference_date=REF)
    # make sure umlauts and characters outside Windows-1252 are present
    rows[0].update(family_name="Şahin", given_names="Ayşe Gül", street="Münsterstraße", house_number="12 a")
    rows[1].update(family_name="Wiśniewski", given_names="Łukasz", street="Körner Hellweg", house_number="3")
    rows[2].update(family_name="Çelik", given_names="Öznur", street="Große Heimstraße", house_number="7b")
    return rows


def _check_table(table, rows: list[dict], *, first_data_row: int = 2) -> None:
    assert table.rows_read == len(rows)
    assert table.row_numbers[0] == first_data_row
    assert table.row_numbers.tolist() == list(range(first_data_row, first_data_row + len(rows)))
    mapping = guess_mapping(table.headers)
    fam = mapping[Field.FAMILY_NAME]
    assert [r[fam] for r in table.rows][3:] == [r["family_name"] for r in rows][3:]


@pytest.mark.parametrize("encoding,expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"),
                                               ("cp1252", "cp1252")])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_encodings_and_delimiters(tmp_path: Path, rows, encoding, expected, delimiter) -> None:
    path = write_register_csv(tmp_path / "auszug.csv", rows, encoding=encoding, delimiter=delimiter)
    table = read_register(path)
    assert table.format.kind == "csv"
    assert table.format.encoding == expected
    assert table.format.delimiter == delimiter
    assert table.format.header_row == 1
    assert table.headers[:3] == ["Familienname", "Vornamen", "Geburtsdatum"]
    _check_table(table, rows)
    fam = table.headers.index("Familienname")
    given = table.headers.index("Vornamen")
    street = table.headers.index("Straße")
    if encoding == "cp1252":
        # Windows-1252 has no ş/Ł/ś: the export transliterates them, umlauts and ß stay
        assert table.rows[0][fam] == "Sahin"
        assert table.rows[1][given] == "Lukasz"
    else:
        assert table.rows[0][fam] == "Şahin"
        assert table.rows[1][given] == "Łukasz"
    assert table.rows[0][street] == "Münsterstraße"
    assert table.rows[2][fam] == "Çelik"
    assert table.rows[2][given] == "Öznur"


def test_utf16_unicode_text(tmp_path: Path, rows) -> None:
    path = write_register_csv(tmp_path / "unicode.txt", rows, encoding="utf-16", delimiter="\t")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    table = read_register(path)
    assert table.format.encoding == "utf-16"
    assert table.format.delimiter == "\t"
    assert "UTF-16" in table.format.describe()
    assert table.rows[0][0] == "Şahin"
    _check_table(table, rows)


def test_utf16_without_bom(tmp_path: Path, rows) -> None:
    path = tmp_path / "ohne_bom.txt"
    text = "Familienname\tVornamen\tGeburtsdatum\tGeschlecht\tStraße\tHausnummer\tStadtbezirk\r\n" \
           "Müller\tJörg\t01.02.1970\tm\tBornstraße\t3\tEving\r\n"
    path.write_bytes(text.encode("utf-16-le"))
    table = read_register(path)
    assert table.format.encoding == "utf-16"
    assert table.rows[0][:2] == ["Müller", "Jörg"]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_title_lines_above_header(tmp_path: Path, rows, encoding) -> None:
    titles = ("Melderegisterauszug nach § 46 BMG", "Stadtbezirk Eving, Stand 01.11.2026", "")
    path = write_register_csv(tmp_path / "mit_titel.csv", rows, encoding=encoding, title_lines=titles)
    table = read_register(path)
    assert table.format.header_row == 4
    assert table.headers[0] == "Familienname"
    _check_table(table, rows, first_data_row=5)
    assert "Kopfzeile in Zeile 4" in table.format.describe()


def test_title_line_without_delimiters_and_unknown_headers(tmp_path: Path) -> None:
    path = tmp_path / "fremd.csv"
    path.write_text("Export vom 01.11.2026\nA;B;C\n1;2;3\n4;5;6\n", encoding="utf-8")
    table = read_register(path)
    assert table.format.header_row == 2
    assert table.headers == ["A", "B", "C"]
    assert table.row_numbers.tolist() == [3, 4]


def test_blank_lines_keep_excel_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "luecken.csv"
    path.write_text("Familienname;Vornamen;Geburtsdatum;Geschlecht;Straße;Hausnummer;Stadtbezirk\n"
                    "Müller;Jörg;01.02.1970;m;Bornstraße;3;Eving\n"
                    "\n"
                    ";;;;;;\n"
                    "Schmidt;Anna;02.03.1980;w;Bornstraße;5;Eving\n", encoding="utf-8")
    table = read_register(path)
    assert table.row_numbers.tolist() == [2, 5]


def test_quoted_fields_with_delimiter_and_newline(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text('Familienname;Vornamen;Geburtsdatum;Geschlecht;Anschrift;Stadtbezirk\r\n'
                    '"Meier; geb. Schulz";"Anna\r\nMaria";01.02.1970;w;"Bornstraße 3";Eving\r\n'
                    'Schmidt;Jan;02.03.1980;m;Bornstraße 5;Eving\r\n', encoding="utf-8")
    table = read_register(path)
    assert table.rows[0][0] == "Meier; geb. Schulz"
    assert table.rows[0][1] == "Anna\nMaria"
    # Excel counts records, not physical lines: the quoted line break stays in row 2
    assert table.row_numbers.tolist() == [2, 3]


def test_sha256_of_file_bytes(tmp_path: Path, rows) -> None:
    import hashlib

    path = write_register_csv(tmp_path / "a.csv", rows)
    assert read_register(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert read_register(path).file_name == "a.csv"


def test_xlsx_first_sheet(tmp_path: Path, rows) -> None:
    path = write_register_xlsx(tmp_path / "auszug.xlsx", rows, title_lines=("Melderegisterauszug", ""))
    table = read_register(path)
    assert table.format.kind == "xlsx"
    assert table.format.sheet == "Melderegister"
    assert table.format.header_row == 3
    _check_table(table, rows, first_data_row=4)
    bd = table.headers.index("Geburtsdatum")
    plz = table.headers.index("PLZ")
    assert table.rows[5][bd] == rows[5]["birth_date"].strftime("%d.%m.%Y")
    assert table.rows[5][plz] == rows[5]["postcode"]  # number cell shown as Excel shows it
    assert table.rows[0][0] == "Şahin"
    assert "Tabellenblatt „Melderegister“" in table.format.describe()


def test_xlsx_chosen_sheet_and_list_sheets(tmp_path: Path, rows) -> None:
    path = write_register_xlsx(tmp_path / "mappe.xlsx", rows, sheet_name="Auszug Eving",
                               sheets_before=("Hinweise", "Legende"))
    assert list_sheets(path) == ["Hinweise", "Legende", "Auszug Eving"]
    table = read_register(path, sheet="Auszug Eving")
    assert table.format.sheet == "Auszug Eving"
    _check_table(table, rows)
    first = read_register(path)
    assert first.format.sheet == "Hinweise"
    assert first.headers == ["Hinweis"]


def test_list_sheets_of_csv_is_empty(tmp_path: Path, rows) -> None:
    assert list_sheets(write_register_csv(tmp_path / "a.csv", rows)) == []


def test_xlsx_validates_with_dates_and_serials(tmp_path: Path, rows) -> None:
    from openpyxl import Workbook

    path = write_register_xlsx(tmp_path / "auszug.xlsx", rows)
    register = load_register(path, reference_date=REF)
    assert register.rows_valid == len(rows)
    assert list(register.age) == [r["age"] for r in rows]

    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Vorname", "Geb.-Datum", "Geschl.", "Str.", "HNr", "Bezirk"])
    ws.append(["Müller", "Jörg", 25569, "M", "Bornstr.", 3, "Eving"])  # serial 25569 = 01.01.1970
    ws.append(["Schmidt", "Anna", dt.datetime(1980, 3, 2), "W", "Bornstr.", "5", "Eving"])
    wb.save(tmp_path / "serial.xlsx")
    reg = load_register(tmp_path / "serial.xlsx", reference_date=REF)
    assert reg.rows_valid == 2
    assert list(reg.age) == [56, 46]
    assert list(reg.gender) == ["m", "w"]


def test_xlsx_empty_rows_keep_excel_row_numbers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Auszug"
    ws.append([])
    ws["A3"], ws["B3"], ws["C3"] = "Familienname", "Vornamen", "Alter"
    ws["A4"], ws["B4"], ws["C4"] = "Müller", "Jörg", 40
    ws["A7"], ws["B7"], ws["C7"] = "Schmidt", "Anna", 41
    wb.save(tmp_path / "gaps.xlsx")
    table = read_register(tmp_path / "gaps.xlsx")
    assert table.format.header_row == 3
    assert table.row_numbers.tolist() == [4, 7]
    assert table.rows[1] == ["Schmidt", "Anna", "41"]


def test_age_instead_of_birth_date(tmp_path: Path, rows) -> None:
    path = write_register_csv(tmp_path / "alter.csv", rows, age_instead_of_birthdate=True)
    register = load_register(path, reference_date=REF)
    assert Field.AGE in register.mapping and Field.BIRTH_DATE not in register.mapping
    assert register.rows_valid == len(rows)
    assert list(register.age) == [r["age"] for r in rows]


def test_single_address_column(tmp_path: Path, rows) -> None:
    path = write_register_csv(tmp_path / "anschrift.csv", rows, single_address_column=True, encoding="utf-8")
    register = load_register(path, reference_date=REF)
    assert Field.ADDRESS in register.mapping and Field.STREET not in register.mapping
    assert register.rows_valid == len(rows)
    assert register.household_key[0] == f"{rows[0]['postcode']}|muensterstr|12a"
    # same household key as with separate street and number columns
    split = load_register(write_register_csv(tmp_path / "getrennt.csv", rows, encoding="utf-8"), reference_date=REF)
    assert list(split.household_key) == list(register.household_key)


def test_street_directory_supplies_district(tmp_path: Path, rows) -> None:
    reg_path = write_register_csv(tmp_path / "ohne_bezirk.csv", rows, with_district=False)
    dir_path = write_street_directory(tmp_path / "strassen.csv", rows)
    with pytest.raises(Exception) as exc:
        load_register(reg_path, reference_date=REF)
    assert "Stadtbezirk" in str(exc.value) and "Straßenverzeichnis" in str(exc.value)
    directory = StreetDirectory.load(dir_path)
    register = load_register(reg_path, reference_date=REF, street_directory=directory)
    # the three rows edited in the fixture have streets from elsewhere in the city
    expected_valid = [i for i in range(len(rows)) if directory.lookup(rows[i]["street"], rows[i]["house_number"])]
    assert register.rows_valid == len(expected_valid)
    assert register.rows_valid >= len(rows) - 3
    for k, i in enumerate(register.valid_index):
        found = directory.lookup(rows[i]["street"], rows[i]["house_number"])
        assert (register.district[k], register.subdistrict[k]) == found
        if i >= 3:  # rows not edited by the fixture: the generator's own district
            assert register.district[k] == rows[i]["district"]
            assert register.subdistrict[k] == rows[i]["subdistrict"]


def test_street_directory_ranges_and_spelling(tmp_path: Path) -> None:
    path = tmp_path / "verzeichnis.csv"
    path.write_text("Straße;Hausnummer von;Hausnummer bis;Stadtbezirk;Statistischer Bezirk\n"
                    "Evinger Straße;1;99;Eving;Eving\n"
                    "Evinger Straße;100;240;Eving;Lindenhorst\n"
                    "Münsterstraße;;;Innenstadt-Nord;Nordmarkt\n", encoding="cp1252")
    directory = StreetDirectory.load(path)
    assert directory.lookup("Evinger Str.", "12a") == ("Eving", "Eving")
    assert directory.lookup("evinger strasse", "150") == ("Eving", "Lindenhorst")
    assert directory.lookup("Evinger Straße", "300") is None
    assert directory.lookup("Muensterstr", "1") == ("Innenstadt-Nord", "Nordmarkt")
    assert directory.lookup("Unbekannter Weg", "1") is None


def test_street_directory_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.csv"
    path.write_text("Straße;Hausnummer;Ort\nBornstraße;1;Dortmund\n", encoding="utf-8")
    with pytest.raises(Exception) as exc:
        StreetDirectory.load(path)
    assert "kaputt.csv" in str(exc.value) and "Stadtbezirk" in str(exc.value)


def test_moderately_large_roundtrip(tmp_path: Path) -> None:
    rows = generate_register(30_000, seed=11, reference_date=REF)
    path = write_register_csv(tmp_path / "gross.csv", rows, title_lines=("Auszug",))
    register = load_register(path, reference_date=REF)
    assert register.rows_read == 30_000
    assert register.rows_valid == 30_000
    assert register.issues == []
    assert list(register.age) == [r["age"] for r in rows]
    assert list(register.gender) == [r["gender"] for r in rows]
    assert list(register.district) == [r["district"] for r in rows]
    assert register.table.row_numbers[-1] == 30_002


def test_excel_sep_hint_line(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=,\r\nFamilienname,Vornamen,Geburtsdatum,Geschlecht,Straße,Hausnummer,Stadtbezirk\r\n"
                    "Müller,Jörg,01.02.1970 00:00,m,Bornstraße,3,Eving\r\n", encoding="utf-8-sig")
    register = load_register(path, reference_date=REF)
    assert register.table.format.delimiter == ","
    assert register.table.format.header_row == 1  # Excel does not show the sep= line
    assert register.table.row_numbers.tolist() == [2]
    assert register.rows_valid == 1 and register.age[0] == 56


def test_xlsx_cells_rendered_as_excel_shows_them(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Familienname", "Vornamen", "PLZ", "Wert", "Datum", "Zeit", "Leer"])
    ws.append(["Müller", "Jörg", 1067, 1.5, dt.datetime(1970, 2, 1, 0, 0), dt.datetime(2026, 1, 2, 13, 45), None])
    ws["C2"].number_format = "00000"
    ws.append(["Schmidt", "Anna", 44137.0, 2.0, dt.date(1980, 3, 2), True, ""])
    wb.save(tmp_path / "zellen.xlsx")
    table = read_register(tmp_path / "zellen.xlsx")
    assert table.rows[0] == ["Müller", "Jörg", "01067", "1,5", "01.02.1970", "02.01.2026 13:45", ""]
    assert table.rows[1] == ["Schmidt", "Anna", "44137", "2", "02.03.1980", "WAHR", ""]


def test_street_directory_ambiguous_street_refused(tmp_path: Path) -> None:
    path = tmp_path / "doppelt.csv"
    path.write_text("Straße;Stadtbezirk\nBornstraße;Eving\nHauptstraße;Mengede\nBornstraße;Hörde\n", encoding="utf-8")
    with pytest.raises(Exception) as exc:
        StreetDirectory.load(path)
    text = str(exc.value)
    assert "doppelt.csv" in text and "Zeile 4" in text and "Zeile 2" in text and "Bornstraße" in text


def test_list_sheets_missing_file(tmp_path: Path) -> None:
    from quartierslabor_app.core.errors import UserError

    with pytest.raises(UserError) as exc:
        list_sheets(tmp_path / "fehlt.xlsx")
    assert "fehlt.xlsx" in str(exc.value)


def _odd_register_lines() -> list[str]:
    lines = ["Melderegisterauszug;;;", "Familienname;Vornamen;Geburtsdatum;Straße;Hausnummer"]
    for i in range(3000):
        lines.append(f"Müller{i % 97};Jörg {i % 13};{1 + i % 28:02d}.02.1970;Bornstraße;{i % 50}")
        if i % 500 == 7:
            lines.append("")                                   # blank line
            lines.append(";;;;")                               # only delimiters
            lines.append("Kurz;Zeile")                         # too few fields
            lines.append("Lang;Zeile;01.01.1990;Weg;1;;;")     # trailing empty cells
            lines.append("X" * 300 + ";Lang;01.01.1990;Weg;2")  # a cell too long for the numpy path
    return lines


def test_numpy_and_text_splitting_give_the_same_table(tmp_path: Path, monkeypatch) -> None:
    lines = _odd_register_lines()
    fast = tmp_path / "ansi.csv"
    fast.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    slow = tmp_path / "unicode.csv"          # UTF-16 is split from the decoded text only
    slow.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    a, b = read_register(fast), read_register(slow)
    assert a.format.encoding == "cp1252" and b.format.encoding == "utf-16"
    assert a.headers == b.headers
    assert a.row_numbers.tolist() == b.row_numbers.tolist()
    assert list(a.rows) == list(b.rows)
    assert a.irregular == b.irregular and len(a.irregular) == 6
    # hash clashes are caught: with all hash factors 0 only the length separates texts
    monkeypatch.setattr(reader_module, "_HASH_FACTORS", reader_module._HASH_FACTORS * 0)
    c = read_register(fast)
    assert list(c.rows) == list(a.rows) and c.row_numbers.tolist() == a.row_numbers.tolist()
