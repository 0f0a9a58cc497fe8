"""The half-typed card of a lab, kept in the data folder so that closing the window or a crash
never loses it (restored into the entry line when the board opens again).

One small JSON file per database and lab (``drafts/<key>.json``), replaced atomically on every
save; an empty draft removes the file. A draft that cannot be written is logged, never raised:
typing must go on.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..paths import user_data_dir
from ..private_files import create_private_file, private_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntryDraft:
    text: str = ""
    place: str = ""
    table: str = ""

    @property
    def empty(self) -> bool:
        return not (self.text.strip() or self.place.strip() or self.table.strip())


class DraftStore:
    """The draft of one lab in one database."""

    def __init__(self, database_url: str, lab_id: int, folder: Optional[Path] = None) -> None:
        key = hashlib.sha256(f"{database_url}|{lab_id}".encode("utf-8")).hexdigest()[:20]
        self._folder = folder
        self._name = f"{key}.json"

    @property
    def path(self) -> Path:
        folder = self._folder if self._folder is not None else user_data_dir() / "drafts"
        return private_dir(folder) / self._name

    def load(self) -> EntryDraft:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return EntryDraft(str(data.get("text", "")), str(data.get("place", "")), str(data.get("table", "")))
        except FileNotFoundError:
            return EntryDraft()
        except (OSError, ValueError, AttributeError) as exc:
            log.warning("Ignoring unreadable entry draft %s: %s", self.path, exc)
            return EntryDraft()

    def save(self, draft: EntryDraft) -> bool:
        """Keep ``draft`` (an empty one removes the file); False if it could not be written."""
        try:
            path = self.path
            if draft.empty:
                path.unlink(missing_ok=True)
                return True
            tmp = path.with_name(path.name + ".tmp")
            create_private_file(tmp)
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump({"text": draft.text, "place": draft.place, "table": draft.table}, fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            return True
        except OSError as exc:
            log.warning("Entry draft not saved to %s: %s", self._name, exc)
            return False
