"""The invitee list as XLSX is byte-reproducible: the draw's recorded time, not the save time, is in the file,
so ``quartierslabor verify`` compares it by SHA-256 like a CSV and notices a changed file beside the record."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from quartierslabor_app.cli.main import main
from quartierslabor_app.core import demo
from quartierslabor_app.core.selection import draw_service

DRAW_TIME = dt.datetime(2026, 11, 2, 9, 30, 15)
SEED = "Würfel 4-1-6"


@pytest.fixture(scope="module")
def register(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("register")
    return demo.write_register_csv(folder / "melderegister.csv", demo.generate_register(900, seed=31, reference_date=dt.date(2026, 11, 1)))


def _draw(register: Path, out: Path) -> Path:
    out.mkdir()
    assert main(["draw", str(register), "--size", "20", "--replacements", "3", "--seed", SEED,
                 "--out", str(out / "liste.xlsx"), "--protocol", str(out / "protokoll.pdf"),
                 "--reference-date", "01.11.2026"]) == 0
    return out / "protokoll.json"


def _verify(capsys, record: Path, register: Path) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["verify", str(record), str(register)])
    out, err = capsys.readouterr()
    return code, (out + err).strip()


def test_same_draw_saved_at_different_wall_times_gives_identical_xlsx(tmp_path, register, monkeypatch):
    monkeypatch.setattr(draw_service, "now", lambda: DRAW_TIME)
    first = _draw(register, tmp_path / "a").parent / "liste.xlsx"
    time.sleep(2.1)          # ZIP times have a 2-second step; the save time must not reach the file
    second = _draw(register, tmp_path / "b").parent / "liste.xlsx"
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 2, 9, 30, 14)}   # 2-second step
    book = openpyxl.load_workbook(first)
    assert book.properties.created == DRAW_TIME and book.properties.modified == DRAW_TIME
    assert book.active.max_row == 24 and book.active["A2"].data_type == "s"


def test_verify_compares_the_xlsx_by_hash_and_names_a_changed_file(tmp_path, register, monkeypatch, capsys):
    monkeypatch.setattr(draw_service, "now", lambda: DRAW_TIME)
    record = _draw(register, tmp_path / "out")
    listed = tmp_path / "out" / "liste.xlsx"
    entry = next(o for o in json.loads(record.read_text(encoding="utf-8"))["outputs"] if o["kind"] == "list")
    assert entry["reproducible"] is True
    assert entry["sha256"] == hashlib.sha256(listed.read_bytes()).hexdigest()
    monkeypatch.undo()       # verify recomputes at another time: the recorded time goes into the file
    code, line = _verify(capsys, record, register)
    assert code == 0, line
    assert line.startswith("Prüfung bestanden") and "liste.xlsx" in line

    book = openpyxl.load_workbook(listed)
    book.active["A2"] = book.active["A2"].value + "x"
    book.save(listed)
    code, line = _verify(capsys, record, register)
    assert code == 1 and "\n" not in line
    assert line.startswith("Prüfung NICHT bestanden") and "liste.xlsx neben dem Datensatz: SHA-256" in line

    data = json.loads(record.read_text(encoding="utf-8"))
    entry = next(o for o in data["outputs"] if o["kind"] == "list")
    entry["sha256"] = "0" * 64
    record.write_text(json.dumps(data), encoding="utf-8")
    listed.unlink()
    code, line = _verify(capsys, record, register)
    assert code == 1 and "liste.xlsx: SHA-256 nachgerechnet" in line


def test_older_record_without_reproducible_flag_checks_xlsx_rows_only(tmp_path, register, monkeypatch, capsys):
    monkeypatch.setattr(draw_service, "now", lambda: DRAW_TIME)
    record = _draw(register, tmp_path / "out")
    data = json.loads(record.read_text(encoding="utf-8"))
    for output in data["outputs"]:
        if output["kind"] == "list":
            output.pop("reproducible")
            output["sha256"] = "ab" * 32        # an XLSX saved with its own time before this version
    record.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "out" / "liste.xlsx").unlink()
    code, line = _verify(capsys, record, register)
    assert code == 0, line
    assert "liste.xlsx" not in line
