"""Benchmark: the draw alone (no file import) on a Dortmund-size register, plus its outputs.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_draw_only.py [--rows 600000] [--size 1000] [--repeat 3]

Builds a ValidatedRegister of synthetic residents directly in memory (the demo generator's
columns, keys computed with the register import's documented rules), then times
``run_draw`` for several settings, and writing the invitee list (CSV, XLSX), the protocol
and the letters for the drawn people. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quartierslabor_app.core.demo import generate_register_columns  # noqa: E402
from quartierslabor_app.core.draw import (DrawSettings, LabInfo, LetterTemplate, run_draw,  # noqa: E402
                                          write_invitee_list, write_letters_pdf, draw_addressees, write_protocol_pdf)
from quartierslabor_app.core.register.model import (DetectedFormat, Field, RawTable,  # noqa: E402
                                                    ValidatedRegister)
from quartierslabor_app.core.register.normalize import household_key  # noqa: E402

HEADERS = ["Familienname", "Vornamen", "Geburtsdatum", "Geschlecht", "Straße", "Hausnummer", "PLZ", "Ort",
           "Stadtbezirk", "Statistischer Bezirk"]
KEYS = ["family_name", "given_names", "birth_date", "gender", "street", "house_number", "postcode", "city",
        "district", "subdistrict"]


def build_register(n: int) -> ValidatedRegister:
    ref = dt.date(2026, 11, 1)
    cols = generate_register_columns(n, seed=46, reference_date=ref)
    text_cols = []
    for key in KEYS:
        values = cols[key]
        if key == "birth_date":
            values = [d.strftime("%d.%m.%Y") for d in values]
        text_cols.append([str(v) for v in values])
    rows = [list(r) for r in zip(*text_cols)]
    hh_cache: dict[tuple[str, str, str], str] = {}
    hh = []
    for s, h, p in zip(cols["street"], cols["house_number"], cols["postcode"]):
        k = (s, h, p)
        v = hh_cache.get(k)
        if v is None:
            v = hh_cache[k] = household_key(s, h, p)
        hh.append(v)
    pk = [hashlib.sha256(f"{r[0]}|{r[1]}|{r[2]}|{h}".encode()).hexdigest() for r, h in zip(rows, hh)]
    table = RawTable(file_name="synthetisch.csv", sha256="0" * 64,
                     format=DetectedFormat(kind="csv", encoding="cp1252", delimiter=";"), headers=HEADERS,
                     rows=rows, row_numbers=list(range(2, n + 2)))
    mapping = {Field.FAMILY_NAME: 0, Field.GIVEN_NAMES: 1, Field.BIRTH_DATE: 2, Field.GENDER: 3, Field.STREET: 4,
               Field.HOUSE_NUMBER: 5, Field.POSTCODE: 6, Field.CITY: 7, Field.DISTRICT: 8, Field.SUBDISTRICT: 9}

    def obj(values):
        arr = np.empty(n, dtype=object)
        arr[:] = values
        return arr

    return ValidatedRegister(table=table, mapping=mapping, reference_date=ref, valid_index=np.arange(n),
                             age=np.asarray(cols["age"], dtype=np.int16),
                             gender=np.asarray(cols["gender"], dtype="<U1"), district=obj(cols["district"]),
                             subdistrict=obj(cols["subdistrict"]), household_key=obj(hh), person_key=obj(pk))


def timed(label: str, func, repeat: int = 1):
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
    print(f"{label:<60} first {times[0]:6.3f} s  best {min(times):6.3f} s  "
          f"median {sorted(times)[len(times) // 2]:6.3f} s")
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=600_000)
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    reg = build_register(args.rows)
    print(f"register of {args.rows:,} rows built in memory in {time.perf_counter() - t0:.1f} s (not part of the draw)")
    print("(the first run_draw on a register also builds its integer codes of district, sub-district,\n"
          " gender and household once; later draws on the same register reuse them)")
    excluded = frozenset(reg.person_key[: 5000].tolist())
    configs = [
        ("district,age,gender + household rule", DrawSettings(size=args.size)),
        ("district,age,gender, no household rule", DrawSettings(size=args.size, household_rule=False)),
        ("subdistrict,age,gender + household rule + 100 Nachrücker",
         DrawSettings(size=args.size, strata=("subdistrict", "age", "gender"), replacements=100)),
        ("district,age,gender + rule + 5,000 excluded keys", DrawSettings(size=args.size)),
    ]
    result = None
    for label, settings in configs:
        keys = excluded if "excluded" in label else frozenset()
        result = timed(f"run_draw {label}", lambda s=settings, k=keys: run_draw(reg, s, "Bench 1 2 3",
                                                                                 excluded_person_keys=k),
                       args.repeat)
    print(f"  strata: {len(result.strata)}, eligible {result.rows_eligible:,}, households {result.households:,}, "
          f"candidates {result.candidates:,}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        timed(f"write_invitee_list CSV ({len(result.invitees)} rows)",
              lambda: write_invitee_list(out / "l.csv", reg, result))
        timed(f"write_invitee_list XLSX ({len(result.invitees)} rows)",
              lambda: write_invitee_list(out / "l.xlsx", reg, result))
        timed("write_protocol_pdf", lambda: write_protocol_pdf(out / "p.pdf", reg, result, user="bench"))
        info = LabInfo(name="Bench", district="Eving", date=dt.date(2026, 12, 5), venue="Rathaus")
        timed(f"write_letters_pdf ({len(result.main_list)} letters)",
              lambda: write_letters_pdf(out / "b.pdf", draw_addressees(reg, result), LetterTemplate(), info))
        print(f"  letters PDF size: {(out / 'b.pdf').stat().st_size / 1e6:.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (incl. the in-memory register): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
