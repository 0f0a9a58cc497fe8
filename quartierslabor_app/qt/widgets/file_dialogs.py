"""Open/save file dialogs that remember the last folder (per purpose)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from .gui_settings import gui_settings


def _last_dir(purpose: str, fallback: Optional[Path] = None) -> str:
    value = gui_settings().value(f"folders/{purpose}")
    if value and Path(str(value)).is_dir():
        return str(value)
    if fallback is not None and fallback.is_dir():
        return str(fallback)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs or str(Path.home())


def _remember(purpose: str, path: str) -> None:
    settings = gui_settings()
    settings.setValue(f"folders/{purpose}", str(Path(path).parent))
    settings.sync()


def ask_open_path(parent: Optional[QWidget], title: str, filters: str, purpose: str,
                  fallback: Optional[Path] = None) -> Optional[Path]:
    path, _selected = QFileDialog.getOpenFileName(parent, title, _last_dir(purpose, fallback), filters)
    if not path:
        return None
    _remember(purpose, path)
    return Path(path)


def ask_save_path(parent: Optional[QWidget], title: str, default_name: str, filters: str,
                  purpose: str) -> Optional[Path]:
    start = str(Path(_last_dir(purpose)) / default_name)
    path, selected = QFileDialog.getSaveFileName(parent, title, start, filters)
    if not path:
        return None
    target = Path(path)
    if not target.suffix and selected and "*." in selected:  # add the chosen filter's extension
        target = target.with_suffix("." + selected.split("*.", 1)[1].split(")")[0].split()[0])
    _remember(purpose, str(target))
    return target


_UNSAFE = re.compile(r"[^\w\-.]+", re.UNICODE)


def safe_file_part(text: str, empty: str = "Labor") -> str:
    """A piece of a file name from free text (lab names with colons, slashes …): every run of
    characters a file name should not hold becomes one ``_`` ("Labor: Eving" -> "Labor_Eving",
    never "__"); umlauts stay."""
    return _UNSAFE.sub("_", text.strip()).strip("_.") or empty
