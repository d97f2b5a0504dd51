"""Initial cache schema: aggregates, tombstones, FTS5 search index, outbox, sync state, reference, snapshot.

Revision ID: 0001
Revises:
Create Date: 2026-03-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Folded text (core.text.fold) goes in; remove_diacritics 2 also folds letters carrying two marks.
FTS_DDL = "CREATE VIRTUAL TABLE item_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"


def upgrade() -> None:
    op.create_table(
        "aggregates",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("title_key", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("status_rank", sa.Integer(), nullable=False),
        sa.Column("is_open", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Text(), nullable=False),
        sa.Column("priority_rank", sa.Integer(), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("assignee_id", sa.Text(), nullable=True),
        sa.Column("unit_id", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.Text(), nullable=True),
        sa.Column("due_at", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.Text(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_aggregates")),
        sa.UniqueConstraint("kind", "id", name=op.f("uq_aggregates_kind_id")),
    )
    with op.batch_alter_table("aggregates") as batch:
        batch.create_index(op.f("ix_aggregates_kind_status_submitted_at"), ["kind", "status", "submitted_at"])
        batch.create_index(op.f("ix_aggregates_kind_is_open_assignee_id_submitted_at"),
                           ["kind", "is_open", "assignee_id", "submitted_at"])
        batch.create_index(op.f("ix_aggregates_kind_submitted_at"), ["kind", "submitted_at"])
        batch.create_index(op.f("ix_aggregates_kind_due_at"), ["kind", "due_at"])
        batch.create_index(op.f("ix_aggregates_kind_updated_at"), ["kind", "updated_at"])
        batch.create_index(op.f("ix_aggregates_kind_code"), ["kind", "code"])
        batch.create_index(op.f("ix_aggregates_kind_title_key"), ["kind", "title_key"])
        batch.create_index(op.f("ix_aggregates_kind_status_rank"), ["kind", "status_rank"])
        batch.create_index(op.f("ix_aggregates_kind_priority_rank"), ["kind", "priority_rank"])
        batch.create_index(op.f("ix_aggregates_kind_category"), ["kind", "category"])

    op.create_table(
        "tombstones",
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "id", name=op.f("pk_tombstones")),
    )

    op.create_table(
        "outbox",
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("aggregate_id", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("idempotency_key", sa.Text(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error_status", sa.Integer(), nullable=True),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("local_id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_idempotency_key")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("outbox") as batch:
        batch.create_index(op.f("ix_outbox_kind_aggregate_id"), ["kind", "aggregate_id"])
        batch.create_index(op.f("ix_outbox_state"), ["state"])

    op.create_table(
        "sync_state",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "reference",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_reference")),
    )
    op.create_table(
        "snapshot_seen",
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "id", name=op.f("pk_snapshot_seen")),
    )
    op.execute(FTS_DDL)


def downgrade() -> None:
    op.execute("DROP TABLE item_search")
    for name in ("snapshot_seen", "reference", "sync_state", "outbox", "tombstones", "aggregates"):
        op.drop_table(name)
