"""Build the one-folder app for this platform: ``dist/quartierslabor/quartierslabor`` (``.exe`` on Windows).

    .venv/bin/python -m pip install -e ".[build]"
    .venv/bin/python installer/build.py [--dist DIR] [--work DIR]

Steps: compile the Qt Linguist translations (resources/translations/*.ts -> .qm), run
PyInstaller with installer/quartierslabor.spec, then print the size of the built folder and
the time the frozen app takes to start (``--version``). On Windows, compile the installer
afterwards with Inno Setup: ``iscc installer\\quartierslabor.iss``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "quartierslabor.spec"
APP_NAME = "quartierslabor"
IS_WINDOWS = sys.platform.startswith("win")


def executable_path(dist: Path, name: str = APP_NAME) -> Path:
    return dist / APP_NAME / (name + (".exe" if IS_WINDOWS else ""))


def cli_executable_path(dist: Path) -> Path:
    """The executable that prints to the console (Windows has a separate console twin)."""
    return executable_path(dist, APP_NAME + "-cli") if IS_WINDOWS else executable_path(dist)


def folder_size(path: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            file = Path(folder) / name
            if not file.is_symlink():
                total += file.stat().st_size
    return total


def _lrelease() -> list[str] | None:
    scripts = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe", "lrelease"):
        candidate = scripts / name
        if candidate.exists():
            return [str(candidate)]
        found = shutil.which(name)
        if found:
            return [found]
    return None


def compile_translations() -> list[Path]:
    """resources/translations/*.ts -> .qm beside them (the .qm files are build output)."""
    sources = sorted((ROOT / "resources" / "translations").glob("*.ts"))
    if not sources:
        return []
    tool = _lrelease()
    if tool is None:
        raise SystemExit("pyside6-lrelease not found: install PySide6 into this Python environment.")
    built = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        subprocess.run([*tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def run_pyinstaller(dist: Path, work: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit('PyInstaller is missing: .venv/bin/python -m pip install -e ".[build]"') from None
    target = dist / APP_NAME
    if target.exists():
        shutil.rmtree(target)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(cmd, check=True, cwd=str(ROOT))


def strip_python_debug_info(app_dir: Path) -> int:
    """Linux: drop debug sections from the Python runtime (libpython, lib-dynload); bytes saved.

    Only these: wheel libraries (numpy.libs, PySide6 ...) are patched by auditwheel and must
    not be stripped. Debug info is what a crash dump would need, not the app.
    """
    strip = shutil.which("strip")
    if IS_WINDOWS or sys.platform == "darwin" or strip is None:
        return 0
    internal = app_dir / "_internal"
    targets = list(internal.glob("libpython3*.so*")) + list(internal.glob("python3*/lib-dynload/*.so"))
    saved = 0
    for lib in targets:
        if lib.is_symlink() or not lib.is_file():
            continue
        before = lib.stat().st_size
        subprocess.run([strip, "--strip-debug", str(lib)], check=True)
        saved += before - lib.stat().st_size
    return saved


def time_start(exe: Path, runs: int = 3) -> tuple[float, str]:
    """Seconds of the fastest of ``runs`` ``--version`` starts, and what it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    best, output = float("inf"), ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env, timeout=120)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"{exe} --version failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
        best, output = min(best, elapsed), proc.stdout.strip()
    return best, output


def build(dist: Path, work: Path) -> Path:
    """Build and return the executable path; prints size and start time."""
    started = time.perf_counter()
    qm = compile_translations()
    if qm:
        print(f"Translations compiled: {', '.join(p.name for p in qm)}")
    run_pyinstaller(dist, work)
    exe = executable_path(dist)
    if not exe.exists():
        raise SystemExit(f"Build finished but {exe} is missing.")
    saved = strip_python_debug_info(dist / APP_NAME)
    if saved:
        print(f"Stripped debug info from the Python runtime: {saved / 1e6:.1f} MB")
    build_s = time.perf_counter() - started
    size_mb = folder_size(dist / APP_NAME) / 1e6
    start_s, version = time_start(cli_executable_path(dist))
    print(f"Built {exe} in {build_s:.0f} s")
    print(f"Folder size: {size_mb:.1f} MB ({dist / APP_NAME})")
    print(f"Frozen start time (--version, best of 3): {start_s:.2f} s -> {version}")
    return exe


def build_windows_installer() -> Path:
    """Compile installer/quartierslabor.iss with Inno Setup's iscc (Windows only)."""
    iscc = shutil.which("iscc") or next((str(p) for p in (
        Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe",
        Path(os.environ.get("LOCALAPPDATA", "")) / "Programs" / "Inno Setup 6" / "ISCC.exe") if p.exists()), None)
    if not IS_WINDOWS or iscc is None:
        raise SystemExit("The Windows installer needs Inno Setup 6 (iscc) on Windows.")
    subprocess.run([iscc, str(ROOT / "installer" / "quartierslabor.iss")], check=True, cwd=str(ROOT))
    return ROOT / "dist" / "installer"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder Quartierslabor app with PyInstaller.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller work folder (default: build/pyinstaller/)")
    parser.add_argument("--installer", action="store_true",
                        help="on Windows: also compile the Inno Setup installer (needs the default dist/)")
    args = parser.parse_args(argv)
    build(args.dist.resolve(), args.work.resolve())
    if args.installer:
        print(f"Installer written to {build_windows_installer()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
