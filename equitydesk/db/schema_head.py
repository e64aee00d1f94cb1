"""The schema revision this version of EquityDesk writes; opening an up-to-date database then needs no Alembic."""

# Update with every new migration; tests/unit/test_migrations.py checks it against Alembic's head.
SCHEMA_HEAD = "0006_roadmap_tracking"
