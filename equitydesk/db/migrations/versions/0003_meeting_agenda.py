"""meeting schedule, agenda and carry-forward

Revision ID: 0003_meeting_agenda
Revises: 0002_import_counts
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

revision = "0003_meeting_agenda"
down_revision = "0002_import_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reserved in the chain so that parallel work keeps one linear history; filled by its feature.
    pass


def downgrade() -> None:
    pass
