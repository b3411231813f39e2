"""Guard rails around an Alembic run: options, the migration lock, the environment marker, retries, the prod gate, autogenerate."""
