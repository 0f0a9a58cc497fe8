"""Write output files completely or not at all (temp file in the same folder, then ``os.replace``)."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable, Iterator

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..temp_files import temp_file_beside


@contextlib.contextmanager
def atomic_path(path: "str | os.PathLike[str]") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on error it is removed."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(Message(QT_TRANSLATE_NOOP("SaveFile", "Den Ordner „{folder}“ gibt es nicht."), folder=folder),
                        file=target.name,
                        hint=Message(QT_TRANSLATE_NOOP("SaveFile", "Wählen Sie einen vorhandenen Ordner zum "
                                                                   "Speichern.")))
    try:
        tmp = temp_file_beside(target)  # short name, real suffix (writers check .csv/.xlsx/.pdf)
    except OSError as exc:
        raise UserError(Message(QT_TRANSLATE_NOOP("SaveFile", "In den Ordner „{folder}“ kann nicht geschrieben "
                                                              "werden ({reason})."), folder=folder, reason=exc.strerror),
                        file=target.name) from None
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise UserError(Message(QT_TRANSLATE_NOOP("SaveFile", "Die Datei kann nicht überschrieben werden.")),
                            file=str(target),
                            hint=Message(QT_TRANSLATE_NOOP("SaveFile", "Ist sie noch in einem anderen Programm "
                                                                       "(z. B. Excel) geöffnet? Schließen Sie sie und "
                                                                       "versuchen Sie es erneut."))) from None
        except OSError as exc:
            raise UserError(Message(QT_TRANSLATE_NOOP("SaveFile", "Die Datei kann nicht gespeichert werden "
                                                                  "({reason})."), reason=exc.strerror),
                            file=str(target)) from None
    finally:
        if tmp.exists():
            with contextlib.suppress(OSError):
                tmp.unlink()


def write_atomically(path: "str | os.PathLike[str]", write: Callable[[Path], None]) -> Path:
    with atomic_path(path) as tmp:
        write(tmp)
    return Path(path)
