"""Same seed + same register => the same invitees, list and protocol as pinned in ``tests/data/draw_pinned.json``.

The expectation was recorded before the register reader and the draw engine were made faster;
any change to how a register is read or drawn that alters the outcome fails here. The registers
are built by this file (its own fixed recipe, not the demo generator), so changes elsewhere do
not move the pin: a Windows-1252 extract with title lines, CRLF, more than one reading chunk,
blank and invalid rows (read fast from the bytes), and a UTF-8 extract with quoted cells
(read by the csv module).

The protocol is compared by its text with the software, Python and numpy versions blanked
(the PDF bytes depend on the installed reportlab); list and record (version blanked) by SHA-256.
To re-record after an intended change: ``python tests/test_draw_pinned.py --record``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import sys
from pathlib import Path

import numpy as np
from pypdf import PdfReader

from quartierslabor_app import __version__
from quartierslabor_app.cli.main import main
from quartierslabor_app.core.selection import draw_service

EXPECTATION = Path(__file__).parent / "data" / "draw_pinned.json"
FIXED_NOW = dt.datetime(2026, 11, 2, 9, 30, 15)
HEADER = ["Familienname", "Vornamen", "Geburtsdatum", "Geschlecht", "Straße", "Hausnummer", "PLZ", "Ort",
          "Stadtbezirk", "Statistischer Bezirk"]
FAMILY = ["Müller", "Schäfer", "Özdemir", "Kowalski", "Weiß", "Nguyen", "Becker", "Hoffmann", "Krämer", "Jäger",
          "Yılmaz", "Schröder", "Wagner", "Łukasz", "Fuß", "Bauer"]
GIVEN = ["Anna", "Jürgen", "Zoë", "Mehmet", "Sören", "Ewa", "Lena", "René", "Hans Peter", "Ali", "Maria", "Björn"]
STREETS = ["Hauptstraße", "Bergstr.", "Am Mühlenbach", "Königsweg", "Lindenallee", "Evinger Platz",
           "Schützenstraße", "Grüner Weg"]
DISTRICTS = [("Eving", ["Eving-Mitte", "Lindenhorst", "Brechten"]), ("Scharnhorst", ["Derne", "Grevel"]),
             ("Mengede", ["Nette", "Westerfilde"])]
GENDERS = ["m", "w", "w", "m", "d", "weiblich", "M", "W"]
CASES = {
    "cp1252_bytes": dict(rows=26_000, encoding="cp1252", quoted=False,
                         args=["--size", "150", "--replacements", "12", "--skip-invalid",
                               "--strata", "district,age,gender", "--age-bands", "16,30,50,70"]),
    "utf8_quoted": dict(rows=4_000, encoding="utf-8", quoted=True,
                        args=["--size", "60", "--replacements", "5", "--skip-invalid",
                              "--strata", "subdistrict,age,gender", "--household-by", "adresse-name",
                              "--max-age", "85"]),
}
SEED = "Ziehung am 02.11.2026: 4 8 15 16 23 42"


def _cells(rng: np.random.Generator, n: int) -> list[list[str]]:
    born = dt.date(1925, 1, 1) + np.asarray(rng.integers(0, 36_000, n)).astype("timedelta64[D]").astype(object)
    rows = []
    fam, giv = rng.integers(0, len(FAMILY), n), rng.integers(0, len(GIVEN), n)
    st, hn, gd = rng.integers(0, len(STREETS), n), rng.integers(1, 60, n), rng.integers(0, len(GENDERS), n)
    dist, sub = rng.integers(0, len(DISTRICTS), n), rng.integers(0, 3, n)
    for i in range(n):
        name, subs = DISTRICTS[dist[i]]
        rows.append([FAMILY[fam[i]], GIVEN[giv[i]], born[i].strftime("%d.%m.%Y"), GENDERS[gd[i]],
                     STREETS[st[i]], f"{hn[i]}{'a' if hn[i] % 7 == 0 else ''}", f"4{4300 + dist[i] * 30}",
                     "Dortmund", name, subs[sub[i] % len(subs)]])
    # invalid and odd rows: bad date, unknown gender, missing family name, a trailing empty field, blanks
    rows[17][2] = "31.02.1980"
    rows[250][3] = "x"
    rows[999][0] = ""
    rows[1500] = rows[1500] + [""]
    rows[2001] = [""] * len(HEADER)
    rows[3003][1] = " Anna  Maria "
    return rows


def _write_register(path: Path, *, rows: int, encoding: str, quoted: bool) -> Path:
    rng = np.random.default_rng(20261102)
    data = _cells(rng, rows)
    lines = ["Melderegisterauszug Stadt Dortmund" + ";" * (len(HEADER) - 1), "Stand: 01.11.2026", ";".join(HEADER)]
    for row in data:
        if quoted:
            lines.append(";".join(f'"{c}"' if (" " in c or i == 0) else c for i, c in enumerate(row)))
        else:
            lines.append(";".join(row))
    text = "\r\n".join(lines) + "\r\n"
    path.write_bytes(text.encode(encoding, errors="replace"))
    return path


def _blank_versions(text: str) -> str:
    for version in (f"Quartierslabor {__version__}", f"Version {__version__}", f"Python {platform.python_version()}",
                    f"numpy {np.__version__}"):
        text = text.replace(version, "<version>")
    return text


def _run_case(folder: Path, name: str, spec: dict) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    register = _write_register(folder / f"{name}.csv", rows=spec["rows"], encoding=spec["encoding"],
                               quoted=spec["quoted"])
    out, protocol = folder / "liste.csv", folder / "protokoll.pdf"
    code = main(["draw", str(register), "--seed", SEED, "--out", str(out), "--protocol", str(protocol),
                 "--reference-date", "01.11.2026", "--user", "Pin", *spec["args"]])
    assert code == 0
    record = json.loads((folder / "protokoll.json").read_text(encoding="utf-8"))
    record["software"]["version"] = "<version>"
    record["outputs"] = [o for o in record["outputs"] if o["kind"] != "protocol"]   # its bytes: see module doc
    protocol_text = "\n".join(p.extract_text() for p in PdfReader(str(protocol)).pages)
    return {
        "register_sha256": hashlib.sha256(register.read_bytes()).hexdigest(),
        "invitees_sha256": record["invitees_sha256"],
        "first_invitees": [i["person_key"][:16] for i in record["invitees"][:5]],
        "list_sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
        "record_sha256": hashlib.sha256(json.dumps(record, sort_keys=True).encode("utf-8")).hexdigest(),
        "protocol_text_sha256": hashlib.sha256(_blank_versions(protocol_text).encode("utf-8")).hexdigest(),
    }


def _fixed_clock(monkeypatch=None):
    if monkeypatch is not None:
        monkeypatch.setattr(draw_service, "now", lambda: FIXED_NOW)
    else:
        draw_service.now = lambda: FIXED_NOW


def test_draw_matches_pinned_expectation(tmp_path: Path, monkeypatch, capsys):
    _fixed_clock(monkeypatch)
    expected = json.loads(EXPECTATION.read_text(encoding="utf-8"))
    assert set(expected) == set(CASES)
    for name, spec in CASES.items():
        got = _run_case(tmp_path / name, name, spec)
        capsys.readouterr()
        assert got["register_sha256"] == expected[name]["register_sha256"], "the test's register recipe changed"
        assert got == expected[name], name


if __name__ == "__main__" and "--record" in sys.argv:
    import tempfile
    _fixed_clock()
    with tempfile.TemporaryDirectory() as tmp:
        pinned = {name: _run_case(Path(tmp) / name, name, spec) for name, spec in CASES.items()}
    EXPECTATION.write_text(json.dumps(pinned, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"recorded {EXPECTATION}")
