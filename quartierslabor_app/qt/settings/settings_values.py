"""What the settings dialog edits, read from and written to where each setting lives.

Per-machine (``settings.json`` in the user data folder, ``core/settings_store.py``): language,
shared database URL, number of rolling workshop backups kept.
The data folder itself (pointer file in the platform folder, ``core/data_location.py``): changed
last, after everything else is valid and saved, because it copies the data.
City-wide (``Setting`` rows of the open database): default taxonomy, letter template,
retention period of personal data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ...core import paths, retention
from ...core.board.backup_policy import (BACKUP_KEEP_KEY, DEFAULT_KEEP, MAX_BACKUP_KEEP, MIN_BACKUP_KEEP,  # noqa: F401
                                         configured_backup_keep)
from ...core.board.taxonomy_store import city_default_taxonomy, set_city_default_taxonomy
from ...core.clustering.model import ClusterDef
from ...core.data_location import DataFolderMove, move_data_folder, plan_data_folder_change
from ...core.draw.letters import LetterTemplate, load_letter_template, save_letter_template
from ...core.draw.privacy_notice import (PrivacyNotice, default_privacy_notice, load_privacy_notice,
                                         save_privacy_notice)
from ...core.errors import UserError
from ...core.progress import CancelToken, ProgressCallback
from ...core.settings_store import DATABASE_URL_KEY, load_machine_settings, save_machine_settings
from ...core.storage.database import Database, url_parts
from ..i18n import LANGUAGE_KEY, normalise_language, translate

DATABASE_SCHEMES = ("postgresql", "postgresql+psycopg", "sqlite")


def validate_database_url(url: str) -> Optional[str]:
    """The cleaned URL (``None`` for empty = local SQLite file); German :class:`UserError` if unusable."""
    url = (url or "").strip()
    if not url:
        return None
    parsed = url_parts(url)
    if parsed is None or parsed[0] not in DATABASE_SCHEMES:
        raise UserError(translate("SettingsValues", "Die Datenbank-Adresse „{0}“ ist ungültig.").format(url),
                        hint=translate("SettingsValues", "Beispiel: postgresql+psycopg://benutzer:passwort@server/quartierslabor "
                                       "– oder das Feld leer lassen für die Datei im Datenordner."))
    if parsed[0].startswith("postgresql") and not parsed[1]:
        raise UserError(translate("SettingsValues", "In der Datenbank-Adresse fehlt der Name der Datenbank."),
                        hint=translate("SettingsValues", "Beispiel: postgresql+psycopg://benutzer:passwort@server/quartierslabor"))
    return url


@dataclass
class SettingsValues:
    # per machine
    language: str = "de"
    database_url: str = ""
    backup_keep: int = DEFAULT_KEEP
    data_folder: str = ""                                 # the data folder in use, or the one chosen
    data_folder_changed: bool = False                     # chosen in the dialog: applied on save
    copy_data: bool = True                                # take the data along into the chosen folder
    # city-wide (need a database)
    retention_months: int = retention.DEFAULT_RETENTION_MONTHS
    keep_person_keys: bool = False
    letter_template: LetterTemplate = field(default_factory=LetterTemplate)
    privacy_notice: PrivacyNotice = field(default_factory=default_privacy_notice)
    privacy_text: Optional[tuple[str, str]] = None        # (title, sections) as edited; read on validation
    city_taxonomy: Optional[list[ClusterDef]] = None      # None: the built-in taxonomy applies
    taxonomy_changed: bool = False                        # reset or loaded from a file in the dialog


def load_values(database: Optional[Database]) -> SettingsValues:
    machine = load_machine_settings()
    values = SettingsValues(language=normalise_language(machine.get(LANGUAGE_KEY)),
                            database_url=str(machine.get(DATABASE_URL_KEY) or ""),
                            backup_keep=configured_backup_keep(),
                            data_folder=str(paths.data_folder_state().folder))
    if database is not None:
        with database.session() as s:
            values.retention_months = retention.retention_months(s)
            values.keep_person_keys = retention.keeps_person_keys(s)
            try:
                values.letter_template = load_letter_template(s)
            except UserError:      # damaged: the dialog shows the default and saving repairs it
                values.letter_template = LetterTemplate()
            try:
                values.privacy_notice = load_privacy_notice(s)
            except UserError:
                values.privacy_notice = default_privacy_notice(values.retention_months)
            try:
                values.city_taxonomy = city_default_taxonomy(s)
            except (UserError, ValueError):
                values.city_taxonomy = None
    return values


def validate_values(values: SettingsValues) -> None:
    """Raise a German :class:`UserError` for the first unusable value (nothing is saved then)."""
    validate_database_url(values.database_url)
    if not MIN_BACKUP_KEEP <= values.backup_keep <= MAX_BACKUP_KEEP:
        raise UserError(translate("SettingsValues", "Die Zahl der Sicherungen muss zwischen {0} und {1} liegen.")
                        .format(MIN_BACKUP_KEEP, MAX_BACKUP_KEEP))
    if not 1 <= values.retention_months <= retention.MAX_RETENTION_MONTHS:
        raise UserError(translate("SettingsValues", "Die Aufbewahrungsfrist muss zwischen 1 und {0} Monaten liegen.")
                        .format(retention.MAX_RETENTION_MONTHS))
    values.letter_template.validate()
    if values.privacy_text is not None:
        values.privacy_notice = PrivacyNotice.from_sections_text(*values.privacy_text,
                                                                 retention_months=values.retention_months)
    values.privacy_notice.validate()
    if values.data_folder_changed:
        plan_data_folder_change(values.data_folder, values.copy_data)


def apply_data_folder(values: SettingsValues, progress: Optional[ProgressCallback] = None,
                      cancel: Optional[CancelToken] = None) -> Optional[DataFolderMove]:
    """Change the data folder as chosen (copy the data, then write the pointer); ``None``: not chosen."""
    if not values.data_folder_changed:
        return None
    return move_data_folder(values.data_folder, values.copy_data, progress_callback=progress, cancel=cancel)


def save_values(values: SettingsValues, database: Optional[Database], *,
                change_data_folder: bool = True) -> Optional[DataFolderMove]:
    """Validate everything, then write the database settings (one transaction) and the machine file.

    A data folder chosen in the dialog is changed last (:func:`apply_data_folder`, so the copied
    ``settings.json`` already holds the new values), unless ``change_data_folder`` is false (the
    dialog then runs it in the background). Returns what the change did, or ``None``.
    """
    validate_values(values)
    if database is not None:
        with database.session() as s:
            retention.set_retention_months(s, values.retention_months)
            retention.set_keep_person_keys(s, values.keep_person_keys)
            save_letter_template(s, values.letter_template)
            save_privacy_notice(s, values.privacy_notice)
            if values.taxonomy_changed:
                set_city_default_taxonomy(s, values.city_taxonomy)
    machine = load_machine_settings()
    machine[LANGUAGE_KEY] = normalise_language(values.language)
    url = validate_database_url(values.database_url)
    if url:
        machine[DATABASE_URL_KEY] = url
    else:
        machine.pop(DATABASE_URL_KEY, None)
    machine[BACKUP_KEEP_KEY] = int(values.backup_keep)
    save_machine_settings(machine)
    return apply_data_folder(values) if change_data_folder else None
