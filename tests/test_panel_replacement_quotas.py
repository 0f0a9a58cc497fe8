"""Replacing panel drop-outs of a stored lab uses exactly the quotas recorded with the selection; a lab whose
selection recorded none (older version) says so in German in the message, the protocol and the audit line."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from quartierslabor_app.cli.main import main
from quartierslabor_app.core.draw import DrawSettings, run_draw, save_draw
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import Invitee, Lab

from test_draw_support import random_register

LAB = "Nachrück-Lab"
NOT_RECORDED = f"Die Quoten der Panel-Auswahl sind für das Labor „{LAB}“ nicht gespeichert"


def _lab_with_panel(tmp_path: Path, capsys) -> Path:
    """A lab with 50 acceptances, a panel of 12 selected with slack 2, and one member who then declined."""
    dbfile = tmp_path / "app.sqlite3"
    reg = random_register(3000, seed=8)
    db = open_database(str(dbfile))
    with db.session() as s:
        lab = create_lab(s, LAB, "Eving", capacity=12)
        save_draw(s, lab, reg, run_draw(reg, DrawSettings(size=80), "Einladung"), user="u")
        for inv in s.scalars(select(Invitee).where(Invitee.lab_id == lab.id)).all()[:50]:
            inv.reply = "zugesagt"
    db.dispose()
    assert main(["panel", "--db", str(dbfile), "--lab", LAB, "--slack", "2", "--seed", "Lotto 1",
                 "--out", str(tmp_path / "panel.csv")]) == 0, capsys.readouterr().err
    with _session(dbfile) as s:
        s.scalars(select(Invitee).where(Invitee.selected.is_(True))).first().reply = "abgesagt"
    capsys.readouterr()
    return dbfile


class _session:
    def __init__(self, dbfile: Path) -> None:
        self.db = open_database(str(dbfile))

    def __enter__(self):
        self.context = self.db.session()
        return self.context.__enter__()

    def __exit__(self, *exc) -> None:
        self.context.__exit__(*exc)
        self.db.dispose()


def _audits(dbfile: Path) -> list[dict]:
    with _session(dbfile) as s:
        notes = s.scalar(select(Lab)).notes
    return [json.loads(line.split(": ", 1)[1]) for line in notes.splitlines() if line.startswith("Panel-")]


def _forget_quotas(dbfile: Path) -> None:
    """Make the selection's audit line look like one of an older version (no quotas recorded)."""
    with _session(dbfile) as s:
        lab = s.scalar(select(Lab))
        label, text = lab.notes.split(": ", 1)
        audit = json.loads(text)
        audit.pop("quotas")
        audit.pop("quotas_source")
        lab.notes = f"{label}: {json.dumps(audit, ensure_ascii=False)}"


def _replace(dbfile: Path, tmp_path: Path, name: str, *extra: str) -> int:
    return main(["panel", "--db", str(dbfile), "--lab", LAB, "--seed", "Lotto 2", "--replace-dropouts",
                 "--out", str(tmp_path / f"{name}.csv"), "--protocol", str(tmp_path / f"{name}.pdf"), *extra])


def _categories(path: Path, rows: list[list]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["feature", "value", "min", "max"], *rows])
    return path


def test_replacement_uses_exactly_the_recorded_quotas_and_refuses_others(tmp_path, capsys):
    dbfile = _lab_with_panel(tmp_path, capsys)
    selection = _audits(dbfile)[0]
    assert selection["quotas_source"] == "selection" and selection["quotas"]

    other = _categories(tmp_path / "andere.csv", [q[:2] + [0, 12] for q in selection["quotas"]])
    assert _replace(dbfile, tmp_path, "anders", "--categories", str(other)) == 2
    err = capsys.readouterr().err
    assert "bei der Panel-Auswahl des Labors „Nachrück-Lab“ gespeichert" in err and "Traceback" not in err
    assert len(_audits(dbfile)) == 1                       # nothing stored

    same = _categories(tmp_path / "gleich.csv", selection["quotas"])
    assert _replace(dbfile, tmp_path, "neu", "--categories", str(same)) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "Hinweis" not in out and "Nachgerückt:" in out
    replacement = _audits(dbfile)[-1]
    assert replacement["quotas"] == selection["quotas"] and replacement["quotas_source"] == "selection"
    assert "quotas_note" not in replacement
    protocol = "".join(p.extract_text() for p in PdfReader(tmp_path / "neu.pdf").pages)
    assert "nicht gespeichert" not in protocol


def test_older_lab_without_recorded_quotas_says_so_and_uses_defaults(tmp_path, capsys):
    dbfile = _lab_with_panel(tmp_path, capsys)
    _forget_quotas(dbfile)
    assert _replace(dbfile, tmp_path, "eng") == 2          # defaults without slack: the remaining members break them
    err = capsys.readouterr().err
    assert NOT_RECORDED in err and "(Spielraum 0)" in err and "überschreiten schon das Maximum" in err
    assert "--categories" in err and "größeren Spielraum" in err and not (tmp_path / "eng.csv").exists()

    assert _replace(dbfile, tmp_path, "neu", "--slack", "2") == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert f"Hinweis: {NOT_RECORDED} (Auswahl mit einer älteren Version)" in out
    assert "Standardquoten aus den Bevölkerungszahlen des Labors (Spielraum 2)" in out
    protocol = " ".join(p.extract_text() for p in PdfReader(tmp_path / "neu.pdf").pages).replace("\n", " ")
    assert NOT_RECORDED in protocol and "Standardquoten" in protocol
    replacement = _audits(dbfile)[-1]
    assert replacement["quotas_source"] == "defaults" and NOT_RECORDED in replacement["quotas_note"]

    with _session(dbfile) as s:                            # a second drop-out: the same quotas as that replacement
        s.scalars(select(Invitee).where(Invitee.selected.is_(True), Invitee.reply == "zugesagt")).first().reply = \
            "abgesagt"
    assert _replace(dbfile, tmp_path, "zwei") == 0, capsys.readouterr().err
    assert "wie beim letzten Nachrücken unter dessen Quoten" in capsys.readouterr().out
    second = _audits(dbfile)[-1]
    assert second["quotas"] == replacement["quotas"] and second["quotas_source"] == "defaults"


def test_older_lab_with_a_quota_file_says_the_file_is_used(tmp_path, capsys):
    dbfile = _lab_with_panel(tmp_path, capsys)
    quotas = _audits(dbfile)[0]["quotas"]
    _forget_quotas(dbfile)
    given = _categories(tmp_path / "damals.csv", quotas)
    assert _replace(dbfile, tmp_path, "neu", "--categories", str(given)) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert NOT_RECORDED in out and "unter den angegebenen Quoten" in out
    replacement = _audits(dbfile)[-1]
    assert replacement["quotas"] == quotas and replacement["quotas_source"] == "file"
