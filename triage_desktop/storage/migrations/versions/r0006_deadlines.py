"""Deadlines drive the day (issue 11): the channel and the deadline clock as list columns, their indexes, and
the officers' saved views.

- `aggregates.channel`: the contract's channel, read from the raw JSON of the rows already cached.
- `aggregates.clock`: core.vocabulary.deadline_clock(kind, status) of the stored (pending-overlaid) status, so
  "Quá hạn" and "Sắp đến hạn" are a due_at range of the (kind, clock, due_at) index: their members change
  with the clock alone, so they are counted on the index at the moment asked, never kept in a counter.
- Indexes: (kind, clock, due_at) for the deadline queues and filters, (kind, is_open, assignee_id, due_at) for
  "Việc của tôi" by time left, (kind, channel, submitted_at) for the channel filter.
- `saved_views`: each officer's own named lists (core.entities.SavedView as JSON).

Both columns are filled in one UPDATE, so every row is rewritten once (the row's record is rewritten whole on
any change); the vocabulary is read as of this revision, written out in SQL.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _in(values: frozenset[str]) -> str:
    return "(" + ", ".join(f"'{value}'" for value in sorted(values)) + ")"  # vocabulary words, no quotes in them


def upgrade() -> None:
    from triage_desktop.core import vocabulary as v

    op.add_column("aggregates", sa.Column("channel", sa.Text(), nullable=True))
    op.add_column("aggregates", sa.Column("clock", sa.Text(), server_default="running", nullable=False))
    clock = " ".join(
        f"WHEN kind = '{kind}' AND status IN {_in(v.CLOCK_STOPPED[kind])} THEN 'stopped' "
        + (f"WHEN kind = '{kind}' AND status IN {_in(v.CLOCK_PAUSED[kind])} THEN 'paused' "
           if v.CLOCK_PAUSED[kind] else "")
        for kind in v.KINDS)
    # storage.rows.text_or_none of data["channel"]: text and not empty, else NULL.
    op.execute("UPDATE aggregates SET "
               "channel = CASE WHEN json_type(raw, '$.channel') = 'text' "
               "AND json_extract(raw, '$.channel') <> '' THEN json_extract(raw, '$.channel') END, "
               f"clock = CASE {clock} ELSE 'running' END")
    op.create_index(op.f("ix_aggregates_kind_clock_due_at"), "aggregates", ["kind", "clock", "due_at"])
    op.create_index(op.f("ix_aggregates_kind_is_open_assignee_id_due_at"), "aggregates",
                    ["kind", "is_open", "assignee_id", "due_at"])
    op.create_index(op.f("ix_aggregates_kind_channel_submitted_at"), "aggregates",
                    ["kind", "channel", "submitted_at"])
    op.create_table(
        "saved_views",
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("view", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "name", name=op.f("pk_saved_views")),
    )


def downgrade() -> None:
    op.drop_table("saved_views")
    op.drop_index(op.f("ix_aggregates_kind_channel_submitted_at"), "aggregates")
    op.drop_index(op.f("ix_aggregates_kind_is_open_assignee_id_due_at"), "aggregates")
    op.drop_index(op.f("ix_aggregates_kind_clock_due_at"), "aggregates")
    # Not batch mode: copying the table would drop the list_counts triggers of r0002.
    op.execute("ALTER TABLE aggregates DROP COLUMN clock")
    op.execute("ALTER TABLE aggregates DROP COLUMN channel")
