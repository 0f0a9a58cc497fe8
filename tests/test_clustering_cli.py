"""``quartierslabor cluster``: CSV/TXT/XLSX input, CSV output, taxonomy option, refusals."""
from __future__ import annotations

import csv
import json
import subprocess
import sys

import openpyxl
import pytest

from quartierslabor_app.cli.main import main
from quartierslabor_app.core.clustering import ClusterDef, taxonomy_to_json

CARDS = ["Krach nachts", "Müll überall", "Falschparker vor der Einfahrt", "Autos rasen", "zu dunkel im Park"]
EXPECTED = ["laerm", "sauberkeit", "parken", "verkehr", "angstraeume"]


def _read_out(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")          # UTF-8 with BOM for Excel
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", "\t"),
                                                ("cp1252", ";")])
def test_csv_round_trip_encodings_and_delimiters(tmp_path, capsys, encoding, delimiter):
    src = tmp_path / "karten.csv"
    with open(src, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(["Nr", "Text", "Tisch"])
        for i, c in enumerate(CARDS, 1):
            w.writerow([i, c, "A"])
    out = tmp_path / "zuordnung.csv"
    assert main(["cluster", str(src), "--out", str(out)]) == 0
    rows = _read_out(out)
    assert [r["text"] for r in rows] == CARDS
    assert [r["cluster_key"] for r in rows] == EXPECTED
    assert set(rows[0]) >= {"text", "cluster", "reason", "cluster_key", "score"}
    assert rows[0]["cluster"] == "Lärm" and rows[0]["reason"].startswith("Lärm – erkannt an:")
    assert "5 Karten zugeordnet" in capsys.readouterr().out


def test_txt_one_card_per_line(tmp_path):
    src = tmp_path / "karten.txt"
    src.write_text("\n".join(CARDS) + "\n\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["cluster", str(src), "--out", str(out)]) == 0
    assert [r["cluster_key"] for r in _read_out(out)] == EXPECTED


def test_xlsx_first_sheet(tmp_path):
    src = tmp_path / "karten.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["text"])
    for c in CARDS:
        ws.append([c])
    wb.create_sheet("Andere").append(["text"])
    wb.save(src)
    out = tmp_path / "out.csv"
    assert main(["cluster", str(src), "--out", str(out)]) == 0
    assert [r["cluster_key"] for r in _read_out(out)] == EXPECTED


def test_discovery_and_no_discovery(tmp_path):
    src = tmp_path / "k.txt"
    src.write_text("Krach\nBänke fehlen\nmehr Bänke\nBänke kaputt\nneue Bänke\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["cluster", str(src), "--out", str(out)]) == 0
    rows = _read_out(out)
    assert [r["new_cluster"] for r in rows] == ["nein", "ja", "ja", "ja", "ja"]
    assert "Bänke" in rows[1]["cluster"]
    assert main(["cluster", str(src), "--out", str(out), "--no-discovery"]) == 0
    assert [r["cluster_key"] for r in _read_out(out)][1:] == ["sonstiges"] * 4


def test_own_taxonomy(tmp_path):
    tax = tmp_path / "tax.json"
    tax.write_text(taxonomy_to_json([ClusterDef("laerm", "Lärm"), ClusterDef("gruen", "Grünflächen"),
                                     ClusterDef("sonstiges", "Sonstiges")]), encoding="utf-8")
    src = tmp_path / "k.txt"
    src.write_text("Krach\nGrünflächen ungepflegt\nFalschparker\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["cluster", str(src), "--out", str(out), "--taxonomy", str(tax), "--no-discovery"]) == 0
    assert [r["cluster_key"] for r in _read_out(out)] == ["laerm", "gruen", "sonstiges"]


def _refused(capsys, argv, out, fragment):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err, err
    assert "Traceback" not in err
    assert not out.exists()


def test_refusals_write_nothing(tmp_path, capsys):
    out = tmp_path / "out.csv"
    _refused(capsys, ["cluster", str(tmp_path / "fehlt.csv"), "--out", str(out)], out, "nicht gefunden")
    no_col = tmp_path / "a.csv"
    no_col.write_text("Nr;Anmerkung\n1;Krach\n", encoding="utf-8")
    _refused(capsys, ["cluster", str(no_col), "--out", str(out)], out, "keine Spalte „text“")
    empty = tmp_path / "leer.csv"
    empty.write_text("", encoding="utf-8")
    _refused(capsys, ["cluster", str(empty), "--out", str(out)], out, "leer")
    header_only = tmp_path / "kopf.csv"
    header_only.write_text("text\n\n", encoding="utf-8")
    _refused(capsys, ["cluster", str(header_only), "--out", str(out)], out, "keine Karten")
    binary = tmp_path / "bild.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    _refused(capsys, ["cluster", str(binary), "--out", str(out)], out, "Binärdaten")
    fake_xlsx = tmp_path / "kaputt.xlsx"
    fake_xlsx.write_text("kein excel", encoding="utf-8")
    _refused(capsys, ["cluster", str(fake_xlsx), "--out", str(out)], out, "Excel-Datei")
    good = tmp_path / "k.txt"
    good.write_text("Krach\n", encoding="utf-8")
    bad_tax = tmp_path / "tax.json"
    bad_tax.write_text(json.dumps({"clusters": [{"key": "x"}]}), encoding="utf-8")
    _refused(capsys, ["cluster", str(good), "--out", str(out), "--taxonomy", str(bad_tax)], out, "keinen Namen")
    _refused(capsys, ["cluster", str(good), "--out", str(tmp_path / "nix" / "o.csv")], tmp_path / "nix" / "o.csv",
             "Zielordner")


def test_existing_output_is_kept_on_refusal(tmp_path, capsys):
    out = tmp_path / "out.csv"
    out.write_text("alt", encoding="utf-8")
    assert main(["cluster", str(tmp_path / "fehlt.txt"), "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "alt"


@pytest.mark.slow  # a fresh interpreter importing the app (process boundary); CI runs it
def test_console_script_in_subprocess(tmp_path):
    src = tmp_path / "k.txt"
    src.write_text("Hundekot\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    proc = subprocess.run([sys.executable, "-m", "quartierslabor_app", "cluster", str(src), "--out", str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert _read_out(out)[0]["cluster_key"] == "sauberkeit"
    proc = subprocess.run([sys.executable, "-m", "quartierslabor_app", "cluster", str(tmp_path / "x.csv"),
                           "--out", str(out)], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2 and "Fehler:" in proc.stderr


@pytest.mark.slow
def test_same_output_under_different_hash_seeds(tmp_path):
    """Deterministic across processes: Python's string hashing must not leak into the result."""
    from conftest import TEST_DATA
    import os
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"o{seed}.csv"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-m", "quartierslabor_app", "cluster",
                               str(TEST_DATA / "concerns_dev.csv"), "--out", str(out)],
                              capture_output=True, text=True, encoding="utf-8", env=env)
        assert proc.returncode == 0, proc.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_single_column_csv_keeps_unquoted_commas(tmp_path):
    src = tmp_path / "eine_spalte.csv"
    src.write_text('text\nMüll, Dreck und Scherben überall\n"Krach, nachts"\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["cluster", str(src), "--out", str(out)]) == 0
    rows = _read_out(out)
    assert [r["text"] for r in rows] == ["Müll, Dreck und Scherben überall", "Krach, nachts"]
    assert [r["cluster_key"] for r in rows] == ["sauberkeit", "laerm"]


def test_replay_moves_learns_and_writes_the_contract_columns(tmp_path):
    src = tmp_path / "karten.csv"
    rows = [("Laute Musik nachts", "Lärm"), ("Hundekot auf dem Gehweg", " SAUBERKEIT/müll ")]
    rows += [(f"Der Bus Linie {n} fährt abends zu selten", "ÖPNV") for n in range(1, 9)]
    src.write_text("text,cluster\n" + "".join(f"{t},{c}\n" for t, c in rows), encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["cluster", str(src), "--out", str(out), "--replay"]) == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        result = list(csv.DictReader(fh))
    assert list(result[0]) == ["text", "proposed", "cluster", "corrected"]
    assert [r["text"] for r in result] == [t for t, _ in rows]
    assert result[0]["corrected"] == result[1]["corrected"] == "0"      # names compared case/space-insensitively
    bus = result[2:]
    assert bus[0]["corrected"] == "1" and bus[0]["cluster"] == "ÖPNV"   # the new cluster is created at once
    assert all(r["cluster"] == "ÖPNV" for r in bus)
    # the app learns the facilitator's own cluster: later cards of the theme land in it without a move
    assert all(r["corrected"] == "0" and r["proposed"] == "ÖPNV" for r in bus[-4:])


def test_replay_refuses_cards_without_cluster(tmp_path, capsys):
    src = tmp_path / "karten.csv"
    src.write_text("text,cluster\nKrach,Lärm\nMüll,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    _refused(capsys, ["cluster", str(src), "--out", str(out), "--replay"], out, "Zeile 3, Spalte „cluster“")
    no_col = tmp_path / "ohne.csv"
    no_col.write_text("text\nKrach\n", encoding="utf-8")
    _refused(capsys, ["cluster", str(no_col), "--out", str(out), "--replay"], out, "keine Spalte „cluster“")
