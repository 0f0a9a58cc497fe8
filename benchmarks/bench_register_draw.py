"""Benchmark: a whole draw from a Dortmund-size register extract, side by side with ``pandas.read_csv``.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_register_draw.py [--rows 600000] [--size 1000] [--pairs 3] [--regenerate]

The synthetic extract (Windows-1252, semicolons, two title lines, 600,000 rows) is
generated once into ``benchmarks/out/`` (gitignored) in a separate process.

Each *pair* runs two fresh processes one after the other and measures them whole (wall
clock from start to exit, including Python start-up and imports, and the process's peak
resident memory):

* **draw**: ``quartierslabor draw REGISTER --size 1000 --seed … --out liste.csv`` (read,
  validate with every message and Excel row number, draw, write the invitee list);
* **pandas**: ``pandas.read_csv(REGISTER, sep=";", encoding="cp1252", dtype=str)`` only.

Printed: every pair (wall clock and the process's CPU time), the medians and the ratios of the medians. Targets (issue 9): the draw
takes at most 3x the pandas read, and peaks under 500 MB. pandas is not a dependency of
the app; install it into the venv only for this comparison (``.venv/bin/pip install
pandas``). Without pandas the script says so and prints the draw figures alone.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
REFERENCE_DATE = "01.11.2026"
SEED_TEXT = "Lottozahlen 2026-11-01: 3 11 19 27 38 45"
TARGET_RATIO = 3.0
TARGET_PEAK_MB = 500

_GENERATE = """
import datetime as dt, sys
from quartierslabor_app.core.demo import generate_register, write_register_csv
rows = generate_register(int(sys.argv[1]), seed=46, reference_date=dt.date(2026, 11, 1))
write_register_csv(sys.argv[2], rows, encoding="cp1252", delimiter=";",
                   title_lines=("Melderegisterauszug (synthetisch) Stadt Dortmund", "Stand: 01.11.2026"))
"""

#: the CLI in a wrapper that records the process's peak memory when it ends
_DRAW = """
import json, resource, sys
from quartierslabor_app.cli.main import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as fh:
    json.dump({"exit": code, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, fh)
"""

_PANDAS = """
import json, resource, sys
try:
    import pandas
except ImportError:
    with open(sys.argv[1], "w") as fh:
        json.dump({"missing": True}, fh)
    raise SystemExit(0)
frame = pandas.read_csv(sys.argv[2], sep=";", encoding="cp1252", dtype=str, skiprows=2, keep_default_na=False)
with open(sys.argv[1], "w") as fh:
    json.dump({"rows": len(frame), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               "version": pandas.__version__}, fh)
"""


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(code: str, args: list[str], figures: Path) -> tuple[float, dict]:
    """Wall seconds of one fresh process and its figures (plus ``cpu``: its user + system seconds)."""
    cpu = _cpu_children()
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, str(figures), *args], cwd=ROOT, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0 or not figures.exists():
        raise SystemExit(f"Lauf fehlgeschlagen (Exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    figures_read = json.loads(figures.read_text())
    figures_read["cpu"] = _cpu_children() - cpu
    return seconds, figures_read


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600_000)
    parser.add_argument("--size", type=int, default=1000, help="invitations to draw")
    parser.add_argument("--pairs", type=int, default=3, help="pairs of draw and pandas runs (median)")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"register_{args.rows}_cp1252.csv"
    if args.regenerate or not path.exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", _GENERATE, str(args.rows), str(path)], check=True, cwd=ROOT)
        print(f"Erzeugt: {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")
    print(f"Registerauszug: {path.name}, {path.stat().st_size / 1e6:.1f} MB, Ziehung von {args.size}")

    draws: list[tuple[float, float, float]] = []
    reads: list[tuple[float, float, float]] = []
    pandas_info: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "liste.csv"
        for pair in range(1, args.pairs + 1):
            seconds, fig = _run(_DRAW, ["draw", str(path), "--size", str(args.size), "--seed", SEED_TEXT,
                                        "--out", str(out), "--reference-date", REFERENCE_DATE, "--skip-invalid"],
                                Path(tmp) / f"draw{pair}.json")
            if fig["exit"] != 0:
                raise SystemExit(f"Die Ziehung endete mit Exit {fig['exit']}.")
            draws.append((seconds, fig["peak_mb"], fig["cpu"]))
            line = f"Paar {pair}: Ziehung {seconds:6.2f} s (CPU {fig['cpu']:5.2f} s), {fig['peak_mb']:4.0f} MB"
            seconds, fig = _run(_PANDAS, [str(path)], Path(tmp) / f"pandas{pair}.json")
            if fig.get("missing"):
                print(line + " | pandas nicht installiert (.venv/bin/pip install pandas) – Vergleich entfällt")
                continue
            pandas_info = fig
            reads.append((seconds, fig["peak_mb"], fig["cpu"]))
            print(line + f" | pandas.read_csv {seconds:6.2f} s (CPU {fig['cpu']:5.2f} s), {fig['peak_mb']:4.0f} MB")

    draw_s = statistics.median(s for s, _, _ in draws)
    draw_cpu = statistics.median(c for _, _, c in draws)
    draw_mb = max(mb for _, mb, _ in draws)
    print("-" * 72)
    print(f"Ziehung (ganzer Prozess, Median):     {draw_s:6.2f} s (CPU {draw_cpu:5.2f} s), Spitze {draw_mb:4.0f} MB "
          f"(Ziel < {TARGET_PEAK_MB} MB)")
    if not reads:
        print("pandas fehlt: kein Verhältnis. Ziel Speicher "
              + ("erreicht." if draw_mb < TARGET_PEAK_MB else "NICHT erreicht."))
        return 0
    read_s = statistics.median(s for s, _, _ in reads)
    read_cpu = statistics.median(c for _, _, c in reads)
    read_mb = max(mb for _, mb, _ in reads)
    ratio = draw_s / read_s
    print(f"pandas {pandas_info['version']} read_csv (Median):    {read_s:6.2f} s (CPU {read_cpu:5.2f} s), Spitze "
          f"{read_mb:4.0f} MB")
    print(f"Verhältnis Ziehung / pandas (Issue 9: Median Ziehung / Median pandas): {ratio:5.2f}x Wanduhr, "
          f"{draw_cpu / read_cpu:4.2f}x CPU (Ziel <= {TARGET_RATIO:.0f}x)")
    pair_wall = statistics.median(d[0] / r[0] for d, r in zip(draws, reads))
    pair_cpu = statistics.median(d[2] / r[2] for d, r in zip(draws, reads))
    print(f"Median der Verhältnisse je Paar (gleiche Last in beiden Läufen): {pair_wall:5.2f}x Wanduhr, "
          f"{pair_cpu:4.2f}x CPU")
    print("(Auf einer ausgelasteten Maschine streut die Wanduhr stark; die CPU-Zeit ist das ruhigere Maß.)")
    ok = ratio <= TARGET_RATIO and draw_mb < TARGET_PEAK_MB
    print("Ziele erreicht." if ok else "Ziele NICHT (vollständig) erreicht.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
