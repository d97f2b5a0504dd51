"""Files both ways, photos offline, drafts and undo (issue 12).

- `outbox.not_before`: an action is not sent before this UTC time (the undo window; NULL: at once).
- `outbox_files`: the bytes of each file an unsent action carries, copied in when it was queued, with the
  upload's own Idempotency-Key and, once uploaded, the server's attachment id.
- `photos`: citizens' photos kept for offline viewing within a size budget (least recently used first out).
- `drafts`: what each officer was writing, per item and composer.

New tables and one nullable column: nothing is rewritten, so the upgrade is instant on a million-row cache.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("not_before", sa.Text(), nullable=True))
    op.create_table(
        "outbox_files",
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("content_type", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("idempotency_key", sa.Text(), nullable=False),
        sa.Column("attachment_id", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("file_id", name=op.f("pk_outbox_files")),
        sa.UniqueConstraint("local_id", "position", name=op.f("uq_outbox_files_local_id_position")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_files_idempotency_key")),
    )
    op.create_table(
        "photos",
        sa.Column("attachment_id", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("content_type", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("fetched_at", sa.Text(), nullable=False),
        sa.Column("last_used_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("attachment_id", name=op.f("pk_photos")),
    )
    op.create_index(op.f("ix_photos_last_used_at"), "photos", ["last_used_at"])
    op.create_table(
        "drafts",
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("action_type", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "kind", "item_id", "action_type", name=op.f("pk_drafts")),
    )


def downgrade() -> None:
    op.drop_table("drafts")
    op.drop_index(op.f("ix_photos_last_used_at"), "photos")
    op.drop_table("photos")
    op.drop_table("outbox_files")
    op.execute("ALTER TABLE outbox DROP COLUMN not_before")
