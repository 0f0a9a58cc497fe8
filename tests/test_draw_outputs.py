"""Outputs of a draw: invitee list (CSV/XLSX round trip), audit protocol PDF, letters PDF."""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from test_draw_support import make_register, random_register, replace_rows

from quartierslabor_app.core.draw import (EXTRA_COLUMNS, DrawSettings, LabInfo, LetterTemplate, run_draw,
                                          write_invitee_list, write_letters_pdf, draw_addressees, write_protocol_pdf)
from quartierslabor_app.core.draw.letters import (ADDRESS_FIELD_MM, VERMERK_ZONE_MM, greeting,
                                                  load_letter_template, save_letter_template)
from quartierslabor_app.core.draw.person_fields import PersonAddress
from quartierslabor_app.core.csv_output import unguard_rows
from quartierslabor_app.core.errors import UserError

TRICKY = ["=SUMME(A1:A9)", "+49 231 12345", "-5", "@import", "  Leerzeichen  ", "007", "1.5e3", 'Zitat "x"; y',
          "Zeile\nUmbruch", "2026-03-14", "Ölçer-Łukasz"]


def _tricky_register():
    n = 12
    reg = make_register(ages=[20 + 3 * i for i in range(n)], genders=["w", "m", "d"] * 4, districts=["Eving"] * n)
    rows = list(reg.table.rows)
    for i, text in enumerate(TRICKY):
        rows[i][0] = text                                 # Familienname
        rows[i][9] = text                                 # Statistischer Bezirk
    replace_rows(reg, rows)
    return reg


def test_csv_round_trip_keeps_every_column_exactly(tmp_path: Path):
    reg = _tricky_register()
    res = run_draw(reg, DrawSettings(size=10, replacements=2, strata=("district",)), "csv")
    path = write_invitee_list(tmp_path / "liste.csv", reg, res)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        written = list(csv.reader(fh, delimiter=";"))
    assert not [c for r in written for c in r if c[:1] in ("=", "+", "@") or (c[:1] == "-" and c != "-5")]
    assert "'=SUMME(A1:A9)" in {r[0] for r in written}
    rows = unguard_rows(written)                  # the documented way back to the original values
    headers = rows[0]
    n = len(reg.table.headers)
    assert headers[:n] == reg.table.headers
    assert headers[n:] == list(EXTRA_COLUMNS)
    assert len(rows) == 1 + 12
    for row, person in zip(rows[1:], res.invitees):
        assert row[:n] == reg.table.rows[person.row_index]
        assert row[n] == str(person.order)
        assert row[n + 1] == person.stratum
        assert row[n + 2] == ("ja" if person.is_replacement else "nein")
        assert row[n + 3] == reg.person_key[person.valid_pos]
    assert [r[n + 2] for r in rows[1:]] == ["nein"] * 10 + ["ja"] * 2
    assert {r[0] for r in rows[1:]} == set(TRICKY) | {reg.table.rows[11][0]}


def test_xlsx_round_trip_all_text_no_formulas(tmp_path: Path):
    reg = _tricky_register()
    res = run_draw(reg, DrawSettings(size=12, strata=()), "xlsx")
    path = write_invitee_list(tmp_path / "liste.xlsx", reg, res)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    rows = list(ws.iter_rows())
    n = len(reg.table.headers)
    assert [c.value for c in rows[0]][:n] == reg.table.headers
    for cells, person in zip(rows[1:], res.invitees):
        assert all(c.data_type == "s" for c in cells if c.value is not None), [c.data_type for c in cells]
        # empty cells read back as None in Excel/openpyxl
        assert [c.value or "" for c in cells][:n] == reg.table.rows[person.row_index]
        assert cells[n].value == str(person.order)
    family = {row[0].value for row in rows[1:]}
    assert "=SUMME(A1:A9)" in family and "  Leerzeichen  " in family and "007" in family
    # and the raw sheet XML holds no formula element at all
    import zipfile
    with zipfile.ZipFile(path) as zf:
        sheet_xml = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_invitee_list_reads_back_with_the_register_reader(tmp_path: Path):
    from quartierslabor_app.core.register.reader import read_register
    reg = random_register(400, seed=3)
    res = run_draw(reg, DrawSettings(size=30), "reader")
    for name in ("liste.csv", "liste.xlsx"):
        path = write_invitee_list(tmp_path / name, reg, res)
        table = read_register(path)
        n = len(reg.table.headers)
        assert table.headers[:n] == reg.table.headers
        assert [r[:n] for r in table.rows] == [reg.table.rows[p.row_index] for p in res.invitees]


def test_invitee_list_refuses_other_suffix_and_leaves_nothing(tmp_path: Path):
    reg = random_register(100, seed=4)
    res = run_draw(reg, DrawSettings(size=5), "x")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError, match=r"\.csv oder \.xlsx"):
        write_invitee_list(out / "liste.txt", reg, res)
    assert list(out.iterdir()) == []


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_protocol_contains_seed_hashes_counts_and_no_personal_data(tmp_path: Path):
    reg = random_register(3000, seed=5, mean_household=2.0)
    excluded = set(reg.person_key[:40].tolist())
    res = run_draw(reg, DrawSettings(size=60, replacements=6, oversampling={"age:16–24": 1.5}), "Lotto 3 7 12",
                   excluded_person_keys=excluded)
    path = write_protocol_pdf(tmp_path / "protokoll.pdf", reg, res, user="Erika Prüfer", lab_name="Eving 2026")
    text = _pdf_text(path)
    flat = re.sub(r"\s+", "", text)
    assert "Lotto 3 7 12" in text
    assert res.seed_digest in flat
    assert reg.table.sha256 in flat
    assert "register.csv" in text and "Erika Prüfer" in text
    for label, value in (("Zeilen gelesen", res.rows_read), ("teilnahmeberechtigt", res.rows_eligible),
                         ("Haushalte", res.households)):
        assert label in text
        assert f"{value:,}".replace(",", ".") in text
    assert res.rows_excluded > 0 and f"{res.rows_excluded}" in text
    assert "SHA-256" in text and "PCG64" in text and "SeedSequence" in text and "größten Reste" in text
    assert "Eving | 16–24 | weiblich" in text
    assert "--seed" in text
    # no names or addresses of anyone
    for person in res.invitees:
        row = reg.table.rows[person.row_index]
        assert f"{row[1]} {row[0]}" not in text
        assert f"{row[4]} {row[5]}" not in text


def test_letters_one_page_per_invitee_with_address_in_window(tmp_path: Path):
    reg = random_register(500, seed=6)
    res = run_draw(reg, DrawSettings(size=7, replacements=3), "Briefe")
    info = LabInfo(name="Eving 2026", district="Eving", date=dt.date(2026, 3, 14), venue="Bürgerhaus Eving",
                   time_text="10:00 bis 15:00 Uhr", reply_by=dt.date(2026, 3, 1), letter_date=dt.date(2026, 2, 2))
    path = write_letters_pdf(tmp_path / "briefe.pdf", draw_addressees(reg, res), LetterTemplate(), info)
    reader = PdfReader(str(path))
    assert len(reader.pages) == 7
    pt_per_mm = 72 / 25.4
    left, top, width, height = ADDRESS_FIELD_MM
    for page, person in zip(reader.pages, res.main_list):
        row = reg.table.rows[person.row_index]
        name = f"{row[1]} {row[0]}"
        street = f"{row[4]} {row[5]}"
        city = f"{row[6]} {row[7]}"
        found: dict[str, tuple[float, float]] = {}
        page_h = float(page.mediabox.height)

        def visit(text, cm, tm, font_dict, font_size, _found=found, _h=page_h):
            t = text.strip()
            if t:
                x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
                _found.setdefault(t, (x / pt_per_mm, (_h - y) / pt_per_mm))

        page.extract_text(visitor_text=visit)
        for line in (name, street, city):
            assert line in found, (line, list(found)[:10])
            x_mm, y_mm = found[line]
            assert left <= x_mm <= left + width, (line, x_mm)
            assert top + VERMERK_ZONE_MM <= y_mm <= top + height, (line, y_mm)
        text = page.extract_text()
        assert "Stadtbezirk Eving" in text and "Samstag, 14. März 2026" in text and "1. März 2026" in text
        assert "Bürgerhaus Eving" in text and "10:00 bis 15:00 Uhr" in text
        gender = reg.gender[person.valid_pos]
        if gender == "w":
            assert f"Sehr geehrte Frau {row[0]}" in text
        elif gender == "m":
            assert f"Sehr geehrter Herr {row[0]}" in text
        else:
            assert f"Guten Tag {name}" in text
    with_reps = write_letters_pdf(tmp_path / "alle.pdf", draw_addressees(reg, res, include_replacements=True), LetterTemplate(), info)
    assert len(PdfReader(str(with_reps)).pages) == 10


def test_greetings():
    addr = PersonAddress("Yılmaz", "Elif", "Hauptstraße 1", "44137", "Dortmund")
    assert greeting("w", addr) == "Sehr geehrte Frau Yılmaz"
    assert greeting("m", addr) == "Sehr geehrter Herr Yılmaz"
    assert greeting("d", addr) == "Guten Tag Elif Yılmaz"
    assert greeting("x", addr) == "Guten Tag Elif Yılmaz"


def test_letters_refuse_unknown_placeholder_and_overlong_text(tmp_path: Path):
    reg = random_register(200, seed=7)
    res = run_draw(reg, DrawSettings(size=3), "x")
    info = LabInfo(name="L", district="Eving")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError, match=r"\{telefon\}"):
        write_letters_pdf(out / "b.pdf", draw_addressees(reg, res), LetterTemplate(body="Hallo {telefon}"), info)
    with pytest.raises(UserError, match="eine Seite"):
        write_letters_pdf(out / "b.pdf", draw_addressees(reg, res), LetterTemplate(body="Sehr langer Text. " * 900), info)
    assert list(out.iterdir()) == []


def test_letters_single_address_column(tmp_path: Path):
    reg = make_register(ages=[40, 50], genders=["w", "m"], districts=["Eving", "Eving"])
    from quartierslabor_app.core.register.model import Field
    replace_rows(reg, [row + [f"{row[4]} {row[5]}, {row[6]} {row[7]}"] for row in reg.table.rows],
                 reg.table.headers + ["Anschrift"])
    for f in (Field.STREET, Field.HOUSE_NUMBER, Field.POSTCODE, Field.CITY):
        reg.mapping.pop(f)
    reg.mapping[Field.ADDRESS] = len(reg.table.headers) - 1
    res = run_draw(reg, DrawSettings(size=2, strata=()), "a")
    path = write_letters_pdf(tmp_path / "b.pdf", draw_addressees(reg, res), LetterTemplate(), LabInfo(name="L", district="Eving"))
    text = _pdf_text(path)
    assert "Hauptstraße 1\n44137 Dortmund" in text or "Kirchweg 2\n44137 Dortmund" in text


def test_letter_template_json_round_trip_and_setting(db):
    tpl = LetterTemplate(subject="Einladung {labor}", body="{anrede},\n\nkommen Sie am {datum}!",
                         sender_lines=["Stadt Musterstadt"], contact_lines=["Tel. 1"])
    again = LetterTemplate.from_json(tpl.to_json())
    assert again == tpl
    with db.session() as s:
        assert load_letter_template(s) == LetterTemplate()
        save_letter_template(s, tpl)
    with db.session() as s:
        assert load_letter_template(s) == tpl
    with pytest.raises(UserError):
        LetterTemplate.from_json("{kaputt")
