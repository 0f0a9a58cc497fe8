"""Creating a lab's cluster row when two processes may create the same one at the same moment."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .models import Cluster


def add_cluster_once(session: Session, cluster: Cluster) -> Cluster:
    """Insert ``cluster`` (a new row); if another process inserted the same (lab, key) meanwhile, return that row.

    Insert-or-get in a savepoint: the unique constraint ``uq_cluster_lab_key`` decides on both SQLite and
    PostgreSQL, and a lost race costs only the savepoint, not the caller's transaction (the card being added).
    """
    _inside_a_transaction(session)
    try:
        with session.begin_nested():
            session.add(cluster)
            session.flush()
        return cluster
    except IntegrityError:
        existing = session.scalar(select(Cluster).where(Cluster.lab_id == cluster.lab_id,
                                                        Cluster.key == cluster.key))
        if existing is None:
            raise
        return existing


def _inside_a_transaction(session: Session) -> None:
    """On SQLite, open the transaction the savepoint nests in.

    Python's sqlite3 module starts a transaction only before INSERT/UPDATE/DELETE; a SAVEPOINT issued
    outside one starts its own, and releasing it would commit everything so far (the import of a file
    would no longer be all or nothing).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN")
