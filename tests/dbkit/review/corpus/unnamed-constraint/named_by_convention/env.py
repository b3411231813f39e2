"""The chain's env.py: Alembic names constraints with the models' naming convention."""
from alembic import context

from models import Base

target_metadata = Base.metadata


def run_migrations_online():
    with context.begin_transaction():
        context.run_migrations()
