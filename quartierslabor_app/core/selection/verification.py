"""Third-party verification of a selection record: recompute and compare (``quartierslabor verify``).

``verify_record(record, data_file)`` reads the record's ``kind`` and hands it to the verifier
registered for that kind. This module registers ``"draw"`` (the invitation draw: record +
register extract); the final panel registers ``"panel"`` (record + respondents file) with
:func:`register_verifier` from its own module, listed in :data:`VERIFIER_MODULES`.

Every verifier returns a :class:`Verification`: ``ok`` and one German line that says either
that everything matches or exactly what differs.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..errors import UserError
from ..input_files import read_utf8_text
from ..hashing import file_sha256
from ..messages import german_count
from .record import FORMAT, FORMAT_VERSION, invitee_keys, invitees_sha256, list_content_sha256


@dataclass(frozen=True)
class Verification:
    ok: bool
    line: str          # one German sentence for the terminal


@dataclass(frozen=True)
class VerifyOptions:
    street_directory: Optional[Path] = None
    #: folder of the record: output files found there are compared with the hashes in the record
    record_folder: Optional[Path] = None


Verifier = Callable[[dict, Path, VerifyOptions], Verification]
_VERIFIERS: dict[str, Verifier] = {}
#: modules that register further kinds when imported (the panel adds its module here)
VERIFIER_MODULES: tuple[str, ...] = ("quartierslabor_app.core.selection.panel.verify",)


def register_verifier(kind: str, verifier: Verifier) -> None:
    _VERIFIERS[kind] = verifier


def load_record(path: "str | os.PathLike[str]") -> dict:
    source = Path(path)
    try:
        data = json.loads(read_utf8_text(source))  # a folder or FIFO is named, never opened
    except FileNotFoundError:
        raise UserError("Die Datensatz-Datei gibt es nicht.", file=str(source)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"Die Datensatz-Datei kann nicht gelesen werden ({exc}).", file=str(source)) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"Die Datensatz-Datei ist kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno}).",
                        file=source.name,
                        hint="Verwenden Sie die unveränderte .json-Datei, die neben dem Protokoll gespeichert "
                             "wurde.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError("Die Datei ist kein Datensatz einer Ziehung von Quartierslabor.", file=source.name,
                        hint="Verwenden Sie die .json-Datei, die neben dem Protokoll gespeichert wurde.")
    if int(data.get("format_version", 0)) > FORMAT_VERSION:
        raise UserError(f"Der Datensatz hat das Format {data.get('format_version')}, diese Version kann "
                        f"höchstens Format {FORMAT_VERSION} prüfen.", file=source.name,
                        hint="Prüfen Sie mit der Software-Version, die im Datensatz steht, oder einer neueren.")
    return data


def verify_record(record_path: "str | os.PathLike[str]", data_path: "str | os.PathLike[str]", *,
                  options: VerifyOptions = VerifyOptions()) -> Verification:
    record = load_record(record_path)
    for module in VERIFIER_MODULES:
        importlib.import_module(module)
    kind = str(record.get("kind", ""))
    verifier = _VERIFIERS.get(kind)
    if verifier is None:
        known = ", ".join(sorted(_VERIFIERS))
        raise UserError(f"Datensätze der Art „{kind}“ kann diese Version nicht prüfen (möglich: {known}).",
                        file=Path(record_path).name)
    data = Path(data_path)
    if not data.is_file():
        raise UserError("Die Datei mit den Ausgangsdaten gibt es nicht.", file=str(data))
    if options.record_folder is None:
        options = dataclasses.replace(options, record_folder=Path(record_path).parent)
    return verifier(record, data, options)


# -- the invitation draw ------------------------------------------------------------------------------
def _short(sha: str) -> str:
    return (sha or "–")[:12] + "…"


def _load_register(record: dict, path: Path, options: VerifyOptions, differences: list[str]):
    from ..register import Field, StreetDirectory, load_register
    reg = record["register"]
    directory = None
    street = reg.get("street_directory")
    if street:
        if options.street_directory is None:
            raise UserError(f"Die Ziehung hat das Straßenverzeichnis „{street['file_name']}“ verwendet; ohne es "
                            f"lässt sie sich nicht nachrechnen.",
                            hint="Geben Sie es mit --street-directory DATEI an.")
        actual = file_sha256(options.street_directory)
        if actual != street["sha256"]:
            differences.append(f"Straßenverzeichnis: SHA-256 {_short(actual)} statt {_short(street['sha256'])}")
        directory = StreetDirectory.load(options.street_directory)
    try:
        mapping = {Field(name): int(spec["column"]) for name, spec in reg["mapping"].items()}
    except (KeyError, ValueError, TypeError):
        raise UserError("Die Spaltenzuordnung im Datensatz ist unvollständig.", file=reg.get("file_name")) from None
    settings = record["settings"]
    dims = set(settings.get("strata", ()))
    register = load_register(path, sheet=reg.get("sheet"), mapping=mapping, street_directory=directory,
                             reference_date=dt.date.fromisoformat(settings["reference_date"]),
                             require_district="district" in dims or bool(settings.get("districts")),
                             require_gender="gender" in dims)
    headers = register.table.headers
    moved = [spec["header"] for spec in reg["mapping"].values()
             if int(spec["column"]) >= len(headers) or headers[int(spec["column"])] != spec["header"]]
    if moved:
        differences.append("Spalten anders als bei der Ziehung: " + ", ".join(f"„{h}“" for h in moved))
    return register


def _regenerate_letters(record: dict, register, result, folder: Path) -> Optional[str]:
    from ..draw.letters import LabInfo, LetterTemplate, draw_addressees, write_letters_pdf
    from ..draw.privacy_notice import PrivacyNotice
    spec = record.get("letters")
    if not spec:
        return None
    info = dict(spec["lab_info"])
    for key in ("date", "reply_by", "letter_date"):
        info[key] = dt.date.fromisoformat(info[key]) if info.get(key) else None
    privacy = None
    if spec.get("privacy"):
        privacy = PrivacyNotice(title=spec["privacy"]["title"],
                                sections=[(h, b) for h, b in spec["privacy"]["sections"]],
                                retention_months=int(spec["privacy"]["retention_months"]))
    target = folder / "briefe.pdf"
    write_letters_pdf(target, draw_addressees(register, result, include_replacements=spec["include_replacements"]),
                      LetterTemplate.from_json(json.dumps(spec["template"])), LabInfo(**info), privacy=privacy)
    return file_sha256(target)


def _regenerate_list(register, result, output: dict, folder: Path) -> Optional[str]:
    suffix = Path(output.get("file_name", "")).suffix.lower()
    if suffix not in (".csv", ".xlsx") or (suffix == ".xlsx" and not output.get("reproducible")):
        return None   # an XLSX of an older record carries its save time: its rows are checked via list_content_sha256
    from ..draw.invitee_list import write_invitee_list
    return file_sha256(write_invitee_list(folder / f"liste{suffix}", register, result))


def _compare_invitees(expected: list[dict], actual: list[dict]) -> Optional[str]:
    if expected == actual:
        return None
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            kind = "Nachrücker" if e.get("replacement") else "Einladung"
            return (f"Eingeladene weichen ab ab Nr. {i + 1} ({kind}: im Datensatz {_short(e['person_key'])}, "
                    f"nachgerechnet {_short(a['person_key'])})")
    return (f"Zahl der Eingeladenen: im Datensatz {german_count(len(expected))}, nachgerechnet "
            f"{german_count(len(actual))}")


def _changed_files_beside(record: dict, folder: Optional[Path]) -> list[str]:
    """Output files lying beside the record whose SHA-256 is not the one recorded (changed after the draw)."""
    out = []
    for output in record.get("outputs", []) if folder is not None else []:
        name = Path(str(output.get("file_name", ""))).name
        path = folder / name
        if name and path.is_file():
            actual = file_sha256(path)
            if actual != output.get("sha256"):
                out.append(f"{name} neben dem Datensatz: SHA-256 {_short(actual)} statt {_short(output.get('sha256'))} "
                           f"(Datei nach der Ziehung verändert)")
    return out


def verify_draw_record(record: dict, register_path: Path, options: VerifyOptions) -> Verification:
    from ..draw.engine import run_draw
    from ..draw.model import DrawSettings
    differences: list[str] = []
    reg = record["register"]
    actual_sha = file_sha256(register_path)
    if actual_sha != reg["sha256"]:
        differences.append(f"Registerauszug: SHA-256 {_short(actual_sha)} statt {_short(reg['sha256'])} "
                           f"(andere Datei oder verändert)")
    register = _load_register(record, register_path, options, differences)
    settings = DrawSettings.from_dict(record["settings"])
    result = run_draw(register, settings, record["seed"]["text"],
                      excluded_person_keys=frozenset(record.get("exclusion", {}).get("person_keys", [])))
    if record.get("created_at"):   # the time the files were stamped with (an XLSX list carries it)
        result.created_at = dt.datetime.fromisoformat(record["created_at"])
    if result.seed_digest != record["seed"]["sha256"]:
        differences.append(f"Startwert: SHA-256 {_short(result.seed_digest)} statt {_short(record['seed']['sha256'])}")
    keys = invitee_keys(register, result)
    invitee_diff = _compare_invitees(record.get("invitees", []), keys)
    if invitee_diff:
        differences.append(invitee_diff)
    elif invitees_sha256(keys) != record.get("invitees_sha256"):
        differences.append("Prüfsumme der Eingeladenen stimmt nicht (Datensatz verändert?)")
    if list_content_sha256(register, result) != record.get("list_content_sha256"):
        differences.append("Inhalt der Einladungsliste weicht ab")
    checked = []
    with tempfile.TemporaryDirectory(prefix="ql-verify-") as tmp:
        folder = Path(tmp)
        for output in record.get("outputs", []):
            kind, name, sha = output.get("kind"), output.get("file_name", ""), output.get("sha256", "")
            if kind == "list":
                actual = _regenerate_list(register, result, output, folder)
            elif kind == "letters":
                actual = _regenerate_letters(record, register, result, folder)
            else:
                continue
            if actual is None:
                continue
            checked.append(name)
            if actual != sha:
                differences.append(f"{name}: SHA-256 nachgerechnet {_short(actual)} statt {_short(sha)}")
    differences.extend(_changed_files_beside(record, options.record_folder))
    count = german_count(len(keys))
    if differences:
        return Verification(False, "Prüfung NICHT bestanden – " + "; ".join(differences) + ".")
    files = f" und die Prüfsummen von {', '.join(checked)}" if checked else ""
    return Verification(True, f"Prüfung bestanden: Registerauszug, Startwert, alle {count} Eingeladenen in derselben "
                              f"Reihenfolge{files} stimmen mit dem Datensatz überein.")


register_verifier("draw", verify_draw_record)
