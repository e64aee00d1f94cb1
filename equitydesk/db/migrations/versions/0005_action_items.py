"""action items: owners, log and status reasons

Revision ID: 0005_action_items
Revises: 0004_meeting_minutes
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_action_items"
down_revision = "0004_meeting_minutes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A foreign key cannot be added in place on SQLite: batch mode rebuilds action_item, with foreign keys off
    # (equitydesk.db.migrate), so its updates are not deleted by the rebuild.
    with op.batch_alter_table("action_item") as batch:
        batch.add_column(sa.Column("status_reason", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("import_batch_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_action_item_import_batch_id_import_batch",
            "import_batch",
            ["import_batch_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("action_update") as batch:
        batch.add_column(sa.Column("due_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("due_to", sa.Date(), nullable=True))
    op.create_table(
        "action_owner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(length=200), nullable=True),
        sa.CheckConstraint("(person_id IS NULL) <> (text IS NULL)", name=op.f("ck_action_owner_person_or_text")),
        sa.ForeignKeyConstraint(
            ["action_item_id"],
            ["action_item.id"],
            name=op.f("fk_action_owner_action_item_id_action_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_action_owner_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_owner")),
    )
    with op.batch_alter_table("action_owner") as batch:
        batch.create_index(batch.f("ix_action_owner_action_item_id"), ["action_item_id"], unique=False)
        batch.create_index(batch.f("ix_action_owner_person_id"), ["person_id"], unique=False)
    # The single owner every item had becomes its first owner; the old columns stay, mirroring the first owner.
    op.execute(
        "INSERT INTO action_owner (action_item_id, position, person_id, text) "
        "SELECT id, 0, owner_person_id, NULL FROM action_item WHERE owner_person_id IS NOT NULL"
    )
    op.execute(
        "INSERT INTO action_owner (action_item_id, position, person_id, text) "
        "SELECT id, CASE WHEN owner_person_id IS NULL THEN 0 ELSE 1 END, NULL, trim(owner_text) FROM action_item "
        "WHERE owner_text IS NOT NULL AND trim(owner_text) <> ''"
    )


def downgrade() -> None:
    op.drop_table("action_owner")
    with op.batch_alter_table("action_update") as batch:
        batch.drop_column("due_to")
        batch.drop_column("due_from")
    with op.batch_alter_table("action_item") as batch:
        batch.drop_constraint("fk_action_item_import_batch_id_import_batch", type_="foreignkey")
        batch.drop_column("import_batch_id")
        batch.drop_column("status_reason")
