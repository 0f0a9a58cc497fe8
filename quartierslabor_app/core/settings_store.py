"""Where settings live (Qt-free).

* Per-machine settings (language, database URL, data folder, ...) are a small JSON file
  ``settings.json`` in :func:`~quartierslabor_app.core.paths.user_data_dir`. It is written
  atomically (temporary file, then ``os.replace``), so a crash never leaves half a file.
* City-wide settings shared by everyone using one database (retention period, default
  taxonomy, ...) are rows of the :class:`~quartierslabor_app.core.storage.models.Setting` table.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any, Optional

from sqlalchemy.orm import Session

from .errors import UserError
from .messages import QT_TRANSLATE_NOOP, Message
from .paths import user_data_dir
from .private_files import create_private_file
from .storage.models import Setting

log = logging.getLogger(__name__)

MACHINE_SETTINGS_FILE = "settings.json"
#: per-machine key: SQLAlchemy URL of a shared database (e.g. postgresql+psycopg://user:pw@host/db)
DATABASE_URL_KEY = "database_url"


# -- per-machine settings (JSON file) ---------------------------------------------------
def machine_settings_path() -> Path:
    return user_data_dir() / MACHINE_SETTINGS_FILE


def load_machine_settings() -> dict[str, Any]:
    """All per-machine settings; an unreadable file is reported in the log and ignored."""
    path = machine_settings_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable settings file %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def save_machine_settings(settings: dict[str, Any]) -> Path:
    """Replace the per-machine settings file atomically."""
    path = machine_settings_path()
    tmp = path.with_name(path.name + ".tmp")
    try:
        create_private_file(tmp)   # may hold the database address with its password
        tmp.write_text(json.dumps(settings, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(Message(QT_TRANSLATE_NOOP("Settings", "Die Einstellungen konnten nicht gespeichert werden "
                                                              "({reason})."), reason=exc.strerror or exc),
                        file=str(path), hint=Message(QT_TRANSLATE_NOOP("Settings", "Prüfen Sie, ob der Datenordner "
                                                                                   "beschreibbar ist."))) from exc
    return path


def get_machine_setting(key: str, default: Any = None) -> Any:
    return load_machine_settings().get(key, default)


def set_machine_setting(key: str, value: Any) -> None:
    """Set one per-machine setting (``None`` removes it)."""
    settings = load_machine_settings()
    if value is None:
        settings.pop(key, None)
    else:
        settings[key] = value
    save_machine_settings(settings)


def configured_database_url() -> Optional[str]:
    """The shared-database URL chosen in the settings, or ``None`` (use the local SQLite file)."""
    value = get_machine_setting(DATABASE_URL_KEY)
    return value.strip() if isinstance(value, str) and value.strip() else None


# -- city-wide settings (Setting table) ---------------------------------------------------
def get_city_setting(session: Session, key: str, default: Optional[str] = None) -> Optional[str]:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def set_city_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def get_city_int(session: Session, key: str, default: int) -> int:
    raw = get_city_setting(session, key)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        log.warning("Setting %s=%r is not a whole number; using %s", key, raw, default)
        return default
