"""Where the app keeps its data (Qt-free, so the CLI and tests share it)."""
from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

DATA_DIR_ENV = "QUARTIERSLABOR_DATA_DIR"
DATABASE_URL_ENV = "QUARTIERSLABOR_DATABASE_URL"


def user_data_dir() -> Path:
    """The platform's per-user data folder for the app (created on demand).

    ``QUARTIERSLABOR_DATA_DIR`` overrides it (tests, portable installs).
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    elif sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or str(Path.home())
        path = Path(base) / "Quartierslabor"
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / "Quartierslabor"
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / "quartierslabor"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "quartierslabor.sqlite3"


def backup_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resource_path(*parts: str) -> Path:
    """Path of a file shipped in ``resources/`` (works installed, editable and frozen)."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base, "quartierslabor_resources", *parts)
    return Path(str(resources.files("quartierslabor_resources").joinpath(*parts)))


def migrations_path() -> Path:
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base, "quartierslabor_migrations")
    return Path(str(resources.files("quartierslabor_migrations")))
