"""roadmap indicators, steps, measurements and status history

Revision ID: 0006_roadmap_tracking
Revises: 0005_action_items
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_roadmap_tracking"
down_revision = "0005_action_items"
branch_labels = None
depends_on = None

OLD_RAG = ("on_track", "at_risk", "off_track", "not_started")
NEW_RAG = (*OLD_RAG, "achieved", "no_data")


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    # Batch mode rebuilds each table (SQLite cannot add a CHECK or change a UNIQUE in place); equitydesk.db.migrate
    # turns foreign keys off around the upgrade, so rebuilding a parent deletes none of its children.
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("template", sa.String(60), nullable=True))
        batch.add_column(sa.Column("on_track_threshold", sa.Float(), nullable=False, server_default="0.9"))
        batch.add_column(sa.Column("at_risk_threshold", sa.Float(), nullable=False, server_default="0.7"))
        batch.add_column(sa.Column("racially_identifiable_schools", sa.Text(), nullable=True))
        batch.add_column(sa.Column("collaborating_districts", sa.Text(), nullable=True))
        batch.create_check_constraint(
            "threshold_order",
            "at_risk_threshold >= 0 AND at_risk_threshold <= on_track_threshold AND on_track_threshold <= 1",
        )
    with op.batch_alter_table("goal") as batch:
        batch.add_column(sa.Column("code", sa.String(20), nullable=True))
        batch.add_column(sa.Column("description", sa.Text(), nullable=True))
        batch.add_column(sa.Column("lead", sa.String(200), nullable=True))
    with op.batch_alter_table("indicator") as batch:
        batch.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("code", sa.String(20), nullable=True))
        batch.add_column(
            sa.Column("kind", _enum("indicator_kind", "value", "gap"), nullable=False, server_default="value")
        )
        batch.add_column(
            sa.Column(
                "unit_kind",
                _enum("unit_kind", "percent", "count", "rate", "score_points"),
                nullable=False,
                server_default="percent",
            )
        )
    # Indicators that already name two groups were gap indicators in all but name.
    op.execute("UPDATE indicator SET kind = 'gap' WHERE student_group IS NOT NULL AND comparison_group IS NOT NULL")
    with op.batch_alter_table("measurement") as batch:
        batch.add_column(
            sa.Column(
                "series",
                _enum("measurement_series", "value", "group", "comparison"),
                nullable=False,
                server_default="value",
            )
        )
        batch.drop_constraint("uq_measurement_indicator_id", type_="unique")
        batch.create_unique_constraint("uq_measurement_indicator_id", ["indicator_id", "measured_on", "series"])
    with op.batch_alter_table("milestone") as batch:
        batch.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("status_update") as batch:
        batch.add_column(
            sa.Column("source", _enum("status_source", "rule", "person"), nullable=False, server_default="rule")
        )
        batch.add_column(sa.Column("set_by", sa.String(200), nullable=True))
        batch.alter_column("status", existing_type=_enum("rag_status", *OLD_RAG), type_=_enum("rag_status", *NEW_RAG))
    op.execute("UPDATE status_update SET source = 'person' WHERE is_override")
    op.create_table(
        "indicator_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name="fk_indicator_step_indicator_id_indicator", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_indicator_step"),
        sa.UniqueConstraint("indicator_id", "on", name="uq_indicator_step_indicator_id"),
    )
    op.create_index("ix_indicator_step_indicator_id", "indicator_step", ["indicator_id"])


def downgrade() -> None:
    op.drop_index("ix_indicator_step_indicator_id", table_name="indicator_step")
    op.drop_table("indicator_step")
    with op.batch_alter_table("status_update") as batch:
        batch.alter_column("status", existing_type=_enum("rag_status", *NEW_RAG), type_=_enum("rag_status", *OLD_RAG))
        batch.drop_column("set_by")
        batch.drop_column("source")
    with op.batch_alter_table("milestone") as batch:
        batch.drop_column("position")
    with op.batch_alter_table("measurement") as batch:
        batch.drop_constraint("uq_measurement_indicator_id", type_="unique")
        batch.create_unique_constraint("uq_measurement_indicator_id", ["indicator_id", "measured_on"])
        batch.drop_column("series")
    with op.batch_alter_table("indicator") as batch:
        for name in ("unit_kind", "kind", "code", "position"):
            batch.drop_column(name)
    with op.batch_alter_table("goal") as batch:
        for name in ("lead", "description", "code"):
            batch.drop_column(name)
    with op.batch_alter_table("plan") as batch:
        batch.drop_constraint("ck_plan_threshold_order", type_="check")
        for name in ("collaborating_districts", "racially_identifiable_schools", "at_risk_threshold"):
            batch.drop_column(name)
        batch.drop_column("on_track_threshold")
        batch.drop_column("template")
