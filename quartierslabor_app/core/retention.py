"""Retention of invitees' personal data (DSGVO): remind, then delete (Qt-free).

Invitees' names, addresses and the register values as read are needed only to write the
invitation letters and to manage replies. By default they are deleted
:data:`DEFAULT_RETENTION_MONTHS` months after the workshop date; the city changes the
period for everyone sharing the database with the setting ``retention_months``.

What deletion does (:func:`delete_personal_data`):

1. updates the lab's :class:`ParticipationAggregate` rows (invited / accepted / took part
   per age band, gender, district and subdistrict) from the invitees, *before* anything is
   deleted (with the draw's own counting, so categories match its population figures);
2. blanks family name, given names, street, postcode, city and the original register
   values of every invitee of the lab. The rows themselves stay with only coarse,
   non-identifying attributes (age band, gender, subdistrict, stratum, reply, attended),
   so counts shown elsewhere keep working;
3. blanks the ``person_key`` too. It is a salted hash used to exclude earlier invitees
   from later draws, but a hash that can be matched against the register is still personal
   data. A city that wants to keep excluding earlier invitees after the retention period
   opts in with the setting ``retention_keep_person_keys = 1`` (and documents that in its
   record of processing activities);
4. keeps the draw's audit record (:class:`DrawRecord`, with the protocol hash): it holds
   no personal data;
5. sets ``Lab.personal_data_deleted_at``.

Deleted rows can survive in free pages of the database file. :func:`purge_freed_storage`
therefore checkpoints and truncates SQLite's write-ahead log and runs ``VACUUM`` (on
PostgreSQL ``VACUUM FULL invitees``), and :func:`scrub_backups` removes the same data
from the app's automatic backup copies. :func:`apply_retention` does all of it.
"""
from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from . import count_texts
from .errors import DatabaseError, UserError
from .messages import QT_TRANSLATE_NOOP, Message
from .progress import CancelToken, ProgressCallback, report
from .settings_store import get_city_int, get_city_setting, set_city_setting
from .storage.models import DrawRecord, Invitee, Lab, ParticipationAggregate

log = logging.getLogger(__name__)

DEFAULT_RETENTION_MONTHS = 3
RETENTION_MONTHS_SETTING = "retention_months"
KEEP_PERSON_KEYS_SETTING = "retention_keep_person_keys"
MAX_RETENTION_MONTHS = 120
#: days before the deadline from which the app reminds the facilitator
DEFAULT_REMINDER_DAYS = 14

#: Invitee columns holding personal data (blanked on deletion)
PERSONAL_COLUMNS = ("family_name", "given_names", "street", "postcode", "city", "register_values_json")


# -- settings --------------------------------------------------------------------------
def retention_months(session: Session) -> int:
    """Months after the workshop date until personal data is deleted (city setting)."""
    months = get_city_int(session, RETENTION_MONTHS_SETTING, DEFAULT_RETENTION_MONTHS)
    return months if 1 <= months <= MAX_RETENTION_MONTHS else DEFAULT_RETENTION_MONTHS


def set_retention_months(session: Session, months: int) -> None:
    if not isinstance(months, int) or not 1 <= months <= MAX_RETENTION_MONTHS:
        raise UserError(Message(QT_TRANSLATE_NOOP("Retention", "Die Aufbewahrungsfrist muss zwischen 1 und {max} "
                                                               "Monaten liegen (angegeben: {months})."),
                                max=MAX_RETENTION_MONTHS, months=months))
    set_city_setting(session, RETENTION_MONTHS_SETTING, str(months))


def keeps_person_keys(session: Session) -> bool:
    return (get_city_setting(session, KEEP_PERSON_KEYS_SETTING, "0") or "0").strip() in ("1", "ja", "true")


def set_keep_person_keys(session: Session, keep: bool) -> None:
    set_city_setting(session, KEEP_PERSON_KEYS_SETTING, "1" if keep else "0")


# -- dates -------------------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _last_draw_date(session: Session, lab: Lab) -> Optional[dt.date]:
    created = session.scalar(select(func.max(DrawRecord.created_at)).where(DrawRecord.lab_id == lab.id))
    return created.date() if created is not None else None


def retention_date(session: Session, lab: Lab, months: Optional[int] = None) -> Optional[dt.date]:
    """The day from which the lab's personal data is due for deletion.

    ``Lab.retention_until`` if set; else the workshop date plus the retention period; for a
    lab without a date the day of its last draw plus the period (so nothing is kept forever).
    """
    if lab.retention_until is not None:
        return lab.retention_until
    months = retention_months(session) if months is None else months
    start = lab.date or _last_draw_date(session, lab)
    return add_months(start, months) if start is not None else None


def ensure_retention_date(session: Session, lab: Lab, *, recompute: bool = False) -> Optional[dt.date]:
    """Set ``Lab.retention_until`` when the lab has a date and invitees (call after saving a draw
    or changing the workshop date with ``recompute=True``). Returns the date."""
    has_invitees = session.scalar(select(func.count(Invitee.id)).where(Invitee.lab_id == lab.id)) > 0
    if lab.date is not None and has_invitees and (lab.retention_until is None or recompute):
        lab.retention_until = add_months(lab.date, retention_months(session))
        session.flush()
    return lab.retention_until


# -- what is due ---------------------------------------------------------------------------
def _has_personal_data_clause(keep_person_keys: bool):
    columns = PERSONAL_COLUMNS if keep_person_keys else PERSONAL_COLUMNS + ("person_key",)
    return or_(*(getattr(Invitee, name) != "" for name in columns))


@dataclass(frozen=True)
class RetentionStatus:
    """One lab that still holds invitees' personal data (for reminders and the CLI)."""

    lab_id: int
    lab_name: str
    district: str
    workshop_date: Optional[dt.date]
    delete_on: Optional[dt.date]
    invitees_with_data: int
    days_left: Optional[int]          # negative: overdue

    @property
    def due(self) -> bool:
        return self.days_left is not None and self.days_left <= 0

    def german_summary(self) -> str:
        when = self.delete_on.strftime("%d.%m.%Y") if self.delete_on else "ohne Frist (kein Datum)"
        state = ("fällig" if self.due else f"in {self.days_left} Tagen") if self.days_left is not None else "–"
        return (f"{self.lab_name} ({self.district}): {count_texts.people(self.invitees_with_data)}, "
                f"löschen ab {when} – {state}")


def retention_overview(session: Session, today: dt.date) -> list[RetentionStatus]:
    """All labs whose invitees still have personal data, soonest deadline first."""
    months = retention_months(session)
    rows = session.execute(
        select(Invitee.lab_id, func.count(Invitee.id))
        .where(_has_personal_data_clause(keeps_person_keys(session)))
        .group_by(Invitee.lab_id)).all()
    statuses = []
    for lab_id, count in rows:
        lab = session.get(Lab, lab_id)
        delete_on = retention_date(session, lab, months)
        statuses.append(RetentionStatus(
            lab_id=lab.id, lab_name=lab.name, district=lab.district, workshop_date=lab.date,
            delete_on=delete_on, invitees_with_data=int(count),
            days_left=(delete_on - today).days if delete_on is not None else None))
    far = dt.date.max
    return sorted(statuses, key=lambda s: (s.delete_on or far, s.lab_name))


def labs_due_for_deletion(session: Session, today: dt.date) -> list[Lab]:
    """Labs whose retention date has been reached and that still hold personal data."""
    return [session.get(Lab, s.lab_id) for s in retention_overview(session, today) if s.due]


def labs_needing_reminder(session: Session, today: dt.date,
                          within_days: int = DEFAULT_REMINDER_DAYS) -> list[RetentionStatus]:
    """What the GUI reminds about on start: labs due now or within ``within_days`` days."""
    return [s for s in retention_overview(session, today)
            if s.days_left is not None and s.days_left <= within_days]


# -- aggregates and deletion ------------------------------------------------------------------
def update_participation_aggregates(session: Session, lab: Lab) -> list[ParticipationAggregate]:
    """Recount invited / accepted / took part per age band, gender, district and subdistrict.

    Uses the draw's own counting (:func:`quartierslabor_app.core.draw.store.refresh_participation`),
    so the categories match the population figures stored with the draw, which are kept.
    """
    from .draw.store import refresh_participation  # lazy: the draw package is large

    refresh_participation(session, lab)
    return list(session.scalars(select(ParticipationAggregate)
                                .where(ParticipationAggregate.lab_id == lab.id)
                                .order_by(ParticipationAggregate.id)))


@dataclass
class DeletionResult:
    lab_id: int
    lab_name: str
    invitees_cleared: int
    person_keys_kept: bool
    aggregates: int


def delete_personal_data(session: Session, lab: Lab, *, now: Optional[dt.datetime] = None) -> DeletionResult:
    """Delete the personal data of the lab's invitees, keeping aggregates and the audit record.

    Runs in the caller's session (commit it), then call :func:`purge_freed_storage`.
    """
    aggregates = update_participation_aggregates(session, lab)
    keep_keys = keeps_person_keys(session)
    blank = {name: "" for name in PERSONAL_COLUMNS}
    if not keep_keys:
        blank["person_key"] = ""
    cleared = 0
    for person in session.scalars(select(Invitee).where(Invitee.lab_id == lab.id)):
        for name, value in blank.items():
            setattr(person, name, value)
        cleared += 1
    lab.personal_data_deleted_at = (now or dt.datetime.now(dt.timezone.utc)).replace(tzinfo=None)
    session.flush()
    log.info("Deleted personal data of %d invitees of lab %s (person keys %s)", cleared, lab.id,
             "kept" if keep_keys else "deleted")
    return DeletionResult(lab_id=lab.id, lab_name=lab.name, invitees_cleared=cleared,
                          person_keys_kept=keep_keys, aggregates=len(aggregates))


def purge_freed_storage(db) -> None:
    """Make deleted values unrecoverable from the database files (call after committing).

    SQLite: checkpoint and truncate the write-ahead log, ``VACUUM``, truncate again.
    PostgreSQL: ``VACUUM FULL`` rewrites the invitees table (the server's own WAL archive
    and backups are the database administrator's responsibility).
    """
    engine = db.engine
    if engine.dialect.name == "sqlite":
        engine.dispose()  # close idle pooled connections so the checkpoint can finish
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
            _checkpoint(conn)
            conn.exec_driver_sql("VACUUM")
            _checkpoint(conn)
        engine.dispose()
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM FULL invitees")


def _checkpoint(conn) -> None:
    busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        raise DatabaseError(Message(QT_TRANSLATE_NOOP("Retention", "Die gelöschten Daten konnten nicht endgültig aus "
                                                                   "der Datenbankdatei entfernt werden, weil ein "
                                                                   "anderes Programm sie gerade liest.")),
                            hint=Message(QT_TRANSLATE_NOOP("Retention", "Schließen Sie andere Quartierslabor-Fenster "
                                                                        "und wiederholen Sie das Löschen.")))


def scrub_backups(backups: Iterable[Path], lab_ids: Iterable[int], *, keep_person_keys: bool = False,
                  now: Optional[dt.datetime] = None) -> list[Path]:
    """Remove the same personal data from the app's automatic SQLite backup copies.

    A copy that cannot be cleaned (damaged, foreign) is deleted instead: a backup must not
    keep data past its retention period. Returns the copies that were changed or removed.
    """
    ids = sorted(set(int(i) for i in lab_ids))
    if not ids:
        return []
    stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(tzinfo=None).isoformat(sep=" ")
    columns = list(PERSONAL_COLUMNS) + ([] if keep_person_keys else ["person_key"])
    marks = ",".join("?" * len(ids))
    touched = []
    for path in backups:
        try:
            con = sqlite3.connect(str(path), isolation_level=None)
            try:
                present = {row[1] for row in con.execute("PRAGMA table_info(invitees)")}
                if not present:
                    continue
                sets = ", ".join(f"{c} = ''" for c in columns if c in present)
                found = con.execute(f"SELECT count(*) FROM invitees WHERE lab_id IN ({marks})", ids).fetchone()[0]
                if not found:
                    continue
                con.execute("PRAGMA secure_delete=ON")
                con.execute("BEGIN")
                con.execute(f"UPDATE invitees SET {sets} WHERE lab_id IN ({marks})", ids)
                lab_columns = {row[1] for row in con.execute("PRAGMA table_info(labs)")}
                if "personal_data_deleted_at" in lab_columns:
                    con.execute(f"UPDATE labs SET personal_data_deleted_at = ? WHERE id IN ({marks})",
                                [stamp, *ids])
                con.execute("COMMIT")
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                con.execute("VACUUM")
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                con.close()
            touched.append(path)
        except sqlite3.DatabaseError as exc:
            log.warning("Backup %s could not be cleaned (%s); deleting it", path, exc)
            with contextlib.suppress(OSError):
                path.unlink()
            touched.append(path)
    return touched


@dataclass
class RetentionRun:
    deleted: list[DeletionResult] = field(default_factory=list)
    backups_cleaned: list[Path] = field(default_factory=list)
    #: ``.defekt`` copies and copies in earlier data folders cleaned or deleted (:mod:`.retention_copies`)
    copies_cleaned: list[Path] = field(default_factory=list)
    logs_cleared: list[Path] = field(default_factory=list)
    temp_files_removed: list[Path] = field(default_factory=list)


def apply_retention(db, today: dt.date, *, lab_ids: Optional[Iterable[int]] = None,
                    progress: Optional[ProgressCallback] = None,
                    cancel: Optional[CancelToken] = None) -> RetentionRun:
    """Delete the personal data of every lab that is due (or of ``lab_ids``), then purge.

    Each lab is committed on its own, so a cancel keeps what is already done consistent.
    """
    from .storage.database import list_backups

    run = RetentionRun()
    with db.session() as s:
        if lab_ids is None:
            ids = [lab.id for lab in labs_due_for_deletion(s, today)]
        else:
            ids = list(lab_ids)
        keep_keys = keeps_person_keys(s)
    for number, lab_id in enumerate(ids):
        report(progress, number / (len(ids) + 1),
               Message(QT_TRANSLATE_NOOP("Progress", "Lösche personenbezogene Daten ({number}/{total}) …"),
                       number=number + 1, total=len(ids)), cancel)
        with db.session() as s:
            lab = s.get(Lab, lab_id)
            if lab is None:
                raise UserError(Message(QT_TRANSLATE_NOOP("Retention", "Es gibt kein Quartierslabor mit der "
                                                                       "Nummer {lab_id}."), lab_id=lab_id))
            run.deleted.append(delete_personal_data(s, lab))
    if run.deleted:
        report(progress, len(ids) / (len(ids) + 1),
               Message(QT_TRANSLATE_NOOP("Progress", "Gebe freigewordenen Speicher endgültig frei …")))
        purge_freed_storage(db)
        if db.sqlite_path is not None:
            run.backups_cleaned = scrub_backups(list_backups(db.sqlite_path), [r.lab_id for r in run.deleted],
                                                keep_person_keys=keep_keys)
    _clean_other_copies(db, run, keep_keys)
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Fertig.")))
    return run


def _clean_other_copies(db, run: RetentionRun, keep_keys: bool) -> None:
    """The same deletion in ``.defekt`` copies, earlier data folders, logs and leftover temporary files.

    Copies are cleaned for every lab whose personal data is deleted in the live database (also by an
    earlier run: a ``.defekt`` copy may have appeared since).
    """
    from . import retention_copies as copies
    from .paths import user_data_dir

    with db.session() as s:
        deleted_ids = list(s.scalars(select(Lab.id).where(Lab.personal_data_deleted_at.is_not(None))))
    data_folder = user_data_dir()
    folders = [data_folder]
    found: list[Path] = []
    if db.sqlite_path is not None:
        found += copies.damaged_copies(db.sqlite_path)
        if db.sqlite_path.parent != data_folder:
            folders.append(db.sqlite_path.parent)
    for folder in copies.earlier_data_folders(data_folder):
        found += copies.database_copies_in(folder)
        folders.append(folder)
    if deleted_ids and found:
        run.copies_cleaned = scrub_backups(found, deleted_ids, keep_person_keys=keep_keys)
        for path in run.copies_cleaned:
            if not path.exists():        # could not be cleaned, so it was deleted: its WAL goes too
                copies.remove_side_files(path)
    if run.deleted:
        run.logs_cleared = copies.clear_logs(folders)
    run.temp_files_removed = copies.remove_stale_temp_files(folders)
