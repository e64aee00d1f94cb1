"""import batches keep their rows by outcome, as the import's summary words them

Revision ID: 0002_import_counts
Revises: 0001_baseline
Create Date: 2026-12-01 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_import_counts"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column is added in place (no table rebuild), so no row of import_batch is copied or lost.
    op.add_column("import_batch", sa.Column("counts", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_batch") as batch:
        batch.drop_column("counts")
