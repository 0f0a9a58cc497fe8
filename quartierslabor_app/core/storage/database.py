"""Opening the database: SQLite file by default, PostgreSQL by URL.

On open the schema is migrated to the newest Alembic revision; an existing SQLite file
is backed up first. SQLite runs in WAL mode with synchronous writes so that every
committed transaction survives a power cut.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import DatabaseError, StorageFullError, is_storage_full, storage_full_error
from ..messages import QT_TRANSLATE_NOOP, Message
from ..paths import DATABASE_URL_ENV, backup_dir, default_database_path, migrations_path
from ..private_files import create_private_file, private_dir
from . import text_limits

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BACKUP_RETENTION = 20

#: the newest migration in db/versions. Opening a database that is already at this revision
#: needs no Alembic import at all (saves about half a second of start time); a test checks that
#: this constant equals Alembic's head.
SCHEMA_HEAD = "0005"

_RESTORE_BACKUP = Message(QT_TRANSLATE_NOOP("DatabaseError", "Stellen Sie die letzte Sicherung wieder her."))


def alembic_config():
    from alembic.config import Config  # lazy: only needed to migrate

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def resolve_url(target: "str | os.PathLike[str] | None" = None) -> str:
    """Database URL from an explicit path/URL, the environment, the settings, or the default file.

    ``postgresql://`` and ``postgres://`` URLs get the bundled psycopg (3) driver.
    """
    if target is None:
        from ..settings_store import configured_database_url  # lazy: settings_store imports models
        target = os.environ.get(DATABASE_URL_ENV) or configured_database_url() or default_database_path()
    text = str(target)
    if "://" in text:
        for prefix in ("postgresql://", "postgres://"):
            if text.startswith(prefix):
                return "postgresql+psycopg://" + text[len(prefix):]
        return text
    return "sqlite:///" + str(Path(text).expanduser().absolute())


def url_parts(url: str) -> Optional[tuple[str, Optional[str]]]:
    """(driver name, database name) of a database URL, ``None`` if it cannot be parsed."""
    from sqlalchemy.exc import ArgumentError
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    return parsed.drivername, parsed.database


def _sqlite_file(url: str) -> Optional[Path]:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def sqlite_path(target: "str | os.PathLike[str] | None" = None) -> Optional[Path]:
    """The SQLite file a path/URL (or the configured default) names; ``None`` for PostgreSQL."""
    return _sqlite_file(resolve_url(target))


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an intact SQLite database, with a German message.

    An empty (0-byte) file is a new database only when it has no backups; with backups beside it,
    it is a database that lost its content and is refused (the newest backup can be restored).
    """
    if not path.exists():
        return
    if path.stat().st_size == 0:
        if list_backups(path):
            raise DatabaseError(
                Message(QT_TRANSLATE_NOOP("DatabaseError", "Die Datenbankdatei ist leer (0 Bytes), obwohl es "
                                                           "Sicherungen von ihr gibt: ihr Inhalt ist verloren "
                                                           "gegangen.")), file=str(path), hint=_RESTORE_BACKUP)
        return
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise DatabaseError(
            Message(QT_TRANSLATE_NOOP("DatabaseError", "Die Datei ist keine Quartierslabor-Datenbank oder sie ist "
                                                       "beschädigt (der Dateikopf fehlt).")), file=str(path),
            hint=Message(QT_TRANSLATE_NOOP("DatabaseError", "Stellen Sie die letzte Sicherung wieder her oder wählen "
                                                            "Sie eine andere Datei.")))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(Message(QT_TRANSLATE_NOOP("DatabaseError", "Die Datenbank ist beschädigt und kann nicht "
                                                                       "gelesen werden ({error})."), error=exc),
                            file=str(path), hint=_RESTORE_BACKUP) from exc
    if not result or result[0] != "ok":
        raise DatabaseError(Message(QT_TRANSLATE_NOOP("DatabaseError", "Die Datenbank ist beschädigt (Prüfung meldet: "
                                                                       "{result})."),
                                    result=result[0] if result else "?"),
                            file=str(path), hint=_RESTORE_BACKUP)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()


@dataclass
class Database:
    """An open, migrated database. Create with :func:`open_database`."""

    url: str
    engine: Engine
    session_factory: sessionmaker

    @property
    def sqlite_path(self) -> Optional[Path]:
        return _sqlite_file(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on error.

        A full disk becomes :class:`StorageFullError` (German: nothing of this unit was saved).
        """
        session = self.session_factory()
        try:
            yield session
            session.commit()
        except BaseException as exc:
            with contextlib.suppress(SQLAlchemyError):
                session.rollback()
            if not isinstance(exc, StorageFullError) and is_storage_full(exc):
                raise storage_full_error() from exc
            raise
        finally:
            session.close()

    def current_revision(self) -> Optional[str]:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def dispose(self) -> None:
        self.engine.dispose()


def _copy_sqlite(source: Path, target: Path) -> None:
    """Transaction-consistent copy with the sqlite3 backup API (safe while the app writes)."""
    src = sqlite3.connect(str(source))
    try:
        create_private_file(target)   # a copy holds the same personal data: owner only
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(path: Path, reason: str = "auto", target_dir: Optional[Path] = None,
                  keep: int = DEFAULT_BACKUP_RETENTION) -> Optional[Path]:
    """Consistent online copy of a SQLite file (sqlite3 backup API); keeps ``keep`` newest."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    target_dir = private_dir(target_dir or backup_dir())
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = target_dir / f"{path.stem}-{stamp}-{reason}.sqlite3"
    _copy_sqlite(path, target)
    backups = sorted(target_dir.glob(f"{path.stem}-*.sqlite3"))
    for old in backups[:-keep] if keep > 0 else []:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def list_backups(path: Path, target_dir: Optional[Path] = None) -> list[Path]:
    """Backups of ``path``, newest first."""
    target_dir = target_dir or backup_dir()
    return sorted(target_dir.glob(f"{path.stem}-*.sqlite3"), reverse=True)


def restore_backup(backup: Path, path: Path) -> None:
    """Replace ``path`` by ``backup``; the damaged file is kept beside it as ``.defekt``."""
    check_sqlite_file(backup)
    if path.exists():
        damaged = path.with_name(path.name + "." + dt.datetime.now().strftime("%Y%m%d-%H%M%S") + ".defekt")
        path.replace(damaged)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.replace(damaged.with_name(damaged.name + suffix))
    tmp = path.with_name(path.name + ".restore-tmp")
    _copy_sqlite(backup, tmp)
    os.replace(tmp, path)


def open_database(target: "str | os.PathLike[str] | None" = None, *, migrate: bool = True,
                  backup_before_migrate: bool = True, backup_target_dir: Optional[Path] = None) -> Database:
    """Open (and create or migrate) the database at a path or URL.

    Raises :class:`DatabaseError` with a German message when the file is not a database,
    is corrupt, or the server cannot be reached.
    """
    url = resolve_url(target)
    sqlite_path = _sqlite_file(url)
    if sqlite_path is not None:
        private_dir(sqlite_path.parent)
        check_sqlite_file(sqlite_path)
        create_private_file(sqlite_path)   # SQLite gives -wal/-shm the database file's mode
    try:
        # hide_parameters: error texts (and so the log file) never quote the names or cards being written
        engine = create_engine(url, future=True, pool_pre_ping=sqlite_path is None, hide_parameters=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise DatabaseError(Message(QT_TRANSLATE_NOOP("DatabaseError", "Die Datenbankadresse ist ungültig: {error}"),
                                    error=exc),
                            hint=Message(QT_TRANSLATE_NOOP("DatabaseError", "Prüfen Sie die Adresse in den "
                                                                            "Einstellungen."))) from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    db = Database(url=url, engine=engine, session_factory=text_limits.install(sessionmaker(engine, expire_on_commit=False)))
    if migrate:
        try:
            migrate_database(db, backup_before_migrate=backup_before_migrate,
                             backup_target_dir=backup_target_dir)
        except DatabaseError:
            engine.dispose()
            raise
        except SQLAlchemyError as exc:
            engine.dispose()
            raise DatabaseError(Message(QT_TRANSLATE_NOOP("DatabaseError", "Die Datenbank kann nicht geöffnet "
                                                                           "werden: {error}"),
                                        error=f"{exc.__class__.__name__}: {str(exc).splitlines()[0]}"),
                                file=str(sqlite_path) if sqlite_path else url,
                                hint=Message(QT_TRANSLATE_NOOP("DatabaseError", "Prüfen Sie Datei bzw. "
                                                                                "Serververbindung oder stellen Sie "
                                                                                "eine Sicherung wieder her."))) from exc
    return db


def migrate_database(db: Database, *, backup_before_migrate: bool = True,
                     backup_target_dir: Optional[Path] = None) -> Optional[Path]:
    """Upgrade to head; back up an existing SQLite file first. Returns the backup path."""
    current = db.current_revision()
    if current == SCHEMA_HEAD:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if current == script.get_current_head():
        return None
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseError(
            Message(QT_TRANSLATE_NOOP("DatabaseError", "Die Datenbank stammt aus einer neueren Version von "
                                                       "Quartierslabor (Schema {schema})."), schema=current),
            file=str(db.sqlite_path) if db.sqlite_path else db.url,
            hint=Message(QT_TRANSLATE_NOOP("DatabaseError", "Installieren Sie die aktuelle Version der App.")))
    backup = None
    if backup_before_migrate and current is not None and db.sqlite_path is not None:
        backup = backup_sqlite(db.sqlite_path, reason=f"vor-migration-{current}",
                               target_dir=backup_target_dir)
        log.info("Backed up %s to %s before migrating", db.sqlite_path, backup)
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup
