"""Where the GUI keeps window geometry and small preferences.

An ini file in the user data folder (not the registry / ~/.config), so tests that
redirect the data folder never touch the real settings and a portable install keeps
everything in one place.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings

from ...core.paths import user_data_dir

SETTINGS_FILE_NAME = "oberflaeche.ini"


def gui_settings() -> QSettings:
    return QSettings(str(user_data_dir() / SETTINGS_FILE_NAME), QSettings.Format.IniFormat)
