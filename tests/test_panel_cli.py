"""``quartierslabor panel`` and ``quartierslabor verify`` end to end (files and a stored lab)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from quartierslabor_app.cli.main import main
from quartierslabor_app.core.draw import DrawSettings, run_draw, save_draw
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import Invitee, Lab

from test_draw_support import random_register

QUOTAS = [("Altersgruppe", "jung", 2, 4), ("Altersgruppe", "alt", 4, 6),
          ("Geschlecht", "weiblich", 4, 5), ("Geschlecht", "männlich", 4, 5)]


def write_files(tmp_path: Path, n: int = 30) -> tuple[Path, Path]:
    rng = np.random.default_rng(1)
    respondents = tmp_path / "zusagen.csv"
    with open(respondents, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["id", "Altersgruppe", "Geschlecht", "Name"])
        for i in range(n):
            w.writerow([f"Z{i:03d}", "alt" if rng.random() < 0.7 else "jung",
                        "weiblich" if rng.random() < 0.65 else "männlich", f"Person {i}"])
    categories = tmp_path / "categories.csv"
    with open(categories, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["feature", "value", "min", "max"])
        w.writerows(QUOTAS)
    return respondents, categories


def run(*args) -> int:
    return main([str(a) for a in args])


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def test_panel_from_files_writes_panel_probabilities_protocol_and_a_record_that_verifies(tmp_path, capsys):
    respondents, categories = write_files(tmp_path)
    out, probs, pdf = tmp_path / "panel.csv", tmp_path / "p.csv", tmp_path / "panel.pdf"
    assert run("panel", respondents, "--categories", categories, "--seats", 9, "--seed", "Lotto 7 8 9",
               "--out", out, "--probabilities", probs, "--protocol", pdf) == 0
    panel = read_rows(out)
    assert len(panel) == 9
    for feature, value, lo, hi in QUOTAS:
        assert lo <= sum(1 for r in panel if r[feature] == value) <= hi
    every = read_rows(probs)
    assert len(every) == 30 and abs(sum(float(r["wahrscheinlichkeit"]) for r in every) - 9) < 1e-6
    assert {r["id"] for r in every if r["ausgelost"] == "ja"} == {r["id"] for r in panel}
    record = json.loads((tmp_path / "panel.json").read_text(encoding="utf-8"))
    assert record["kind"] == "panel" and record["selected"] == sorted(r["id"] for r in panel)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Auswahlwahrscheinlichkeit jeder Person" in text and "Lotto 7 8 9" in text and "Z000" in text
    assert "Person 0" not in text            # no names in the protocol
    capsys.readouterr()

    assert run("verify", tmp_path / "panel.json", respondents) == 0
    assert capsys.readouterr().out.startswith("Bestätigt: Alle 9 Panel-Mitglieder")

    # the same call gives the same panel
    assert run("panel", respondents, "--categories", categories, "--seats", 9, "--seed", "Lotto 7 8 9",
               "--out", tmp_path / "again.csv") == 0
    assert read_rows(tmp_path / "again.csv") == panel

    # a changed respondents file, a changed record: verify says what differs, exit 1
    record["selected"][0] = next(r["id"] for r in every if r["ausgelost"] == "nein")
    (tmp_path / "bad.json").write_text(json.dumps(record), encoding="utf-8")
    capsys.readouterr()
    assert run("verify", tmp_path / "bad.json", respondents) == 1
    assert "Abweichung: Die Ziehung ergibt ein anderes Panel" in capsys.readouterr().out
    record = json.loads((tmp_path / "panel.json").read_text(encoding="utf-8"))
    record["distribution"]["weights"] = [1.0] + [0.0] * (len(record["distribution"]["weights"]) - 1)
    (tmp_path / "unfair.json").write_text(json.dumps(record), encoding="utf-8")
    assert run("verify", tmp_path / "unfair.json", respondents) == 1
    assert "Abweichung" in capsys.readouterr().out
    respondents.write_text(respondents.read_text(encoding="utf-8").replace("Z001", "Z999"), encoding="utf-8")
    assert run("verify", tmp_path / "panel.json", respondents) == 1
    assert "anderen SHA-256" in capsys.readouterr().out


def test_replacement_keeps_the_rest_of_the_panel(tmp_path, capsys):
    respondents, categories = write_files(tmp_path)
    assert run("panel", respondents, "--categories", categories, "--seats", 9, "--seed", "erste",
               "--out", tmp_path / "panel.csv") == 0
    first = [r["id"] for r in read_rows(tmp_path / "panel.csv")]
    assert run("panel", respondents, "--categories", categories, "--seats", 9, "--seed", "Nachrücken",
               "--previous", tmp_path / "panel.json", "--dropout", first[0], "--out", tmp_path / "neu.csv",
               "--protocol", tmp_path / "neu.pdf") == 0
    second = [r["id"] for r in read_rows(tmp_path / "neu.csv")]
    assert len(second) == 9 and first[0] not in second and set(first[1:]) <= set(second)
    assert "Nachgerückt:" in capsys.readouterr().out
    assert run("verify", tmp_path / "neu.json", respondents) == 0


def test_infeasible_and_bad_files_give_one_german_message(tmp_path, capsys):
    respondents, categories = write_files(tmp_path)
    assert run("panel", respondents, "--categories", categories, "--seats", 12, "--seed", "x",
               "--out", tmp_path / "panel.csv") == 2
    err = capsys.readouterr().err
    assert err.startswith("Fehler: Die Höchstzahlen für „Altersgruppe“") and "Traceback" not in err
    assert "1 Person zu wenig" in err or "Personen zu wenig" in err
    assert not (tmp_path / "panel.csv").exists() and not (tmp_path / "panel.json").exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("feature,value,min,max\nGeschlecht,weiblich,zwei,5\n", encoding="utf-8")
    assert run("panel", respondents, "--categories", bad, "--seats", 5, "--seed", "x", "--out",
               tmp_path / "panel.csv") == 2
    err = capsys.readouterr().err
    assert "„bad.csv“" in err and "Zeile 2" in err and "„min“" in err and "„zwei“ ist keine ganze Zahl" in err
    assert run("panel", tmp_path / "fehlt.csv", "--categories", categories, "--seats", 5, "--seed", "x",
               "--out", tmp_path / "panel.csv") == 2
    assert "Die Datei wurde nicht gefunden" in capsys.readouterr().err


def test_panel_from_a_stored_lab_with_default_quotas(tmp_path, capsys):
    dbfile = tmp_path / "app.sqlite3"
    reg = random_register(3000, seed=8)
    res = run_draw(reg, DrawSettings(size=80), "Einladung")
    db = open_database(str(dbfile))
    with db.session() as s:
        lab = create_lab(s, "Panel-Lab", "Eving", capacity=12)
        save_draw(s, lab, reg, res, user="u")
        for inv in s.scalars(select(Invitee).where(Invitee.lab_id == lab.id)).all()[:50]:
            inv.reply = "zugesagt"
    db.dispose()
    assert run("panel", "--db", dbfile, "--lab", "Panel-Lab", "--slack", 2, "--seed", "Lotto 1",
               "--out", tmp_path / "panel.csv", "--probabilities", tmp_path / "p.csv") == 0, capsys.readouterr().err
    rows = read_rows(tmp_path / "panel.csv")
    assert len(rows) == 12 and {"Altersgruppe", "Geschlecht"} <= set(rows[0])
    copy = tmp_path / "panel_zusagen.csv"        # id and features of the respondents, for verify
    assert set(read_rows(copy)[0]) == {"id", "Altersgruppe", "Geschlecht", "Stadtbezirk"}
    capsys.readouterr()
    assert run("verify", tmp_path / "panel.json", copy) == 0
    assert capsys.readouterr().out.startswith("Bestätigt")
    db = open_database(str(dbfile))
    with db.session() as s:
        lab = s.scalar(select(Lab))
        selected = s.scalars(select(Invitee).where(Invitee.selected.is_(True))).all()
        assert len(selected) == 12 and all(i.reply == "zugesagt" for i in selected)
        assert "Panel-Auswahl:" in lab.notes and '"method": "leximin"' in lab.notes
        dropped = selected[0]
        dropped.reply = "abgesagt"
        dropped_id = dropped.id
    db.dispose()
    assert run("panel", "--db", dbfile, "--lab", "Panel-Lab", "--seed", "Lotto 2",
               "--replace-dropouts", "--out", tmp_path / "neu.csv") == 0, capsys.readouterr().err
    db = open_database(str(dbfile))
    with db.session() as s:
        selected = s.scalars(select(Invitee).where(Invitee.selected.is_(True))).all()
        assert len(selected) == 12 and dropped_id not in {i.id for i in selected}
        assert all(i.reply == "zugesagt" for i in selected)
        assert "Panel-Nachrücken:" in s.scalar(select(Lab)).notes
    db.dispose()
    assert run("verify", tmp_path / "neu.json", tmp_path / "neu_zusagen.csv") == 0
    first = json.loads((tmp_path / "panel.json").read_text(encoding="utf-8"))["settings"]["categories"]
    again = json.loads((tmp_path / "neu.json").read_text(encoding="utf-8"))["settings"]["categories"]
    assert again == first       # replaced under the quotas of the selection (slack 2), not new defaults
