"""Alembic environment for Quartierslabor.

The app runs migrations programmatically (``quartierslabor_app.core.storage.database``),
passing an open connection in ``config.attributes["connection"]``. Developers can also run
``alembic -c db/alembic.ini upgrade head`` with ``QUARTIERSLABOR_DATABASE_URL`` set.
"""
from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from quartierslabor_app.core.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = os.environ.get("QUARTIERSLABOR_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
