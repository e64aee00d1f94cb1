"""meeting schedule, agenda and carry-forward

Revision ID: 0003_meeting_agenda
Revises: 0002_import_counts
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_meeting_agenda"
down_revision = "0002_import_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite cannot add a foreign key in place, so the table is rebuilt in batch mode; equitydesk.db.migrate turns
    # foreign keys off around the upgrade, so rebuilding agenda_item deletes none of its children.
    with op.batch_alter_table("agenda_item") as batch:
        batch.add_column(sa.Column("confidential", sa.Boolean(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("presenter_person_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("carried_from_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_agenda_item_presenter_person_id_person", "person", ["presenter_person_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_foreign_key(
            "fk_agenda_item_carried_from_id_agenda_item",
            "agenda_item",
            ["carried_from_id"],
            ["id"],
            ondelete="SET NULL",
        )
        # None: not marked yet; False: not reached, so the next meeting's agenda carries it forward.
        batch.add_column(sa.Column("reached", sa.Boolean(), nullable=True))
    # A plain nullable column: SQLite adds it in place, no rebuild of the meeting table.
    op.add_column("meeting", sa.Column("time_zone", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting") as batch:
        batch.drop_column("time_zone")
    with op.batch_alter_table("agenda_item") as batch:
        batch.drop_column("reached")
        batch.drop_column("carried_from_id")
        batch.drop_column("presenter_person_id")
        batch.drop_column("confidential")
