"""action items: owners, log and status reasons

Revision ID: 0005_action_items
Revises: 0004_meeting_minutes
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

revision = "0005_action_items"
down_revision = "0004_meeting_minutes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reserved in the chain so that parallel work keeps one linear history; filled by its feature.
    pass


def downgrade() -> None:
    pass
