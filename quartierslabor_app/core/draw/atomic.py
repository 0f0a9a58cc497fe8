"""Write output files completely or not at all (temp file in the same folder, then ``os.replace``)."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from ..errors import UserError


@contextlib.contextmanager
def atomic_path(path: "str | os.PathLike[str]") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on error it is removed."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"Den Ordner „{folder}“ gibt es nicht.", file=target.name,
                        hint="Wählen Sie einen vorhandenen Ordner zum Speichern.")
    try:
        # the temp name ends with the real suffix so writers that check it (.csv/.xlsx/.pdf) accept it
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=folder)
    except OSError as exc:
        raise UserError(f"In den Ordner „{folder}“ kann nicht geschrieben werden ({exc.strerror}).",
                        file=target.name) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise UserError("Die Datei kann nicht überschrieben werden.", file=str(target),
                            hint="Ist sie noch in einem anderen Programm (z. B. Excel) geöffnet? "
                                 "Schließen Sie sie und versuchen Sie es erneut.") from None
        except OSError as exc:
            raise UserError(f"Die Datei kann nicht gespeichert werden ({exc.strerror}).",
                            file=str(target)) from None
    finally:
        if tmp.exists():
            with contextlib.suppress(OSError):
                tmp.unlink()


def write_atomically(path: "str | os.PathLike[str]", write: Callable[[Path], None]) -> Path:
    with atomic_path(path) as tmp:
        write(tmp)
    return Path(path)
