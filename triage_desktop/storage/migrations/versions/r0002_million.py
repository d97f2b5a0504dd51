"""A cache that stays instant at a million items: bulk-buildable search index, counters, filter and sort indexes.

- `item_search` becomes an external-content FTS5 index over the new `aggregates.search_text`, with prefix
  indexes for 1–3 characters (search as you type), so it can be built in bulk after an initial sync.
- `list_counts`, kept by triggers, answers badge and list counts without scanning 10^6 rows.
- Indexes for sorting by assignee and for the status + category + assignee filter.

Revision ID: 0002
Revises: 0001
Create Date: 2026-03-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Folded text (storage.search.index_text) goes in; remove_diacritics 2 also folds letters carrying two marks.
# prefix='1 2 3': a word being typed (up to 3 letters) reads one prefix doclist instead of merging every term that
# starts so (100× faster at 1M); longer words are matched whole first (see storage.search.match_cascade).
FTS_DDL = ("CREATE VIRTUAL TABLE item_search USING fts5(search_text, content='aggregates', content_rowid='pk', "
           "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')")
OLD_FTS_DDL = "CREATE VIRTUAL TABLE item_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"

# The counters know no queue: they count per (kind, status, category, assignee), and the queue rules
# (core.queues.QUEUE_RULES, applied by storage.listing) test only status and assignee, so every queue's count is
# read from them. A rule on another column would need that column in this key: a new revision, not an edit here.
_KEY_NEW = "new.kind, new.status, coalesce(new.category, ''), coalesce(new.assignee_id, '')"
_MATCH_OLD = ("kind = old.kind AND status = old.status AND category = coalesce(old.category, '') "
              "AND assignee_id = coalesce(old.assignee_id, '')")
_ADD = (f"INSERT INTO list_counts (kind, status, category, assignee_id, n) VALUES ({_KEY_NEW}, 1) "
        "ON CONFLICT (kind, status, category, assignee_id) DO UPDATE SET n = n + 1;")
_REMOVE = f"UPDATE list_counts SET n = n - 1 WHERE {_MATCH_OLD};"
TRIGGERS = (
    f"CREATE TRIGGER list_counts_insert AFTER INSERT ON aggregates BEGIN {_ADD} END",
    f"CREATE TRIGGER list_counts_delete AFTER DELETE ON aggregates BEGIN {_REMOVE} END",
    "CREATE TRIGGER list_counts_update AFTER UPDATE OF kind, status, category, assignee_id ON aggregates "
    "WHEN old.kind IS NOT new.kind OR old.status IS NOT new.status OR old.category IS NOT new.category "
    f"OR old.assignee_id IS NOT new.assignee_id BEGIN {_REMOVE} {_ADD} END",
)


def upgrade() -> None:
    op.add_column("aggregates", sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    op.execute("UPDATE aggregates SET search_text = "
               "coalesce((SELECT body FROM item_search WHERE item_search.rowid = aggregates.pk), '')")
    op.execute("DROP TABLE item_search")
    op.execute(FTS_DDL)
    op.execute("INSERT INTO item_search (item_search) VALUES ('rebuild')")
    with op.batch_alter_table("aggregates") as batch:
        batch.create_index(op.f("ix_aggregates_kind_assignee_id"), ["kind", "assignee_id"])
        batch.create_index(op.f("ix_aggregates_kind_status_category_assignee_id_submitted_at"),
                           ["kind", "status", "category", "assignee_id", "submitted_at"])
    op.create_table(
        "list_counts",
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("assignee_id", sa.Text(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "status", "category", "assignee_id", name=op.f("pk_list_counts")),
    )
    op.execute("INSERT INTO list_counts (kind, status, category, assignee_id, n) "
               "SELECT kind, status, coalesce(category, ''), coalesce(assignee_id, ''), count(*) FROM aggregates "
               "GROUP BY 1, 2, 3, 4")
    for ddl in TRIGGERS:
        op.execute(ddl)


def downgrade() -> None:
    for name in ("list_counts_update", "list_counts_delete", "list_counts_insert"):
        op.execute(f"DROP TRIGGER {name}")
    op.drop_table("list_counts")
    with op.batch_alter_table("aggregates") as batch:
        batch.drop_index(op.f("ix_aggregates_kind_status_category_assignee_id_submitted_at"))
        batch.drop_index(op.f("ix_aggregates_kind_assignee_id"))
    op.execute("DROP TABLE item_search")
    op.execute(OLD_FTS_DDL)
    op.execute("INSERT INTO item_search (rowid, body) SELECT pk, search_text FROM aggregates")
    op.drop_column("aggregates", "search_text")
