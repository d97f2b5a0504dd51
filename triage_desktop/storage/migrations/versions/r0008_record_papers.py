"""The official papers and the ward's record (issue 13).

- `record_facts`: one narrow row per cached aggregate with what the on-time record counts (storage.record_facts),
  on covering indexes by (kind, received_at) and (kind, settled_at); a trigger removes it with its aggregate.
- `letterheads`: how each unit signs its papers (parent authority, address, leader, place), typed once.

The facts of the items already cached are computed by the same Python function the write path uses (so both
agree by construction), reading the raw JSON in batches; nothing in `aggregates` is rewritten. That function is
imported live, not frozen here: a later change to storage.record_facts.facts must ship with its own migration
that recomputes the facts (the rule in storage.record_facts' docstring).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BATCH = 5_000
TRIGGER = ("CREATE TRIGGER record_facts_delete AFTER DELETE ON aggregates BEGIN "
           "DELETE FROM record_facts WHERE kind = OLD.kind AND id = OLD.id; END")


def upgrade() -> None:
    from triage_desktop.storage import record_facts

    op.create_table(
        "record_facts",
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("assignee_id", sa.Text(), nullable=True),
        sa.Column("received_at", sa.Text(), nullable=True),
        sa.Column("due_at", sa.Text(), nullable=True),
        sa.Column("settled_at", sa.Text(), nullable=True),
        sa.Column("responded_at", sa.Text(), nullable=True),
        sa.Column("extended", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "id", name=op.f("pk_record_facts")),
    )
    op.create_table(
        "letterheads",
        sa.Column("unit_id", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("unit_id", name=op.f("pk_letterheads")),
    )
    conn = op.get_bind()
    last = 0
    while True:  # by primary key, a batch at a time: memory stays flat on a million rows
        rows = conn.execute(sa.text("SELECT pk, kind, id, raw FROM aggregates WHERE pk > :last ORDER BY pk LIMIT :n"),
                            {"last": last, "n": _BATCH}).all()
        if not rows:
            break
        last = rows[-1][0]
        facts = []
        for _pk, kind, item_id, raw in rows:
            try:
                data = json.loads(raw)
            except ValueError:
                continue  # never stored that way; the next sync of the item writes its facts
            if isinstance(data, dict):
                facts.append(record_facts.facts(kind, item_id, data))
        record_facts.write(conn, facts)
    # After the backfill: indexes built once, not kept row by row.
    # Covering: a period's facts are read from an index range alone (storage.record_query), no table lookups.
    covered = ["due_at", "status", "assignee_id", "category", "extended", "paused"]
    op.create_index(op.f("ix_record_facts_by_received"), "record_facts",
                    ["kind", "received_at", "settled_at", *covered, "responded_at", "id"])
    op.create_index(op.f("ix_record_facts_by_settled"), "record_facts",
                    ["kind", "settled_at", "received_at", *covered, "id"])
    op.execute(TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER record_facts_delete")
    op.drop_table("letterheads")
    op.drop_table("record_facts")
