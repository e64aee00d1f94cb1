"""Storage: SQLAlchemy tables, the engine with its SQLite pragmas, and Alembic migrations."""
