"""Alembic environment: migrations run on the connection EquityDesk hands over, never on a URL from a file."""

from __future__ import annotations

from alembic import context

from equitydesk.db import tables  # noqa: F401  (registers every table on Base.metadata)
from equitydesk.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("EquityDesk migrations run only through equitydesk.db.migrate")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        # One transaction for the whole upgrade (equitydesk.db.migrate begins it): SQLite's DDL is transactional,
        # though Alembic assumes otherwise, so a failing step rolls every earlier one back too.
        transactional_ddl=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
