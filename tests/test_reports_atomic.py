"""Atomic export writes: no half-written files, locked targets give a German message."""
from __future__ import annotations

import os

import pytest

from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.reports import atomic_write, build_lab_report, write_lab_pdf, write_lab_xlsx
from quartierslabor_app.core.reports import atomic as atomic_module
from quartierslabor_app.core.reports.example_data import create_example_lab


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    return folder


def test_failure_while_writing_leaves_nothing(out):
    tmp_path = out
    target = tmp_path / "bericht.pdf"

    def broken(tmp):
        tmp.write_bytes(b"%PDF-1.4 half")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        atomic_write(target, broken)
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_previous_complete_file(out):
    tmp_path = out
    target = tmp_path / "bericht.xlsx"
    target.write_bytes(b"old complete version")

    def broken(tmp):
        tmp.write_bytes(b"new but broken")
        raise ValueError("kaputt")

    with pytest.raises(ValueError):
        atomic_write(target, broken)
    assert target.read_bytes() == b"old complete version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bericht.xlsx"]


def test_locked_target_gives_german_message_and_no_temp_file(db, out, monkeypatch):
    tmp_path = out
    with db.session() as s:
        data = build_lab_report(s, create_example_lab(s, cards=20, recommendations=3))
    target = tmp_path / "bericht.xlsx"
    target.write_bytes(b"open in Excel")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(atomic_module.os, "replace", locked)
    with pytest.raises(UserError) as exc:
        write_lab_xlsx(target, data)
    message = str(exc.value)
    assert f"Die Datei „{target}“ ist geöffnet oder schreibgeschützt." in message
    assert "Bitte in Excel" in message and "schließen und erneut exportieren" in message
    assert target.read_bytes() == b"open in Excel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bericht.xlsx"]
    with pytest.raises(UserError):
        write_lab_pdf(tmp_path / "neu.pdf", data)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bericht.xlsx"]


def test_missing_folder_and_directory_target(tmp_path):
    with pytest.raises(UserError, match="Der Ordner .* existiert nicht"):
        atomic_write(tmp_path / "fehlt" / "x.pdf", lambda tmp: tmp.write_bytes(b"x"))
    (tmp_path / "ordner.pdf").mkdir()
    with pytest.raises(UserError, match="ist ein Ordner"):
        atomic_write(tmp_path / "ordner.pdf", lambda tmp: tmp.write_bytes(b"x"))


def test_success_replaces_atomically(out):
    tmp_path = out
    target = tmp_path / "x.pdf"
    target.write_bytes(b"old")
    written = atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert written == target and target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["x.pdf"]
