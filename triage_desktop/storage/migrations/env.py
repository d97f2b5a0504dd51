"""Alembic environment for the cache.

At start-up `storage.migrate.upgrade` hands in a connection that is already inside a BEGIN IMMEDIATE
transaction, so Alembic does not manage transactions and the whole upgrade commits or rolls back at once.
For developers (`alembic -c triage_desktop/storage/migrations/alembic.ini revision --autogenerate`) the URL
in alembic.ini is used instead. No logging setup here: the program owns logging.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from triage_desktop.storage.migrate import include_name
from triage_desktop.storage.schema import Base


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite:///dev-cache.sqlite3")
    with engine.begin() as own:
        _run(own)
    engine.dispose()


main()
