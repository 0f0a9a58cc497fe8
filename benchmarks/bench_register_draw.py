"""Benchmark: import, validation and stratified draw on a Dortmund-size register extract.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_register_draw.py [--rows 600000] [--regenerate]

The synthetic extract (Windows-1252, semicolons, 600,000 rows) is generated once into
``benchmarks/out/`` (gitignored) in a separate process, so its memory does not count.
Targets (issue 2): read + validation + draw of 1,000 < 15 s on a 2-core machine, peak
memory < 1.5 GB. For comparison the same file is read with ``pandas.read_csv`` in a
separate process (pandas is not a project dependency; install it into the venv only to
run this comparison).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
REFERENCE_DATE = dt.date(2026, 11, 1)
SEED_TEXT = "Lottozahlen 2026-11-01: 3 11 19 27 38 45"

_GENERATE = """
import datetime as dt, sys
from quartierslabor_app.core.demo import generate_register, write_register_csv
rows = generate_register(int(sys.argv[1]), seed=46, reference_date=dt.date(2026, 11, 1))
write_register_csv(sys.argv[2], rows, encoding="cp1252", delimiter=";",
                   title_lines=("Melderegisterauszug (synthetisch) Stadt Dortmund", "Stand: 01.11.2026"))
"""

_PANDAS = """
import json, resource, sys, time
try:
    import pandas
except ImportError:
    print(json.dumps({"missing": True}))
    raise SystemExit(0)
t = time.perf_counter()
frame = pandas.read_csv(sys.argv[1], sep=";", encoding="cp1252", dtype=str, skiprows=2, keep_default_na=False)
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rows": len(frame), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "version": pandas.__version__}))
"""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600_000)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--size", type=int, default=1000, help="invitations to draw")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"register_{args.rows}_cp1252.csv"
    if args.regenerate or not path.exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", _GENERATE, str(args.rows), str(path)], check=True, cwd=ROOT)
        print(f"Erzeugt: {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")

    # pandas first: a child process inherits the parent's peak RSS figure on Linux
    proc = subprocess.run([sys.executable, "-c", _PANDAS, str(path)], capture_output=True, text=True, cwd=ROOT)
    try:
        pandas_fig = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        pandas_fig = {"error": proc.stderr.strip()[-300:]}

    from quartierslabor_app.core.register import guess_mapping, read_register, validate_register

    figures: list[tuple[str, str]] = []
    baseline = peak_mb()
    t0 = time.perf_counter()
    table = read_register(path)
    t1 = time.perf_counter()
    figures.append(("Einlesen (read_register)", f"{t1 - t0:6.2f} s"))
    mapping = guess_mapping(table.headers)
    register = validate_register(table, mapping, reference_date=REFERENCE_DATE)
    t2 = time.perf_counter()
    figures.append(("Prüfen (validate_register)", f"{t2 - t1:6.2f} s"))

    draw_seconds = None
    try:
        from quartierslabor_app.core.draw import run_draw  # type: ignore[attr-defined]
        from quartierslabor_app.core.draw.model import DrawSettings
    except ImportError:
        try:
            from quartierslabor_app.core.draw.engine import run_draw  # type: ignore[no-redef]
            from quartierslabor_app.core.draw.model import DrawSettings
        except ImportError:
            run_draw = None  # type: ignore[assignment]
    if run_draw is None:
        figures.append(("Ziehung", "nicht verfügbar (core.draw.run_draw fehlt)"))
    else:
        t3 = time.perf_counter()
        result = run_draw(register, DrawSettings(size=args.size, reference_date=REFERENCE_DATE), SEED_TEXT)
        draw_seconds = time.perf_counter() - t3
        figures.append((f"Ziehung von {args.size} (run_draw)", f"{draw_seconds:6.2f} s "
                                                               f"({len(result.invitees)} gezogen, "
                                                               f"{len(result.strata)} Schichten)"))
    total = (t2 - t0) + (draw_seconds or 0.0)
    figures.append(("Summe Einlesen + Prüfen + Ziehung", f"{total:6.2f} s   (Ziel < 15 s)"))
    peak = peak_mb()
    figures.append(("Spitzen-Speicher (ru_maxrss)", f"{peak:6.0f} MB  (Ziel < 1536 MB; vor dem Einlesen {baseline:.0f} MB)"))

    if pandas_fig.get("missing"):
        figures.append(("pandas.read_csv (nur Lesen)", "pandas nicht installiert – Vergleich entfällt "
                                                       "(.venv/bin/pip install pandas)"))
    elif "error" in pandas_fig:
        figures.append(("pandas.read_csv (nur Lesen)", f"Fehler: {pandas_fig['error']}"))
    else:
        figures.append((f"pandas {pandas_fig['version']} read_csv (nur Lesen, dtype=str)",
                        f"{pandas_fig['seconds']:6.2f} s, {pandas_fig['peak_mb']:.0f} MB Spitze, "
                        f"{pandas_fig['rows']} Zeilen"))
        figures.append(("Verhältnis Einlesen Quartierslabor / pandas",
                        f"{(t1 - t0) / pandas_fig['seconds']:6.2f}x"))

    width = max(len(k) for k, _ in figures)
    print()
    print(f"Datei: {path.name}, {path.stat().st_size / 1e6:.1f} MB, {table.format.describe()}")
    print(f"Zeilen gelesen: {table.rows_read}, gültig: {register.rows_valid}, Hinweise: {len(register.issues)}")
    print("-" * (width + 50))
    for key, value in figures:
        print(f"{key:<{width}}  {value}")
    print("-" * (width + 50))
    ok = total < 15.0 and peak < 1536 and draw_seconds is not None
    print("Ziele erreicht." if ok else "Ziele NICHT (vollständig) erreicht.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
