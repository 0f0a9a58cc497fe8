"""SHA-256 of files (register extracts, audit protocols), read in chunks."""
from __future__ import annotations

import hashlib
import os


def file_sha256(path: "str | os.PathLike[str]") -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
