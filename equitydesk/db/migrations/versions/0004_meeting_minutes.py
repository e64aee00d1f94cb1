"""attendance, votes and minutes

Revision ID: 0004_meeting_minutes
Revises: 0003_meeting_agenda
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_meeting_minutes"
down_revision = "0003_meeting_agenda"
branch_labels = None
depends_on = None

VOTE_RULES = ["majority_cast", "two_thirds_cast", "majority_members", "two_thirds_members", "unanimous"]
VOTE_CHOICES = ["yes", "no", "abstain", "absent"]


def _enum(values: list[str], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    # Foreign keys (and the vote rule's CHECK) need the tables rebuilt in batch mode; equitydesk.db.migrate turns
    # foreign keys off around the upgrade, so rebuilding meeting and decision deletes none of their children.
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(sa.Column("called_to_order_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("adjourned_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("minutes_approved_at_meeting_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("minutes_draft", sa.Text(), nullable=True))
        batch.create_foreign_key(
            "fk_meeting_minutes_approved_at_meeting_id_meeting",
            "meeting",
            ["minutes_approved_at_meeting_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("decision") as batch:
        batch.add_column(
            sa.Column("vote_rule", _enum(VOTE_RULES, "vote_rule"), nullable=False, server_default="majority_cast")
        )
    op.create_table(
        "decision_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("choice", _enum(VOTE_CHOICES, "vote_choice"), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decision.id"], name="fk_decision_vote_decision_id_decision", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name="fk_decision_vote_person_id_person", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_decision_vote"),
        sa.UniqueConstraint("decision_id", "person_id", name="uq_decision_vote_decision_id"),
    )
    op.create_index("ix_decision_vote_decision_id", "decision_vote", ["decision_id"])
    op.create_index("ix_decision_vote_person_id", "decision_vote", ["person_id"])
    op.create_table(
        "meeting_guest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("affiliation", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name="fk_meeting_guest_meeting_id_meeting", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_meeting_guest"),
    )
    op.create_index("ix_meeting_guest_meeting_id", "meeting_guest", ["meeting_id"])
    op.create_table(
        "minutes_amendment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("adopted_at_meeting_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name="fk_minutes_amendment_meeting_id_meeting", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["adopted_at_meeting_id"],
            ["meeting.id"],
            name="fk_minutes_amendment_adopted_at_meeting_id_meeting",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_minutes_amendment"),
    )
    op.create_index("ix_minutes_amendment_meeting_id", "minutes_amendment", ["meeting_id"])


def downgrade() -> None:
    op.drop_table("minutes_amendment")
    op.drop_table("meeting_guest")
    op.drop_table("decision_vote")
    with op.batch_alter_table("decision") as batch:
        batch.drop_column("vote_rule")
    with op.batch_alter_table("meeting") as batch:
        batch.drop_constraint("fk_meeting_minutes_approved_at_meeting_id_meeting", type_="foreignkey")
        batch.drop_column("minutes_draft")
        batch.drop_column("minutes_approved_at_meeting_id")
        batch.drop_column("adjourned_at")
        batch.drop_column("called_to_order_at")
