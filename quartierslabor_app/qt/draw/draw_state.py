"""What the draw wizard's pages share: the register in memory, mapping, settings, result.

The register (``table`` / ``validated``) lives only here, in memory, for as long as the
wizard is open; it is never written to disk or the database (DSGVO data minimisation).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ...core.draw.model import DrawResult, DrawSettings
from ...core.hashing import file_sha256
from ...core.selection.draw_service import DrawRun
from ...core.register.model import ColumnMapping, RawTable, ValidatedRegister
from ...core.storage.database import Database
from ...core.lab_service import LabRow

#: invitations per seat: only a part of those invited answer, so more letters than seats go out
DEFAULT_INVITATION_FACTOR = 10


@dataclass
class DrawSession:
    database: Database
    lab: LabRow
    register_path: Optional[Path] = None
    sheet: Optional[str] = None
    street_directory_path: Optional[Path] = None
    table: Optional[RawTable] = None
    street_directory: object = None           # core.register.StreetDirectory
    loaded_key: Optional[tuple] = None          # (path, sheet, street directory) the table was read with
    mapping: ColumnMapping = field(default_factory=dict)
    validated: Optional[ValidatedRegister] = None
    validated_key: Optional[tuple] = None       # (loaded_key, mapping) the validation belongs to
    skip_invalid: bool = False
    settings: Optional[DrawSettings] = None
    seed_text: str = ""
    exclude_history: bool = True
    exclusion_files: list[Path] = field(default_factory=list)
    run: Optional[DrawRun] = None
    result: Optional[DrawResult] = None
    draw_id: Optional[int] = None
    exported: dict[str, Path] = field(default_factory=dict)
    reference_override: Optional[dt.date] = None   # Stichtag chosen in the wizard (CLI: --reference-date)

    @property
    def reference_date(self) -> dt.date:
        """Ages count at the lab's date (who is 16 on the day of the lab may take part).

        For a lab date in the past, today: the extract was made now, so people born after the
        lab date are real residents, not impossible dates.
        """
        if self.reference_override is not None:
            return self.reference_override
        today = dt.date.today()
        return max(today, self.lab.date) if self.lab.date else today

    def current_file_key(self) -> tuple:
        return (str(self.register_path or ""), self.sheet or "", str(self.street_directory_path or ""))

    def mapping_key(self) -> tuple:
        return (self.loaded_key, tuple(sorted((f.value, i) for f, i in self.mapping.items())), self.reference_date)

    def street_directory_record(self) -> Optional[tuple[str, str]]:
        """(file name, SHA-256) of the street directory the register was read with (for the record)."""
        path = self.street_directory_path
        return (path.name, file_sha256(path)) if path is not None and path.is_file() else None

    def forget_register(self) -> None:
        """Drop the register from memory."""
        self.table = None
        self.validated = None
        self.loaded_key = None
        self.validated_key = None
        self.result = None
        self.run = None
