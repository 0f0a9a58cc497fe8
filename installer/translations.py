"""Qt Linguist translations of the UI (German source text -> English).

    .venv/bin/python installer/translations.py --update    # pyside6-lupdate: collect the marked strings
    .venv/bin/python installer/translations.py --release   # pyside6-lrelease: .ts -> .qm

``--update`` scans every ``quartierslabor_app/qt/**/*.py`` and ``quartierslabor_app/core/**/*.py``
and merges the strings marked with ``translate("Context", "Text")`` (Qt layer) or
``QT_TRANSLATE_NOOP("Context", "Text")`` (core texts shown in the GUI, ``core/messages.py``) into ``resources/translations/quartierslabor_<lang>.ts``:
existing translations are kept, strings no longer in the code are dropped. Translate new
strings with Qt Linguist (``.venv/bin/pyside6-linguist resources/translations/quartierslabor_en.ts``)
or in the XML directly. ``--release`` compiles each ``.ts`` to a ``.qm`` beside it (build output,
git-ignored); the install and build steps run it.

Without Qt Linguist at hand, ``--untranslated`` prints the strings still to translate as
tab-separated lines (context, German source, empty translation) and ``--fill FILE.tsv`` writes the
translations of such a file (third column filled in; ``\\n`` for a line break) into the ``.ts``.
Every change of the ``.ts`` holds a lock file, so several people (or scripts) may run it at once.
"""
from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "quartierslabor_app" / "qt", ROOT / "quartierslabor_app" / "core")
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
    return sorted(p for folder in SOURCE_DIRS for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def update(ts_files: list[Path] | None = None, *, quiet: bool = True) -> list[Path]:
    """Run pyside6-lupdate over the Qt sources into each ``.ts`` (created when missing)."""
    ts_files = ts_files or [ts_path(lang) for lang in LANGUAGES]
    lupdate = _tool("pyside6-lupdate")
    # file paths relative to the repository root, so the .ts locations do not depend on the machine
    sources = [str(p.relative_to(ROOT)) for p in source_files()]
    for ts in ts_files:
        ts.parent.mkdir(parents=True, exist_ok=True)
        with _locked(ts):
            _run_lupdate(lupdate, sources, ts, quiet)
    return ts_files


def _run_lupdate(lupdate: str, sources: list[str], ts: Path, quiet: bool) -> None:
    language = ts.stem.rsplit("_", 1)[-1]
    cmd = [lupdate, *sources, "-source-language", "de_DE", "-target-language", language,
           "-locations", "none", "-no-obsolete", "-ts", str(ts.resolve())]
    if quiet:
        cmd.insert(1, "-silent")
    subprocess.run(cmd, check=True, cwd=str(ROOT))


@contextlib.contextmanager
def _locked(ts: Path):
    """An exclusive lock beside ``ts`` while it is read and rewritten (POSIX; no-op elsewhere)."""
    lock_path = ts.with_name(ts.name + ".lock")
    with open(lock_path, "w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: single user, no lock needed
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every active message whose translation is unfinished or empty."""
    import xml.etree.ElementTree as ET

    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            if kind == "unfinished" or not (translation.text or "").strip():
                missing.append((name, message.findtext("source") or ""))
    return missing


def fill(ts: Path, tsv: Path) -> tuple[int, list[str]]:
    """Write the translations of ``tsv`` (context, source, translation) into ``ts``.

    Returns the number of messages filled and the lines that matched no message of the ``.ts``.
    """
    import xml.etree.ElementTree as ET

    wanted: dict[tuple[str, str], str] = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].strip():
            continue
        wanted[(parts[0], _unescape(parts[1]))] = _unescape(parts[2])
    with _locked(ts):
        tree = ET.parse(ts)
        done = set()
        for context in tree.getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                key = (name, message.findtext("source") or "")
                if key not in wanted:
                    continue
                translation = message.find("translation")
                if translation is None:
                    translation = ET.SubElement(message, "translation")
                if translation.get("type") in ("obsolete", "vanished"):
                    continue
                translation.attrib.pop("type", None)
                translation.text = wanted[key]
                done.add(key)
        with open(ts, "wb") as out:
            out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(out, encoding="utf-8", xml_declaration=False)
            out.write(b"\n")
    unmatched = [f"{c}\t{_escape(s)}" for (c, s) in wanted if (c, s) not in done]
    return len(done), unmatched


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
    parser.add_argument("--untranslated", action="store_true",
                        help="print the strings still to translate (context TAB source TAB)")
    parser.add_argument("--fill", type=Path, metavar="FILE.tsv",
                        help="write the translations of a tab-separated file into the .ts")
    parser.add_argument("--language", default=LANGUAGES[0], choices=LANGUAGES)
    args = parser.parse_args(argv)
    if not (args.update or args.release or args.untranslated or args.fill):
        parser.error("give --update, --fill, --untranslated and/or --release")
    if args.update:
        for ts in update(quiet=False):
            print(f"Updated {ts.relative_to(ROOT)}")
    if args.fill:
        count, unmatched = fill(ts_path(args.language), args.fill)
        print(f"Filled {count} translations into {ts_path(args.language).relative_to(ROOT)}")
        for line in unmatched:
            print(f"no such message (run --update first?): {line}", file=sys.stderr)
        update([ts_path(args.language)])   # back to lupdate's own XML layout
    if args.untranslated:
        for context, source in untranslated(ts_path(args.language)):
            print(f"{context}\t{_escape(source)}\t")
    if args.release:
        for qm in release():
            print(f"Compiled {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
