"""Each outbox row records its author, so an action is only ever sent under the login of the officer who made it.

Existing rows are stamped with the login stored in sync_state at upgrade time ("user" JSON id and
"server_url"); with no such login (or a garbled one) they stay NULL and are held, never sent under a guess.

Revision ID: 0003
Revises: 0002
Create Date: 2026-04-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_USER_ID = ("(SELECT CAST(json_extract(value, '$.id') AS TEXT) FROM sync_state "
            "WHERE key = 'user' AND json_valid(value))")
_SERVER = "(SELECT value FROM sync_state WHERE key = 'server_url' AND value <> '')"


def upgrade() -> None:
    op.add_column("outbox", sa.Column("author_id", sa.Text(), nullable=True))
    op.add_column("outbox", sa.Column("author_server", sa.Text(), nullable=True))
    # Both or neither: an author without a server (or the reverse) could never be matched to a login.
    op.execute(f"UPDATE outbox SET author_id = {_USER_ID}, author_server = {_SERVER} "
               f"WHERE {_USER_ID} IS NOT NULL AND {_SERVER} IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("author_server")
        batch.drop_column("author_id")
