"""CLI under faults: internal errors, a full disk, a closed output pipe, very long file names."""
from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from quartierslabor_app.cli.main import EXIT_BROKEN_PIPE, main
from quartierslabor_app.core import labs
from quartierslabor_app.core.demo import generate_register, write_register_csv
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import Card, DrawRecord, Lab

LONGEST_NAME = "ü" * 124          # 248 bytes: with ".csv"/".pdf" the longest legal name on most file systems


def _cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def full_disk():
    """From now on every new SQLite connection cannot grow its file, and every commit fails as SQLite does
    when the disk is full (``database or disk is full``)."""
    def limit(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={max(pages, 1)}")

    def refuse(_connection):
        raise sqlite3.OperationalError("database or disk is full")

    event.listen(Engine, "connect", limit)
    event.listen(Engine, "commit", refuse)
    yield
    event.remove(Engine, "commit", refuse)
    event.remove(Engine, "connect", limit)


@pytest.fixture
def lab_db(tmp_path: Path) -> Path:
    path = tmp_path / "app.sqlite3"
    database = open_database(path)
    with database.session() as s:
        labs.create_lab(s, "Eving 2026", "Eving", None)
    database.dispose()
    return path


def _count_without_limit(path: Path, model) -> int:
    """Rows of ``model``'s table, read with plain sqlite3 (not limited by :func:`full_disk`)."""
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {model.__tablename__}").fetchone()[0]
    finally:
        con.close()


def test_internal_error_one_german_line_and_log_path(tmp_path: Path, capsys, monkeypatch,
                                                     isolated_data_dir: Path) -> None:
    def broken(*_a, **_k):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(labs, "list_labs", broken)
    code, _, err = _cli(capsys, "lab", "list", "--db", tmp_path / "x.sqlite3")
    assert code == 3
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Interner Fehler")
    log = isolated_data_dir / "logs" / "quartierslabor.log"
    assert str(log) in lines[0]
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")


def test_lab_create_on_full_disk_says_not_created(lab_db: Path, capsys, full_disk) -> None:
    code, out, err = _cli(capsys, "lab", "create", "--db", lab_db, "--name", "Hörde 2026", "--district", "Hörde")
    assert code == 2
    assert "angelegt" not in out
    assert "Speicherplatz ist voll" in err and "nicht angelegt" in err
    assert _count_without_limit(lab_db, Lab) == 1


def test_cards_import_on_full_disk_imports_nothing(lab_db: Path, tmp_path: Path, capsys, full_disk) -> None:
    cards = tmp_path / "karten.csv"
    cards.write_text("text\n" + "".join(f"Müll am Spielplatz Nummer {i} " * 20 + "\n" for i in range(200)),
                     encoding="utf-8")
    code, out, err = _cli(capsys, "cards", "import", "--db", lab_db, "--lab", "Eving 2026", cards)
    assert code == 2
    assert "Speicherplatz ist voll" in err and "Keine Karte wurde importiert" in err
    assert "importiert" not in out
    assert _count_without_limit(lab_db, Card) == 0


def test_draw_on_full_disk_saves_and_writes_nothing(lab_db: Path, tmp_path: Path, capsys, full_disk) -> None:
    register = write_register_csv(tmp_path / "register.csv", generate_register(400, seed=2))
    out = tmp_path / "liste.csv"
    code, stdout, err = _cli(capsys, "draw", register, "--size", 60, "--seed", "x", "--out", out,
                             "--lab", "Eving 2026", "--db", lab_db)
    assert code == 2
    assert "Speicherplatz ist voll" in err and "Ziehung wurde nicht gespeichert" in err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert _count_without_limit(lab_db, DrawRecord) == 0


def test_longest_legal_output_names(tmp_path: Path, capsys, lab_db: Path) -> None:
    cards = tmp_path / "karten.txt"
    cards.write_text("Müll am Spielplatz\nZu schnell gefahren\n", encoding="utf-8")
    code, _, err = _cli(capsys, "cluster", cards, "--out", tmp_path / f"{LONGEST_NAME}.csv")
    assert code == 0, err
    register = write_register_csv(tmp_path / "register.csv", generate_register(300, seed=4))
    folder = tmp_path / "ziehung"
    folder.mkdir()
    code, _, err = _cli(capsys, "draw", register, "--size", 10, "--seed", "x",
                        "--out", folder / f"{LONGEST_NAME}.xlsx", "--protocol", folder / f"{LONGEST_NAME}.pdf")
    assert code == 0, err
    code, _, err = _cli(capsys, "export", "--db", lab_db, "--lab", "Eving 2026",
                        "--xlsx", tmp_path / f"{LONGEST_NAME}.xlsx")
    assert code == 0, err
    names = {p.name for p in tmp_path.iterdir()} | {p.name for p in folder.iterdir()}
    assert {f"{LONGEST_NAME}.csv", f"{LONGEST_NAME}.xlsx", f"{LONGEST_NAME}.pdf"} <= names


@pytest.mark.slow  # a fresh interpreter importing the app (process boundary); CI runs it
def test_output_into_a_closed_pipe_ends_quietly(lab_db: Path, tmp_path: Path) -> None:
    """``quartierslabor cards import … | head -2``: the reader is gone before the summary is written."""
    cards = tmp_path / "karten.csv"
    cards.write_text("text\n" + "".join(f"Anliegen {i}: Müll, Lärm, Raser, Dunkelheit\n" for i in range(40)),
                     encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "quartierslabor_app", "cards", "import", "--db", str(lab_db),
                             "--lab", "Eving 2026", str(cards)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()                  # like head after two lines: nobody reads any more
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=120)
    assert err == ""
    assert code == EXIT_BROKEN_PIPE
    assert _count_without_limit(lab_db, Card) == 40      # the import itself was complete


def test_failed_self_test_keeps_the_traceback_in_the_log(capsys, monkeypatch, isolated_data_dir: Path) -> None:
    from quartierslabor_app.qt import app as app_module

    def broken(_folder):
        raise RuntimeError("Ansicht fehlt")

    monkeypatch.setattr(app_module, "_self_test_in", broken)
    assert app_module.run_self_test() == 1
    err = capsys.readouterr().err
    log = isolated_data_dir / "logs" / "quartierslabor.log"
    assert err.startswith("Selbsttest fehlgeschlagen: RuntimeError: Ansicht fehlt.") and str(log) in err
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")


def test_retention_on_full_disk_says_what_happened(tmp_path: Path, capsys, monkeypatch) -> None:
    import datetime as dt

    from test_retention import PEOPLE, _add_lab_with_invitees

    from quartierslabor_app.core import retention

    path = tmp_path / "stadt.sqlite3"
    database = open_database(path)
    with database.session() as s:
        _add_lab_with_invitees(s, "Eving Januar", dt.date(2026, 1, 10), PEOPLE)
    database.dispose()

    def full(_db):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(retention, "purge_freed_storage", full)
    code, out, err = _cli(capsys, "retention", "--db", path, "--apply", "--today", "2026-04-10")
    assert code == 2 and "Speicherplatz ist voll" in err and "bleibt gelöscht" in err and "retention --apply" in err


@pytest.mark.slow  # a fresh interpreter importing the app (process boundary); CI runs it
def test_output_to_a_terminal_without_umlauts(tmp_path: Path) -> None:
    cards = tmp_path / "karten.txt"
    cards.write_text("Müll am Spielplatz\nZu schnell gefahren\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run([sys.executable, "-m", "quartierslabor_app", "cluster", str(cards), "--out",
                           str(tmp_path / "z.csv")], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert b"2 Karten zugeordnet ? " in proc.stdout


def test_delete_without_an_answer_deletes_nothing(lab_db: Path, capsys, monkeypatch) -> None:
    """``lab delete`` with stdin closed (cron, a pipe): no answer is a no, not an internal error."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, _ = _cli(capsys, "lab", "delete", "--db", lab_db, "--lab", "Eving 2026")
    assert code == 1 and "Nicht gelöscht." in out
    assert _count_without_limit(lab_db, Lab) == 1
