"""data safety

Revision ID: 0007_data_safety
Revises: 0006_roadmap_tracking
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

revision = "0007_data_safety"
down_revision = "0006_roadmap_tracking"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reserved in the chain so that parallel work keeps one linear history; filled by its feature.
    pass


def downgrade() -> None:
    pass
