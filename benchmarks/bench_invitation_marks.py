"""Speed of marking replies and attendance in the invitation list (issue 8). Prints figures; asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_invitation_marks.py [--invitees 400] [--marks 60]

Measures, on a lab with ``--invitees`` stored invitees shown in the invitation view (sorted, the
way the facilitator uses it): from the key press (Z, A, U, or the attendance key) on the selected
row until the row shows the new value with all events processed (the view has repainted and the
counts line is up to date); p50/p95/max over ``--marks`` marks that walk down the list (target
p95 <= 50 ms). Then the time until every mark is in the database (the writes run in the
background, one after the other).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_board import percentile  # noqa: E402 - the benchmarks' one percentile


def fill_database(db_path: Path, n: int) -> int:
    from quartierslabor_app.core.labs import create_lab
    from quartierslabor_app.core.storage.database import open_database
    from quartierslabor_app.core.storage.models import Invitee

    database = open_database(db_path)
    with database.session() as s:
        lab_id = create_lab(s, "Benchmark Einladung", "Eving", capacity=30).id
        for i in range(n):
            s.add(Invitee(lab_id=lab_id, draw_order=i + 1, is_replacement=i >= n * 3 // 4,
                          stratum=f"{18 + 10 * (i % 6)}–{27 + 10 * (i % 6)} · {'wm'[i % 2]}",
                          age_band=f"{18 + 10 * (i % 6)}–{27 + 10 * (i % 6)}", gender="wm"[i % 2],
                          district="Eving", subdistrict=f"Eving {i % 4}", family_name=f"Muster{i:03d}",
                          given_names="Anna Maria", street=f"Hauptstraße {i + 1}", postcode="44339",
                          city="Dortmund", reply="offen"))
    database.dispose()
    return lab_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--invitees", type=int, default=400)
    parser.add_argument("--marks", type=int, default=60)
    args = parser.parse_args()

    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from quartierslabor_app.core.storage.database import open_database
    from quartierslabor_app.core.storage.models import Invitee
    from quartierslabor_app.qt.draw.invitation_view import InvitationView, attendance_key, reply_keys
    from sqlalchemy import func, select

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.sqlite"
        lab_id = fill_database(db_path, args.invitees)
        database = open_database(db_path)
        view = InvitationView(database, lab_id)
        view.resize(1280, 720)
        view.show()
        app.processEvents()
        keys = reply_keys()
        plan = [("zugesagt", keys["zugesagt"]), ("abgesagt", keys["abgesagt"]),
                ("unzustellbar", keys["unzustellbar"]), ("anwesend", attendance_key())]
        timings: dict[str, list[float]] = {name: [] for name, _ in plan}
        view.table.setFocus()
        for i in range(args.marks):
            name, key = plan[i % len(plan)]
            view.table.selectRow(i % view.proxy.rowCount())
            app.processEvents()
            start = time.perf_counter()
            QTest.keyClick(view.table, QKeySequence(key)[0].key())
            app.processEvents()
            timings[name].append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        view.wait_for_writes()
        drained = (time.perf_counter() - start) * 1000
        with database.session() as s:
            marked = s.scalar(select(func.count(Invitee.id)).where(Invitee.lab_id == lab_id,
                                                                 (Invitee.reply != "offen") | Invitee.attended))
        every = [t for values in timings.values() for t in values]
        print(f"invitees: {args.invitees}, marks: {args.marks}")
        for name, values in timings.items():
            if values:
                print(f"  {name:13s} p50 {statistics.median(values):6.1f} ms  p95 {percentile(values, 0.95):6.1f} ms"
                      f"  max {max(values):6.1f} ms  (n={len(values)})")
        print(f"  all marks     p50 {statistics.median(every):6.1f} ms  p95 {percentile(every, 0.95):6.1f} ms"
              f"  max {max(every):6.1f} ms   (target p95 <= 50 ms)")
        print(f"  background writes drained {drained:.1f} ms after the last mark; rows marked in the database: {marked}")
        view.close()
        view.deleteLater()
        app.processEvents()
        database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
