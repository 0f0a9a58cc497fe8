"""Temporary files beside a target, with names short enough for any legal target name.

A temporary name built from the target's name (``.name.tmp``) is longer than the target's and
breaks when the target's name is near the file system's limit (255 bytes: 124 × „ü“ plus
``.csv`` is legal, one more character is not). :func:`temp_file_beside` uses a short random name
that keeps the target's suffix (writers that check the suffix accept it).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

PREFIX = ".~ql"
#: a longer "suffix" (``a.<200 characters>``) is not kept
MAX_SUFFIX = 10


def temp_suffix(target: Path) -> str:
    suffix = target.suffix
    return suffix if 0 < len(suffix) <= MAX_SUFFIX else ".tmp"


def temp_file_beside(target: "str | os.PathLike[str]") -> Path:
    """Create an empty file in ``target``'s folder (name ``.~ql`` + 8 random characters + suffix).

    Raises ``OSError`` like :func:`tempfile.mkstemp`.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=PREFIX, suffix=temp_suffix(target), dir=folder)
    os.close(fd)
    return Path(name)
