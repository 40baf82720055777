"""Database layer: SQLAlchemy models, engine helpers and Alembic migrations (own version table)."""
