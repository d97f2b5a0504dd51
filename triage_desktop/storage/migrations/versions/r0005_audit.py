"""The audit trail: an append-only, hash-chained log of what officials did with this cache (issue 10).

`audit_log` holds one row per action queued, sent, conflicted, re-applied or discarded, and per reveal, export,
print, login, unlock, lock and logout (storage.audit). AUTOINCREMENT, so sqlite_sequence keeps the highest seq
ever given: a removed last entry leaves it above the last row, and `audit --verify` sees the gap. Two triggers
make UPDATE and DELETE fail, so no code path of ours edits or drops an entry by mistake (a batch "move and copy"
of this table would lose them: never alter it in batch mode; add a new revision that re-creates them).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TRIGGERS = {
    "audit_log_no_update": "UPDATE",
    "audit_log_no_delete": "DELETE",
}


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("item_id", sa.Text(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.Text(), nullable=False),
        sa.Column("hash", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sqlite_autoincrement=True,
    )
    for name, statement in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} BEFORE {statement} ON audit_log "
                   f"BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")


def downgrade() -> None:
    # DROP TABLE takes its triggers with it; a downgrade throws the trail away with the schema it needs.
    op.drop_table("audit_log")
