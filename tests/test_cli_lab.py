from __future__ import annotations

from quartierslabor_app.cli.main import main


def test_lab_create_list_and_duplicate(tmp_path, capsys):
    dbfile = str(tmp_path / "cli.sqlite3")
    assert main(["lab", "create", "--db", dbfile, "--name", "Hörde 2026", "--district", "Hörde",
                 "--date", "2026-05-02"]) == 0
    assert main(["lab", "create", "--db", dbfile, "--name", "Hörde 2026", "--district", "Hörde"]) == 2
    err = capsys.readouterr().err
    assert "gibt es schon" in err and "Traceback" not in err
    assert main(["lab", "list", "--db", dbfile]) == 0
    assert "Hörde\t2026-05-02\tHörde 2026" in capsys.readouterr().out


def test_bad_date_is_a_german_refusal(tmp_path, capsys):
    assert main(["lab", "create", "--db", str(tmp_path / "x.sqlite3"), "--name", "A", "--district", "B",
                 "--date", "31.02.2026"]) == 2
    assert "kein gültiges Datum" in capsys.readouterr().err
