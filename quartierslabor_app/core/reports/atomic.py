"""Atomic export writes: write a temporary file beside the target, then ``os.replace``.

A failure at any point removes the temporary file and leaves the target as it was (absent
or the previous complete version); a locked target (open in Excel) becomes a German
:class:`UserError`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..temp_files import temp_file_beside


def _locked_error(target: Path) -> UserError:
    return UserError(Message(QT_TRANSLATE_NOOP("Export", "Die Datei „{file}“ ist geöffnet oder schreibgeschützt."),
                             file=target),
                     hint=Message(QT_TRANSLATE_NOOP("Export", "Bitte in Excel (bzw. im PDF-Programm) schließen und "
                                                              "erneut exportieren.")))


def _is_folder(target: Path) -> Message:
    return Message(QT_TRANSLATE_NOOP("Export", "„{file}“ ist ein Ordner, keine Datei."), file=target)


def atomic_write(path: "str | os.PathLike[str]", write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the finished file to ``path``; returns the target path."""
    target = Path(path).expanduser().absolute()
    folder = target.parent
    if not folder.is_dir():
        raise UserError(Message(QT_TRANSLATE_NOOP("Export", "Der Ordner „{folder}“ existiert nicht."), folder=folder),
                        hint=Message(QT_TRANSLATE_NOOP("Export", "Bitte einen vorhandenen Ordner für den Export "
                                                                 "wählen.")))
    if target.is_dir():
        raise UserError(_is_folder(target),
                        hint=Message(QT_TRANSLATE_NOOP("Export", "Bitte einen Dateinamen angeben, z. B. "
                                                                 "bericht.pdf.")))
    try:
        tmp = temp_file_beside(target)
    except PermissionError:
        raise UserError(Message(QT_TRANSLATE_NOOP("Export", "In den Ordner „{folder}“ darf nicht geschrieben "
                                                            "werden."), folder=folder),
                        hint=Message(QT_TRANSLATE_NOOP("Export", "Bitte einen anderen Ordner wählen (z. B. "
                                                                 "„Dokumente“)."))) from None
    try:
        try:
            write(tmp)
        except PermissionError:
            raise _locked_error(target) from None
        except OSError as exc:
            raise UserError(Message(QT_TRANSLATE_NOOP("Export", "Die Datei „{file}“ konnte nicht geschrieben werden "
                                                                "({reason})."), file=target, reason=exc.strerror or exc),
                            hint=Message(QT_TRANSLATE_NOOP("Export", "Ist der Datenträger voll? Bitte einen anderen "
                                                                     "Ort wählen."))) from None
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
            raise UserError(_is_folder(target)) from None
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise
    return target
