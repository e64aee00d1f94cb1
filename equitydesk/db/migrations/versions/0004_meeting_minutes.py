"""attendance, votes and minutes

Revision ID: 0004_meeting_minutes
Revises: 0003_meeting_agenda
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

revision = "0004_meeting_minutes"
down_revision = "0003_meeting_agenda"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reserved in the chain so that parallel work keeps one linear history; filled by its feature.
    pass


def downgrade() -> None:
    pass
