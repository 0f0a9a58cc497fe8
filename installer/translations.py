"""Qt Linguist translations of the UI (German source text -> English).

    .venv/bin/python installer/translations.py --update    # pyside6-lupdate: collect the marked strings
    .venv/bin/python installer/translations.py --release   # pyside6-lrelease: .ts -> .qm

``--update`` scans every ``quartierslabor_app/qt/**/*.py`` and merges the strings marked with
``translate("Context", "Text")`` into ``resources/translations/quartierslabor_<lang>.ts``:
existing translations are kept, strings no longer in the code are marked obsolete. Translate new
strings with Qt Linguist (``.venv/bin/pyside6-linguist resources/translations/quartierslabor_en.ts``)
or in the XML directly. ``--release`` compiles each ``.ts`` to a ``.qm`` beside it (build output,
git-ignored); the install and build steps run it.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "quartierslabor_app" / "qt"
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("en",)
CATALOGUE = "quartierslabor"


def ts_path(language: str, folder: Path = TRANSLATIONS_DIR) -> Path:
    return folder / f"{CATALOGUE}_{language}.ts"


def _tool(name: str) -> str:
    scripts = Path(sys.executable).parent
    for candidate in (scripts / name, scripts / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise SystemExit(f"{name} not found: install PySide6 into this Python environment.")


def source_files() -> list[Path]:
    return sorted(p for p in SOURCE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def update(ts_files: list[Path] | None = None, *, quiet: bool = True) -> list[Path]:
    """Run pyside6-lupdate over the Qt sources into each ``.ts`` (created when missing)."""
    ts_files = ts_files or [ts_path(lang) for lang in LANGUAGES]
    lupdate = _tool("pyside6-lupdate")
    # file paths relative to the repository root, so the .ts locations do not depend on the machine
    sources = [str(p.relative_to(ROOT)) for p in source_files()]
    for ts in ts_files:
        ts.parent.mkdir(parents=True, exist_ok=True)
        language = ts.stem.rsplit("_", 1)[-1]
        cmd = [lupdate, *sources, "-source-language", "de_DE", "-target-language", language,
               "-locations", "none", "-ts", str(ts.resolve())]
        if quiet:
            cmd.insert(1, "-silent")
        subprocess.run(cmd, check=True, cwd=str(ROOT))
    return ts_files


def release(ts_files: list[Path] | None = None) -> list[Path]:
    """Compile each ``.ts`` to a ``.qm`` beside it; returns the ``.qm`` paths."""
    ts_files = ts_files or sorted(TRANSLATIONS_DIR.glob("*.ts"))
    lrelease = _tool("pyside6-lrelease")
    built = []
    for ts in ts_files:
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Update (lupdate) or compile (lrelease) the UI translations.")
    parser.add_argument("--update", action="store_true", help="collect marked strings into the .ts files")
    parser.add_argument("--release", action="store_true", help="compile the .ts files to .qm")
    args = parser.parse_args(argv)
    if not (args.update or args.release):
        parser.error("give --update and/or --release")
    if args.update:
        for ts in update(quiet=False):
            print(f"Updated {ts.relative_to(ROOT)}")
    if args.release:
        for qm in release():
            print(f"Compiled {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
