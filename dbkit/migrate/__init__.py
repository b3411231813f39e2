"""Guard rails around an Alembic run: options, migration lock, environment marker, retries, prod gate."""
