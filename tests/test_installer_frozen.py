"""The frozen (PyInstaller) app: built fresh once per test session, then run like a user would.

Packaging mistakes (a missing migration, font, Qt plugin, database driver) make these fail.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quartierslabor_app import __version__

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = REPO / "installer" / "build.py"
BUILD_TIMEOUT_S = 1200
BUILD_FIGURES: list[str] = []  # what build.py measured, shown by test_frozen_version_and_start_time


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory) -> Path:
    """Build dist/quartierslabor into a temporary folder with installer/build.py (never cached)."""
    out = tmp_path_factory.mktemp("frozen")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--dist", str(out / "dist"),
                           "--work", str(out / "work")],
                          capture_output=True, text=True, cwd=str(REPO), timeout=BUILD_TIMEOUT_S)
    if proc.returncode != 0:
        pytest.fail(f"installer/build.py failed (exit {proc.returncode}):\n{proc.stdout[-4000:]}\n"
                    f"{proc.stderr[-8000:]}", pytrace=False)
    shutil.rmtree(out / "work", ignore_errors=True)  # PyInstaller's intermediate files: not needed any more
    exe = out / "dist" / "quartierslabor" / ("quartierslabor.exe" if sys.platform.startswith("win")
                                             else "quartierslabor")
    assert exe.exists(), proc.stdout
    BUILD_FIGURES.append(f"build {time.perf_counter() - started:.0f} s")
    BUILD_FIGURES.extend(line for line in proc.stdout.splitlines()
                         if line.startswith(("Folder size", "Frozen start")))
    return exe


def run(exe: Path, *args: str, timeout: float = 180, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout, env=env)


def test_frozen_version_and_start_time(frozen_app, capsys):
    started = time.perf_counter()
    proc = run(frozen_app, "--version")
    elapsed = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"quartierslabor {__version__}"
    size_mb = sum(f.stat().st_size for f in frozen_app.parent.rglob("*") if f.is_file() and not f.is_symlink())
    with capsys.disabled():  # the figures the issue asks for, in the test log
        print(f"\n[frozen app] folder {size_mb / 1e6:.1f} MB, --version start {elapsed:.2f} s; "
              + "; ".join(BUILD_FIGURES))


def test_frozen_folder_ships_resources_migrations_and_qt_plugins(frozen_app):
    internal = frozen_app.parent / "_internal"
    for relative in ("quartierslabor_resources/fonts/DejaVuSans.ttf",
                     "quartierslabor_resources/fonts/DejaVuSans-Bold.ttf",
                     "quartierslabor_resources/icons/quartierslabor-256.png",
                     "quartierslabor_resources/icons/quartierslabor.ico",
                     "quartierslabor_migrations/env.py",
                     "quartierslabor_migrations/script.py.mako",
                     "quartierslabor_migrations/versions/0001_initial_schema.py"):
        assert (internal / relative).is_file(), f"missing in the frozen app: {relative}"
    qt_dir = internal / "PySide6" / "Qt" if (internal / "PySide6" / "Qt").is_dir() else internal / "PySide6"
    assert (qt_dir / "translations" / "qtbase_de.qm").is_file()  # German standard dialogs
    plugins = qt_dir / "plugins" / "platforms"
    assert any(p.name.startswith("libqoffscreen") or p.name == "qoffscreen.dll" for p in plugins.iterdir())
    # unused Qt modules are left out (they would double the size)
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("QtQml", "QtQuick", "QtWebEngineCore", "QtMultimedia", "Qt3DCore", "QtCharts"):
        assert not any(re.match(rf"^(lib)?{unwanted}(\.|6\.|\.abi3)", n) for n in names), unwanted
    assert not any(n.startswith("qt_fr") or n.startswith("qtbase_fr") for n in names)


def test_frozen_cli_creates_a_lab_and_migrates(frozen_app, tmp_path):
    from quartierslabor_app.core.storage.database import head_revision, open_database

    db_file = tmp_path / "frozen.sqlite3"
    proc = run(frozen_app, "lab", "create", "--db", str(db_file), "--name", "Eving Frühjahr",
               "--district", "Eving", "--date", "2026-03-14", "--venue", "Bürgerhaus")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "„Eving Frühjahr“ (Eving) angelegt" in proc.stdout
    listed = run(frozen_app, "lab", "list", "--db", str(db_file))
    assert listed.returncode == 0 and "Eving\t2026-03-14\tEving Frühjahr" in listed.stdout
    refused = run(frozen_app, "lab", "create", "--db", str(db_file), "--name", "Eving Frühjahr",
                  "--district", "Eving")
    assert refused.returncode == 2 and "gibt es schon" in refused.stderr
    retention = run(frozen_app, "retention", "--db", str(db_file), "--today", "2026-12-01")
    assert retention.returncode == 0 and "Keine gespeicherten personenbezogenen Daten" in retention.stdout
    database = open_database(db_file)  # the schema the frozen migrations wrote is the current one
    try:
        assert database.current_revision() == head_revision()
    finally:
        database.dispose()


def test_frozen_panel_solves_with_highs_and_verifies(frozen_app, tmp_path):
    from test_panel_cli import write_files
    respondents, categories = write_files(tmp_path)
    record = tmp_path / "panel.json"
    proc = run(frozen_app, "panel", str(respondents), "--categories", str(categories), "--seats", "9",
               "--seed", "Lotto 7 8 9", "--out", str(tmp_path / "panel.csv"), "--record", str(record))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("Panel: 9 von 30 Zusagen ausgelost") and "HiGHS" not in proc.stdout
    checked = run(frozen_app, "verify", str(record), str(respondents))
    assert checked.returncode == 0 and checked.stdout.startswith("Bestätigt"), checked.stdout + checked.stderr


def test_frozen_app_reaches_postgresql(frozen_app, fresh_pg_url):
    plain_url = fresh_pg_url.replace("postgresql+psycopg://", "postgresql://")
    # PSYCOPG_IMPL=binary: fail unless the bundled libpq wrapper loads (Windows has no system libpq)
    proc = run(frozen_app, "lab", "create", "--db", plain_url, "--name", "Gemeinsam", "--district", "Hörde",
               env_extra={"PSYCOPG_IMPL": "binary"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    listed = run(frozen_app, "lab", "list", "--db", fresh_pg_url)
    assert listed.returncode == 0 and "Hörde\t–\tGemeinsam" in listed.stdout


def test_frozen_self_test(frozen_app):
    """The GUI self-test (qt/app.py: run_gui(self_test=True)) passes in the frozen app."""
    proc = run(frozen_app, "--self-test", timeout=300, env_extra={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
