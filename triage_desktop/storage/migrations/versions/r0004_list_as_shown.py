"""The list as the officer sees it: sorted by the names it shows, counting her own unsent work.

- `assignee_key` / `category_key`: Vietnamese sort keys of the member's and the category's (procedure's)
  shown name (storage.sort_names), with an index each; "Người xử lý" and "Lĩnh vực" sorted by id and code.
- Items with unsent actions get the list columns those actions will change (status, assignee, priority), so
  queues and badges count an item acknowledged or assigned offline where it is going (storage.rows).
- `unread`: the items each officer has not opened since they arrived (bold rows, "3 phản ánh mới").

Uses storage code as of this revision (sort keys and the pending overlay); a later revision that changes
those must not rely on this one's output being recomputed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from triage_desktop.storage import aggregates, sort_names

    op.add_column("aggregates", sa.Column("assignee_key", sa.Text(), nullable=True))
    op.add_column("aggregates", sa.Column("category_key", sa.Text(), nullable=True))
    conn = op.get_bind()
    names = sort_names.load(conn)
    # One UPDATE per distinct value, each through the (kind, assignee_id) / (kind, category) index.
    for kind, assignee in conn.exec_driver_sql(
            "SELECT DISTINCT kind, assignee_id FROM aggregates WHERE assignee_id IS NOT NULL").all():
        conn.exec_driver_sql("UPDATE aggregates SET assignee_key = ? WHERE kind = ? AND assignee_id = ?",
                             (names.assignee_key(assignee), kind, assignee))
    for kind, category in conn.exec_driver_sql(
            "SELECT DISTINCT kind, category FROM aggregates WHERE category IS NOT NULL").all():
        conn.exec_driver_sql("UPDATE aggregates SET category_key = ? WHERE kind = ? AND category = ?",
                             (names.category_key(kind, category), kind, category))
    op.create_index(op.f("ix_aggregates_kind_assignee_key"), "aggregates", ["kind", "assignee_key"])
    op.create_index(op.f("ix_aggregates_kind_category_key"), "aggregates", ["kind", "category_key"])
    op.create_table(
        "unread",
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "kind", "id", name=op.f("pk_unread")),
    )
    unsent = conn.exec_driver_sql(
        "SELECT DISTINCT kind, aggregate_id FROM outbox WHERE state IN ('pending', 'sending')").all()
    # The pending columns as of this revision (r0006 added `clock`, computed there from the status set here).
    aggregates.show_pending(conn, [(kind, item_id) for kind, item_id in unsent],
                            ("status", "status_rank", "is_open", "priority", "priority_rank", "assignee_id",
                             "assignee_key"))


def downgrade() -> None:
    op.drop_table("unread")
    op.drop_index(op.f("ix_aggregates_kind_category_key"), "aggregates")
    op.drop_index(op.f("ix_aggregates_kind_assignee_key"), "aggregates")
    # Not batch mode: copying the table would drop the list_counts triggers of r0002 (SQLite ≥ 3.35 drops columns).
    op.execute("ALTER TABLE aggregates DROP COLUMN category_key")
    op.execute("ALTER TABLE aggregates DROP COLUMN assignee_key")
