"""Choosing another data folder (Qt-free): plan, copy, pointer file, start-up notice.

The folder chosen in the settings is named by the pointer file ``datenordner.json`` in the
platform's per-user folder (:func:`~quartierslabor_app.core.paths.data_folder_state` follows
it). :func:`move_data_folder` checks the new folder, copies the data into it and only then
writes the pointer, so a failed or cancelled move changes nothing. The old folder is never
touched: nothing is deleted there. The new folder is used from the next start of the program.

What is copied: the database (a consistent copy of the live SQLite file), ``backups/``,
``logs/``, ``demo/`` and the per-machine settings files. Existing files in the new folder are
never overwritten. A new folder that already holds a ``quartierslabor.sqlite3`` is an existing
data folder: its database is used as it is, and only settings files missing there are copied.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import DatabaseError, UserError
from .messages import QT_TRANSLATE_NOOP, Message
from . import paths
from .paths import (DATA_DIR_ENV, DATABASE_FILE, POINTER_KEY, PROBLEM_MISSING, PROBLEM_NOT_WRITABLE,
                    PROBLEM_POINTER_UNREADABLE)
from .private_files import make_private, private_dir
from .progress import CancelToken, ProgressCallback, report
from .storage.database import _copy_sqlite, check_sqlite_file

#: per-machine preferences (settings.json, window layout): copied whenever missing in the new folder
SETTINGS_FILES = ("settings.json", "oberflaeche.ini")
#: folders copied with the data (files missing in the new folder only)
DATA_SUBFOLDERS = ("backups", "logs", "demo")
#: a chosen folder that holds other things gets the data in a subfolder of this name
SUBFOLDER_NAME = "Quartierslabor"
#: free space kept on the target drive beyond the copied data
FREE_SPACE_MARGIN = 10 * 1024 * 1024
_SKIPPED_SUFFIXES = (".tmp", ".lock", "-wal", "-shm", "-journal")


def _key(path: Path) -> str:
    return os.path.normcase(str(path))


def _absolute(path: "str | os.PathLike[str]") -> Path:
    return Path(os.path.abspath(Path(path).expanduser()))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _same(a: Path, b: Path) -> bool:
    return _key(_resolved(a)) == _key(_resolved(b))


def _inside(child: Path, parent: Path) -> bool:
    child, parent = _resolved(child), _resolved(parent)
    return any(_key(p) == _key(parent) for p in child.parents)


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / (1024 * 1024):.1f}".replace(".", ",") + " MB"


@dataclass
class DataFolderPlan:
    """What :func:`move_data_folder` will do (computed by :func:`plan_data_folder_change`)."""

    current: Path                      # the folder in use now
    target: Path                       # the folder used from the next start
    to_default: bool                   # target is the platform folder: the pointer file is removed
    existing_database: Optional[Path]  # database already in the target: used, not overwritten
    database: Optional[Path] = None    # database file to copy (None: nothing to copy)
    files: list[tuple[Path, Path]] = field(default_factory=list)  # (source, target) plain files
    bytes_to_copy: int = 0             # all of it, database included
    database_bytes: int = 0
    pointer_change: bool = True        # the pointer file is written or removed

    @property
    def unchanged(self) -> bool:
        """Nothing to do: the target is in use and the pointer already says so."""
        return not self.pointer_change

    @property
    def restart_needed(self) -> bool:
        return not _same(self.target, self.current)


@dataclass
class DataFolderMove:
    """The result of :func:`move_data_folder`."""

    plan: DataFolderPlan
    copied: list[Path] = field(default_factory=list)   # files written into the new folder

    @property
    def restart_needed(self) -> bool:
        return self.plan.restart_needed


# -- pointer file ---------------------------------------------------------------------------------
def write_pointer(folder: Path, previous: Optional[Path] = None) -> Path:
    """Name ``folder`` as the data folder (atomic: temporary file, then ``os.replace``)."""
    path = paths.pointer_path()
    data = {POINTER_KEY: str(folder), "changed": dt.datetime.now().isoformat(timespec="seconds")}
    if previous is not None:
        data["previous"] = str(previous)
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UserError(f"Der gewählte Datenordner konnte nicht gespeichert werden ({exc.strerror or exc}).",
                        file=str(path), hint="Prüfen Sie, ob der Standardordner beschreibbar ist.") from exc
    return path


def remove_pointer() -> None:
    """Forget the chosen folder: the platform folder is the data folder again."""
    path = paths.pointer_path()
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise UserError(f"Die Wahl des Datenordners konnte nicht zurückgesetzt werden ({exc.strerror or exc}).",
                        file=str(path), hint="Prüfen Sie, ob der Standardordner beschreibbar ist.") from exc


# -- start-up notice ------------------------------------------------------------------------------
def data_folder_problem() -> Optional[str]:
    """German notice when the chosen data folder cannot be used (the default folder is used instead).

    ``None`` when everything is in order. Meant to be shown once after the start.
    """
    notice = data_folder_problem_message()
    return None if notice is None else str(notice)


def data_folder_problem_message() -> Optional[Message]:
    """:func:`data_folder_problem` as a translatable :class:`Message` (for the GUI)."""
    state = paths.data_folder_state()
    if state.problem is None:
        return None
    where = Message(QT_TRANSLATE_NOOP("DataFolder", "Sie können den Datenordner unter „Einstellungen → Datenordner / "
                                                    "Datenbank“ neu wählen oder dort „Standardordner verwenden“ "
                                                    "wählen."))
    if state.problem == PROBLEM_POINTER_UNREADABLE:
        return Message(QT_TRANSLATE_NOOP("DataFolder", "Die Datei „{pointer}“, die den gewählten Datenordner nennt, "
                                                       "ist beschädigt. Das Programm verwendet deshalb den "
                                                       "Standardordner „{folder}“.\n{where}"),
                       pointer=paths.pointer_path(), folder=state.folder, where=where)
    if state.problem == PROBLEM_NOT_WRITABLE:
        reason = Message(QT_TRANSLATE_NOOP("DataFolder", "ist schreibgeschützt – Daten können dort nicht gespeichert "
                                                         "werden"))
    elif state.problem == PROBLEM_MISSING:
        reason = Message(QT_TRANSLATE_NOOP("DataFolder", "ist nicht erreichbar (zum Beispiel ist der USB-Stick nicht "
                                                         "eingesteckt oder das Netzlaufwerk nicht verbunden)"))
    else:  # pragma: no cover - future problem kinds
        reason = Message(QT_TRANSLATE_NOOP("DataFolder", "kann nicht verwendet werden"))
    return Message(QT_TRANSLATE_NOOP("DataFolder", "Der gewählte Datenordner „{chosen}“ {reason}. Das Programm "
                                                   "verwendet deshalb den Standardordner „{folder}“; was Sie jetzt "
                                                   "speichern, landet dort.\nSchließen Sie den Datenträger an und "
                                                   "starten Sie das Programm neu. {where}"),
                   chosen=state.chosen, reason=reason, folder=state.folder, where=where)


# -- planning -------------------------------------------------------------------------------------
def data_folder_for_choice(chosen: "str | os.PathLike[str]") -> Path:
    """The data folder for a folder picked in the file dialog.

    An empty folder, a data folder (database, settings or backups in it) or a folder that does not
    exist yet is used as it is; any other folder (the root of a USB stick, "Dokumente" ...) gets a
    subfolder :data:`SUBFOLDER_NAME` so the data files do not mix with other files.
    """
    folder = _absolute(chosen)
    if not folder.is_dir():
        return folder
    if _same(folder, paths.data_folder_state().folder) or _same(folder, paths.platform_data_dir()):
        return folder
    markers = (DATABASE_FILE, *SETTINGS_FILES, "backups")
    if any((folder / name).exists() for name in markers):
        return folder
    try:
        empty = not any(folder.iterdir())
    except OSError:
        return folder   # unreadable: the plan reports it
    return folder if empty else folder / SUBFOLDER_NAME


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return path


def _check_writable(folder: Path) -> None:
    """Refuse a folder that cannot be created or written (a real write probe, nothing left behind)."""
    existing = _existing_ancestor(folder)
    if not existing.is_dir():
        raise UserError(Message(QT_TRANSLATE_NOOP("DataFolder", "Der Ordner „{folder}“ kann nicht angelegt werden: "
                                                                "„{existing}“ ist eine Datei."),
                                folder=folder, existing=existing),
                        hint=Message(QT_TRANSLATE_NOOP("DataFolder", "Wählen Sie einen anderen Ordner.")))
    try:
        handle, probe = tempfile.mkstemp(prefix=".quartierslabor-schreibtest-", dir=str(existing))
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise UserError(Message(QT_TRANSLATE_NOOP("DataFolder", "In den Ordner „{folder}“ kann nicht geschrieben "
                                                                "werden ({reason})."),
                                folder=existing, reason=exc.strerror or exc),
                        hint=Message(QT_TRANSLATE_NOOP("DataFolder", "Wählen Sie einen Ordner, in dem Sie "
                                                                     "Schreibrechte haben, und prüfen Sie, ob der "
                                                                     "Datenträger schreibgeschützt ist."))) from exc


def _subfolder_files(source: Path, target: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for root, _dirs, names in os.walk(source):
        for name in sorted(names):
            if name.endswith(_SKIPPED_SUFFIXES):
                continue
            src = Path(root) / name
            dst = target / src.relative_to(source)
            if not dst.exists() and src.is_file():
                pairs.append((src, dst))
    return pairs


def plan_data_folder_change(new_folder: "str | os.PathLike[str]", copy_existing: bool = True) -> DataFolderPlan:
    """Check ``new_folder`` and work out what a move would copy; changes nothing.

    Raises a German :class:`UserError` when the folder cannot be used.
    """
    if os.environ.get(DATA_DIR_ENV):
        raise UserError(f"Der Datenordner ist mit der Umgebungsvariablen {DATA_DIR_ENV} festgelegt und kann "
                        "hier nicht geändert werden.",
                        hint=f"Entfernen Sie die Umgebungsvariable {DATA_DIR_ENV}, um den Ordner in den "
                             "Einstellungen zu wählen.")
    if not str(new_folder).strip():
        raise UserError(Message(QT_TRANSLATE_NOOP("DataFolder", "Es wurde kein Ordner gewählt.")),
                        hint=Message(QT_TRANSLATE_NOOP("DataFolder", "Wählen Sie einen Ordner für die Daten.")))
    state = paths.data_folder_state()
    current = state.folder
    target = _absolute(new_folder)
    default = paths.platform_data_dir()
    to_default = _same(target, default)
    pointer_set = state.chosen is not None or state.problem is not None
    if _same(target, current):
        # already in use; only going back to the default from a chosen-but-missing folder changes the pointer
        return DataFolderPlan(current=current, target=target, to_default=to_default,
                              existing_database=None, pointer_change=to_default and pointer_set)
    if _inside(target, current):
        raise UserError(Message(QT_TRANSLATE_NOOP("DataFolder", "Der Ordner „{target}“ liegt innerhalb des "
                                                                "bisherigen Datenordners „{current}“."),
                                target=target, current=current),
                        hint=Message(QT_TRANSLATE_NOOP("DataFolder", "Wählen Sie einen Ordner außerhalb des "
                                                                     "bisherigen Datenordners.")))
    if target.exists() and not target.is_dir():
        raise UserError(Message(QT_TRANSLATE_NOOP("DataFolder", "„{target}“ ist eine Datei, kein Ordner."),
                                target=target),
                        hint=Message(QT_TRANSLATE_NOOP("DataFolder", "Wählen Sie einen Ordner.")))
    _check_writable(target)
    if not to_default:
        _check_writable(default)   # the pointer file is written there
    existing_db = target / DATABASE_FILE
    if existing_db.exists():
        try:
            check_sqlite_file(existing_db)
        except DatabaseError as exc:
            raise UserError(Message(QT_TRANSLATE_NOOP("DataFolder", "Im Ordner „{target}“ liegt eine Datei {file}, "
                                                                    "die keine intakte Quartierslabor-Datenbank ist: "
                                                                    "{problem}"),
                                    target=target, file=DATABASE_FILE, problem=exc.message_obj),
                            hint=Message(QT_TRANSLATE_NOOP("DataFolder", "Wählen Sie einen anderen Ordner oder stellen "
                                                                         "Sie die Datenbank dort aus einer Sicherung "
                                                                         "wieder her."))) from exc
    else:
        existing_db = None
        for suffix in ("-wal", "-shm", "-journal"):
            leftover = target / (DATABASE_FILE + suffix)
            if leftover.exists():
                raise UserError(Message(QT_TRANSLATE_NOOP("DataFolder", "Im Ordner „{target}“ liegt die Datei "
                                                                        "„{file}“ ohne die zugehörige Datenbank."),
                                        target=target, file=leftover.name),
                                hint=Message(QT_TRANSLATE_NOOP("DataFolder", "Entfernen Sie diese Datei oder wählen "
                                                                             "Sie einen anderen Ordner.")))
    plan = DataFolderPlan(current=current, target=target, to_default=to_default, existing_database=existing_db)
    for name in SETTINGS_FILES:
        src, dst = current / name, target / name
        if src.is_file() and not dst.exists():
            plan.files.append((src, dst))
    if copy_existing and existing_db is None:
        source_db = current / DATABASE_FILE
        if source_db.is_file() and source_db.stat().st_size > 0:
            plan.database = source_db
            plan.database_bytes = source_db.stat().st_size
            wal = current / (DATABASE_FILE + "-wal")
            if wal.exists():
                plan.database_bytes += wal.stat().st_size
        for name in DATA_SUBFOLDERS:
            if (current / name).is_dir():
                plan.files.extend(_subfolder_files(current / name, target / name))
    plan.bytes_to_copy = plan.database_bytes + sum(src.stat().st_size for src, _dst in plan.files)
    free = shutil.disk_usage(_existing_ancestor(target)).free
    if plan.bytes_to_copy and free < plan.bytes_to_copy + FREE_SPACE_MARGIN:
        raise UserError(Message(QT_TRANSLATE_NOOP("DataFolder", "Im Ordner „{target}“ ist nicht genug Platz frei "
                                                                "(benötigt: {needed}, frei: {free})."),
                                target=target, needed=_mb(plan.bytes_to_copy), free=_mb(free)),
                        hint=Message(QT_TRANSLATE_NOOP("DataFolder", "Wählen Sie einen Datenträger mit mehr freiem "
                                                                     "Platz.")))
    return plan


# -- moving ---------------------------------------------------------------------------------------
def _verify_copy(path: Path) -> None:
    """Check the copied database; closing the read-write connection folds any WAL into the file."""
    con = sqlite3.connect(str(path))
    try:
        row = con.execute("PRAGMA quick_check").fetchone()
    finally:
        con.close()
    if not row or row[0] != "ok":
        raise UserError(f"Die Kopie der Datenbank ist fehlerhaft (Prüfung meldet: {row[0] if row else '?'}).",
                        file=str(path), hint="Versuchen Sie es erneut oder wählen Sie einen anderen Datenträger.")
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            if side.stat().st_size and suffix == "-wal":
                raise UserError("Die Kopie der Datenbank konnte nicht abgeschlossen werden.", file=str(side),
                                hint="Versuchen Sie es erneut.")
            side.unlink()


def move_data_folder(new_folder: "str | os.PathLike[str]", copy_existing: bool = True,
                     progress_callback: Optional[ProgressCallback] = None,
                     cancel: Optional[CancelToken] = None) -> DataFolderMove:
    """Make ``new_folder`` the data folder from the next start.

    Checks the folder (:func:`plan_data_folder_change`), copies the data when ``copy_existing``
    (the database as a consistent copy while the program keeps it open), then writes the pointer
    file. On any error or cancellation the files copied so far are removed again and the pointer
    is unchanged. Nothing in the old folder is deleted. Raises a German :class:`UserError`.
    """
    plan = plan_data_folder_change(new_folder, copy_existing)
    result = DataFolderMove(plan)
    if plan.unchanged:
        return result
    created_dirs: list[Path] = []
    total = max(plan.bytes_to_copy, 1)
    done = 0

    def make_dir(folder: Path) -> None:
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        for path in reversed(missing):
            private_dir(path)
            created_dirs.append(path)

    try:
        report(progress_callback, 0.0,
               Message(QT_TRANSLATE_NOOP("Progress", "Der neue Datenordner wird vorbereitet")), cancel)
        make_dir(plan.target)
        if plan.database is not None:
            report(progress_callback, 0.0, Message(QT_TRANSLATE_NOOP("Progress", "Die Datenbank wird kopiert")), cancel)
            final = plan.target / DATABASE_FILE
            tmp = plan.target / (DATABASE_FILE + ".kopie.tmp")
            side_files = [tmp.with_name(tmp.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
            result.copied.extend([tmp, *side_files])
            _copy_sqlite(plan.database, tmp)
            _verify_copy(tmp)
            os.replace(tmp, final)
            result.copied[-1 - len(side_files):] = [final]
            done += plan.database_bytes
        for index, (src, dst) in enumerate(plan.files):
            report(progress_callback, done / total,
                   Message(QT_TRANSLATE_NOOP("Progress", "Dateien werden kopiert ({number} von {count})"),
                           number=index + 1, count=len(plan.files)), cancel)
            make_dir(dst.parent)
            if dst.exists():      # appeared meanwhile: never overwrite
                continue
            result.copied.append(dst)
            shutil.copy2(src, dst)
            make_private(dst)
            done += src.stat().st_size
        report(progress_callback, 1.0,
               Message(QT_TRANSLATE_NOOP("Progress", "Der neue Datenordner wird eingetragen")), cancel)
        if plan.to_default:
            remove_pointer()
        else:
            write_pointer(plan.target, previous=plan.current)
    except BaseException as exc:
        for path in reversed(result.copied):
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in reversed(created_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        result.copied.clear()
        if isinstance(exc, (OSError, sqlite3.Error)):
            reason = getattr(exc, "strerror", None) or exc
            raise UserError(f"Die Daten konnten nicht nach „{plan.target}“ kopiert werden ({reason}).",
                            hint="Der bisherige Datenordner bleibt in Gebrauch. Prüfen Sie den Datenträger und "
                                 "versuchen Sie es erneut.") from exc
        raise
    return result


def use_default_data_folder(copy_existing: bool = True, progress_callback: Optional[ProgressCallback] = None,
                            cancel: Optional[CancelToken] = None) -> DataFolderMove:
    """Go back to the platform's folder (a database already there is used, not overwritten)."""
    return move_data_folder(paths.platform_data_dir(), copy_existing, progress_callback, cancel)
