"""Atomic export writes: write a temporary file beside the target, then ``os.replace``.

A failure at any point removes the temporary file and leaves the target as it was (absent
or the previous complete version); a locked target (open in Excel) becomes a German
:class:`UserError`.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import UserError


def _locked_error(target: Path) -> UserError:
    return UserError(f"Die Datei „{target}“ ist geöffnet oder schreibgeschützt.",
                     hint="Bitte in Excel (bzw. im PDF-Programm) schließen und erneut exportieren.")


def atomic_write(path: "str | os.PathLike[str]", write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the finished file to ``path``; returns the target path."""
    target = Path(path).expanduser().absolute()
    folder = target.parent
    if not folder.is_dir():
        raise UserError(f"Der Ordner „{folder}“ existiert nicht.",
                        hint="Bitte einen vorhandenen Ordner für den Export wählen.")
    if target.is_dir():
        raise UserError(f"„{target}“ ist ein Ordner, keine Datei.",
                        hint="Bitte einen Dateinamen angeben, z. B. bericht.pdf.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".~{target.stem}.", suffix=target.suffix + ".tmp",
                                        dir=folder)
    except PermissionError:
        raise UserError(f"In den Ordner „{folder}“ darf nicht geschrieben werden.",
                        hint="Bitte einen anderen Ordner wählen (z. B. „Dokumente“).") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            write(tmp)
        except PermissionError:
            raise _locked_error(target) from None
        except OSError as exc:
            raise UserError(f"Die Datei „{target}“ konnte nicht geschrieben werden "
                            f"({exc.strerror or exc}).",
                            hint="Ist der Datenträger voll? Bitte einen anderen Ort wählen.") from None
        try:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        except OSError:  # pragma: no cover - fsync unsupported on some file systems
            pass
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise _locked_error(target) from None
        except IsADirectoryError:
            raise UserError(f"„{target}“ ist ein Ordner, keine Datei.") from None
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise
    return target
