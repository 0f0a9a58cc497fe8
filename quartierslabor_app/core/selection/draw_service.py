"""The invitation draw as one use case, called by the GUI wizard and by ``quartierslabor draw``.

Both front ends hand this service the validated register, the settings, the seed and the
exclusion sources; it runs the draw, stores it in the lab, writes the list, the letters, the
protocol and, beside the protocol, the machine-readable record (``record.py``). The protocol
lists the SHA-256 of every file written before it and the record the hashes of all; the
protocol's own hash goes into the record and into ``DrawRecord.protocol_sha256``. Same inputs,
same files, byte for byte, wherever the draw was started.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from ..draw.engine import run_draw
from ..draw.exclusion import excluded_keys_from_database, load_exclusion_keys
from ..draw.invitee_list import write_invitee_list
from ..draw.letters import LabInfo, LetterTemplate, draw_addressees, write_letters_pdf
from ..draw.model import DrawResult, DrawSettings
from ..draw.privacy_notice import PrivacyNotice
from ..draw.protocol import write_protocol_pdf
from ..hashing import file_sha256
from ..messages import german_count
from ..progress import CancelToken, ProgressCallback
from ..register.model import ValidatedRegister


def now() -> dt.datetime:
    """The one clock of the draw (the time printed in protocol and record)."""
    return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Exclusions:
    """Person keys not to draw and where they came from (German, as printed in the protocol)."""

    keys: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()


def collect_exclusions(files: Sequence["str | os.PathLike[str]"] = (), *, session=None,
                       history: bool = False, lab_id: Optional[int] = None) -> Exclusions:
    """Keys from earlier invitee lists (in the order given) and, with ``history``, from the database."""
    keys: set[str] = set()
    sources: list[str] = []
    for path in files:
        found = load_exclusion_keys(path)
        keys |= found
        sources.append(f"{Path(path).name} ({german_count(len(found))} Personen)")
    if history and session is not None:
        found = excluded_keys_from_database(session, exclude_lab_id=lab_id)
        keys |= found
        sources.append(f"Eingeladene früherer Labore (Datenbank der App, {german_count(len(found))} Personen)")
    return Exclusions(frozenset(keys), tuple(sources))


@dataclass
class LetterRun:
    """What the letters were written with (goes into the record so anyone can rewrite them)."""

    template: LetterTemplate
    lab_info: LabInfo
    include_replacements: bool
    privacy: Optional[PrivacyNotice]


@dataclass
class DrawRun:
    """One performed draw and the files written from it so far."""

    register: ValidatedRegister
    result: DrawResult
    exclusions: Exclusions
    user: str
    lab_name: Optional[str] = None
    skip_invalid: bool = False
    street_directory: Optional[tuple[str, str]] = None   # (file name, SHA-256)
    draw_id: Optional[int] = None
    outputs: dict[str, str] = field(default_factory=dict)        # file name -> SHA-256, in writing order
    output_kinds: dict[str, str] = field(default_factory=dict)   # file name -> "list" / "letters"
    letters: Optional[LetterRun] = None
    protocol_name: str = ""
    protocol_sha256: str = ""
    record_file: Optional[Path] = None     # the record written with the protocol (kept up to date afterwards)


def perform_draw(register: ValidatedRegister, settings: DrawSettings, seed_text: str, exclusions: Exclusions, *,
                 user: str, lab_name: Optional[str] = None, skip_invalid: bool = False,
                 street_directory: Optional[tuple[str, str]] = None,
                 progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None) -> DrawRun:
    result = run_draw(register, settings, seed_text, excluded_person_keys=exclusions.keys, progress=progress,
                      cancel=cancel)
    result.created_at = now()
    return DrawRun(register=register, result=result, exclusions=exclusions, user=user or "", lab_name=lab_name,
                   skip_invalid=skip_invalid, street_directory=street_directory)


def store_draw(run: DrawRun, session, lab, *, replace_open_invitees: bool = False) -> int:
    """Save the invitees and the audit record in ``lab`` (flushed in ``session``); returns the draw id."""
    from ..draw.store import save_draw   # the storage layer only when a lab is stored
    record = save_draw(session, lab, run.register, run.result, user=run.user, protocol_sha256=run.protocol_sha256,
                       replace_open_invitees=replace_open_invitees)
    run.draw_id = record.id
    return record.id


def _remember(run: DrawRun, written: Path, name: Optional[str], kind: str) -> str:
    final = name or Path(written).name
    run.outputs.pop(final, None)
    run.outputs[final] = file_sha256(written)
    run.output_kinds[final] = kind
    return final


def write_list(run: DrawRun, path: "str | os.PathLike[str]", *, name: Optional[str] = None) -> Path:
    """The invitee list (CSV/XLSX); ``name``: the final file name when ``path`` is a temporary file."""
    written = write_invitee_list(path, run.register, run.result)
    _remember(run, written, name, "list")
    _refresh_record(run)
    return written


def write_letters(run: DrawRun, path: "str | os.PathLike[str]", template: LetterTemplate, lab_info: LabInfo, *,
                  include_replacements: bool = False, privacy: Optional[PrivacyNotice] = None,
                  name: Optional[str] = None, progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None) -> Path:
    if lab_info.letter_date is None:   # fixed once, so the record can reproduce the letters
        lab_info = LabInfo(**{**lab_info.__dict__, "letter_date": now().date()})
    addressees = draw_addressees(run.register, run.result, include_replacements=include_replacements)
    written = write_letters_pdf(path, addressees, template, lab_info, privacy=privacy, progress=progress,
                                cancel=cancel)
    _remember(run, written, name, "letters")
    run.letters = LetterRun(template=template, lab_info=lab_info, include_replacements=include_replacements,
                            privacy=privacy)
    _refresh_record(run)
    return written


def _refresh_record(run: DrawRun) -> None:
    """A file saved after the protocol (GUI: any order) still gets its hash into the record beside it."""
    from .record import write_draw_record
    if run.record_file is not None and run.record_file.exists():
        write_draw_record(run, run.record_file)


def record_path_for(protocol: "str | os.PathLike[str]") -> Path:
    """Where the machine-readable record goes: beside the protocol, same name, ``.json``."""
    return Path(protocol).with_suffix(".json")


def write_protocol(run: DrawRun, path: "str | os.PathLike[str]", *, record_path: "str | os.PathLike[str] | None" = None,
                   name: Optional[str] = None, session=None) -> tuple[Path, Path]:
    """The protocol PDF, then the record JSON beside it; with ``session`` the stored draw learns the
    protocol's hash. Returns (protocol, record)."""
    from .record import write_draw_record
    written = write_protocol_pdf(path, run.register, run.result, user=run.user, lab_name=run.lab_name,
                                 output_files=dict(run.outputs) or None,
                                 excluded_sources=list(run.exclusions.sources) or None,
                                 record_name=record_path_for(name or Path(path).name).name)
    run.protocol_name = name or Path(written).name
    run.protocol_sha256 = file_sha256(written)
    record = write_draw_record(run, record_path or record_path_for(path))
    run.record_file = None if record_path is not None else record   # a temporary path (CLI) is not kept
    if session is not None and run.draw_id is not None:
        set_protocol_hash(session, run.draw_id, run.protocol_sha256)
    return written, record


def set_protocol_hash(session, draw_id: int, sha256: str) -> None:
    from ..storage.models import DrawRecord
    record = session.get(DrawRecord, draw_id)
    if record is not None:
        record.protocol_sha256 = sha256
        session.flush()


def existing_invitee_count(session, lab_id: int) -> int:
    """Invitees the lab already has (the GUI asks whether a new draw replaces the open ones)."""
    from ..storage.models import Invitee
    return session.query(Invitee).filter(Invitee.lab_id == lab_id).count()


def load_lab(session, lab_id: int):
    from ..storage.models import Lab
    return session.get(Lab, lab_id)
