"""The machine-readable record of a selection (JSON beside the protocol PDF).

Layout (``format`` = ``quartierslabor-record``, ``format_version`` = 1)::

    {"format": "quartierslabor-record", "format_version": 1,
     "kind": "draw",                      # "draw" (invitation draw); "panel" (final panel) uses the same frame
     "software": {"name": "Quartierslabor", "version": "…"},
     "created_at": "2026-03-01T10:00:00", "user": "…", "lab": "…",
     "register": {"file_name", "sha256", "sheet", "rows_read", "rows_valid", "skip_invalid",
                  "mapping": {"family_name": {"column": 0, "header": "Familienname"}, …},
                  "street_directory": null | {"file_name", "sha256"}},
     "settings": {… DrawSettings.to_dict(), reference date included …},
     "seed": {"text", "normalised", "sha256"},
     "exclusion": {"sources": ["…"], "person_keys": ["…"]},   # only excluded keys found in the register
     "invitees": [{"order": 1, "person_key": "…", "replacement": false}, …],
     "invitees_sha256": "…",              # SHA-256 of the lines "order;person_key;E|N" joined by \n
     "list_content_sha256": "…",          # SHA-256 of the list's rows (independent of CSV/XLSX)
     "outputs": [{"file_name", "kind": "list"|"letters"|"protocol", "sha256"}, …],
                                          # an XLSX list also has "reproducible": true (saved with the draw's
                                          # time: same bytes when recomputed; older records: rows only)
     "letters": null | {"template": {…}, "lab_info": {…}, "include_replacements", "privacy": null | {…}}}

A verifier reads ``kind`` and dispatches (``verification.py``). Person keys are SHA-256 hashes of
name, birth date and address (no names or addresses are in the record).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ... import __version__
from ..draw.atomic import atomic_path
from ..draw.protocol import sorted_mapping
from ..draw.invitee_list import invitee_list_headers, invitee_list_rows
from ..draw.seed import normalise_seed_text

if TYPE_CHECKING:
    from .draw_service import DrawRun

FORMAT = "quartierslabor-record"
FORMAT_VERSION = 1


def invitee_keys(register, result) -> list[dict]:
    return [{"order": p.order, "person_key": str(register.person_key[p.valid_pos]) if p.valid_pos >= 0 else "",
             "replacement": bool(p.is_replacement)} for p in result.invitees]


def invitees_sha256(keys: list[dict]) -> str:
    text = "\n".join(f"{k['order']};{k['person_key']};{'N' if k['replacement'] else 'E'}" for k in keys)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def list_content_sha256(register, result) -> str:
    """Hash of the list's header and rows (tab-separated lines), the same for a CSV and an XLSX list."""
    lines = ["\t".join(invitee_list_headers(register))] + ["\t".join(r) for r in invitee_list_rows(register, result)]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def excluded_keys_in_register(register, keys: frozenset[str]) -> list[str]:
    if not keys:
        return []
    return sorted(k for k in set(map(str, register.person_key.tolist())) if k in keys)


def _output(name: str, kind: str, sha256: str) -> dict:
    entry = {"file_name": name, "kind": kind, "sha256": sha256}
    if kind == "list" and Path(name).suffix.lower() == ".xlsx":
        entry["reproducible"] = True   # saved with the draw's time (xlsx_fixed): verify compares its hash
    return entry


def draw_record(run: "DrawRun") -> dict:
    register, result = run.register, run.result
    table = register.table
    keys = invitee_keys(register, result)
    outputs = [_output(n, run.output_kinds.get(n, "list"), s) for n, s in run.outputs.items()]
    if run.protocol_name:
        outputs.append({"file_name": run.protocol_name, "kind": "protocol", "sha256": run.protocol_sha256})
    letters = None
    if run.letters is not None:
        info = dataclasses.asdict(run.letters.lab_info)
        for k in ("date", "reply_by", "letter_date"):
            info[k] = info[k].isoformat() if info[k] else None
        privacy = run.letters.privacy
        letters = {"template": json.loads(run.letters.template.to_json()), "lab_info": info,
                   "include_replacements": run.letters.include_replacements,
                   "privacy": None if privacy is None else {**json.loads(privacy.to_json()),
                                                            "retention_months": privacy.retention_months}}
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "kind": "draw",
        "software": {"name": "Quartierslabor", "version": __version__},
        "created_at": result.created_at.isoformat() if result.created_at else None,
        "user": run.user, "lab": run.lab_name,
        "register": {
            "file_name": table.file_name, "sha256": table.sha256, "sheet": table.format.sheet,
            "rows_read": result.rows_read, "rows_valid": result.rows_valid, "skip_invalid": run.skip_invalid,
            "mapping": {f.value: {"column": i, "header": table.headers[i] if 0 <= i < len(table.headers) else ""}
                        for f, i in sorted_mapping(register)},
            "street_directory": None if run.street_directory is None else
            {"file_name": run.street_directory[0], "sha256": run.street_directory[1]},
        },
        "settings": {**result.settings.to_dict(), "reference_date": register.reference_date.isoformat()},
        "seed": {"text": result.seed_text, "normalised": normalise_seed_text(result.seed_text),
                 "sha256": result.seed_digest},
        "exclusion": {"sources": list(run.exclusions.sources),
                      "person_keys": excluded_keys_in_register(register, run.exclusions.keys)},
        "invitees": keys,
        "invitees_sha256": invitees_sha256(keys),
        "list_content_sha256": list_content_sha256(register, result),
        "outputs": outputs,
        "letters": letters,
    }


def write_draw_record(run: "DrawRun", path: "str | os.PathLike[str]") -> Path:
    target = Path(path)
    text = json.dumps(draw_record(run), ensure_ascii=False, indent=1) + "\n"
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return target
