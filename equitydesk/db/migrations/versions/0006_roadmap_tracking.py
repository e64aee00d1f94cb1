"""roadmap indicators, steps, measurements and status history

Revision ID: 0006_roadmap_tracking
Revises: 0005_action_items
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

revision = "0006_roadmap_tracking"
down_revision = "0005_action_items"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reserved in the chain so that parallel work keeps one linear history; filled by its feature.
    pass


def downgrade() -> None:
    pass
