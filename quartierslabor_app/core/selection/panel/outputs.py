"""Writing a panel's files in one place for the CLI and the GUI: panel and probability lists, protocol,
the record for ``quartierslabor verify`` and – when the respondents came from a stored lab – a copy of
them (id and feature values only) that the record's hash refers to."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ...draw.atomic import write_atomically
from ...hashing import file_sha256
from . import files
from .protocol import write_panel_protocol
from .service import PanelOutcome, panel_record


@dataclass
class PanelFiles:
    """Target paths; ``None`` leaves a file out. ``respondents`` is the file the respondents were read from;
    without it, ``respondents_copy`` is written from the outcome (stored labs)."""
    record: Path
    panel: Optional[Path] = None
    probabilities: Optional[Path] = None
    protocol: Optional[Path] = None
    respondents: Optional[Path] = None
    respondents_copy: Optional[Path] = None


def default_copy_path(record: "str | os.PathLike[str]") -> Path:
    path = Path(record)
    return path.with_name(f"{path.stem}_zusagen.csv")


def write_panel_files(outcome: PanelOutcome, targets: PanelFiles, *, lab_name: Optional[str] = None) -> list[Path]:
    """Write every requested file (each atomically), the record last; returns the paths written."""
    req, features, probs = outcome.request, outcome.features, outcome.probabilities
    source = targets.respondents
    written: list[Path] = []
    if source is None and targets.respondents_copy is not None:
        source = files.write_respondents_csv(targets.respondents_copy, req.respondents, features)
        written.append(source)
    hashes: dict[str, str] = {}
    if targets.panel is not None:
        written.append(files.write_panel_csv(targets.panel, req.respondents, outcome.selected, probs, features))
        hashes[written[-1].name] = file_sha256(written[-1])
    if targets.probabilities is not None:
        written.append(files.write_probabilities_csv(targets.probabilities, req.respondents, outcome.selected, probs,
                                                     features))
        hashes[written[-1].name] = file_sha256(written[-1])
    name, digest = (source.name, file_sha256(source)) if source is not None else ("", "")
    if targets.protocol is not None:
        repeat = f"quartierslabor verify {targets.record.name} {name}" if name else ""
        written.append(write_panel_protocol(targets.protocol, outcome, respondents_file=name,
                                            respondents_sha256=digest, lab_name=lab_name, repeat_command=repeat))
    record = panel_record(outcome, respondents_file=name, respondents_sha256=digest, output_files=hashes,
                          lab_name=lab_name)
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    written.append(write_atomically(targets.record, lambda tmp: tmp.write_text(text, encoding="utf-8")))
    return written
