"""Benchmark of the report exports (issue 4).

Targets: a lab with 300 cards, 12 clusters and 40 recommendations -> PDF < 3 s, Excel < 2 s;
a comparison across 16 labs (PDF + Excel) < 10 s. Prints the figures; run with

    .venv/bin/python benchmarks/bench_reports.py
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("QUARTIERSLABOR_DATA_DIR", tmp)
        from quartierslabor_app.core import labs
        from quartierslabor_app.core.reports import (build_comparison, build_lab_report, write_comparison_pdf,
                                                     write_comparison_xlsx, write_lab_pdf, write_lab_xlsx)
        from quartierslabor_app.core.reports.example_data import create_example_lab
        from quartierslabor_app.core.storage.database import open_database

        out = Path(tmp)
        db = open_database(out / "bench.sqlite3")
        with db.session() as s:
            lab = create_example_lab(s, "Benchmark-Labor", cards=300, clusters=12, recommendations=40, seed=1)
            lab_id = lab.id
        districts = list(labs.DORTMUND_DISTRICTS)
        with db.session() as s:
            for i in range(15):
                create_example_lab(s, f"Vergleich {i + 1:02d}", districts[i % 12], dt.date(2022 + i // 5, 1 + i % 12, 5),
                                   cards=300, clusters=12, recommendations=40, seed=100 + i, tricky=False)

        results = []

        def timed(label: str, target: float, fn):
            t0 = time.perf_counter()
            value = fn()
            elapsed = time.perf_counter() - t0
            results.append((label, elapsed, target))
            return value

        def lab_data():
            with db.session() as s:
                return build_lab_report(s, labs.get_lab(s, lab_id))

        data = timed("Labor: Daten sammeln (300 Karten, 12 Cluster, 40 Empfehlungen)", 1.0, lab_data)
        timed("Labor: PDF", 3.0, lambda: write_lab_pdf(out / "lab.pdf", data))
        timed("Labor: Excel", 2.0, lambda: write_lab_xlsx(out / "lab.xlsx", data))

        def comparison():
            with db.session() as s:
                cmp = build_comparison(s)
            assert len(cmp.labs) == 16
            write_comparison_pdf(out / "cmp.pdf", cmp)
            write_comparison_xlsx(out / "cmp.xlsx", cmp)
            return cmp

        timed("Vergleich: 16 Labore, Daten + PDF + Excel", 10.0, comparison)
        from pypdf import PdfReader
        pages = len(PdfReader(str(out / "lab.pdf")).pages)
        cmp_pages = len(PdfReader(str(out / "cmp.pdf")).pages)
        db.dispose()

    print(f"{'Messung':<62} {'Zeit':>8} {'Ziel':>7}  ok")
    ok_all = True
    for label, elapsed, target in results:
        ok = elapsed < target
        ok_all &= ok
        print(f"{label:<62} {elapsed:7.2f}s {target:6.1f}s  {'ja' if ok else 'NEIN'}")
    print(f"Seiten: Laborbericht {pages}, Vergleich {cmp_pages}")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
