"""The shop's Alembic environment: the URL comes from DATABASE_URL, or from .env.<ENV>."""

import os
from logging.config import fileConfig
from pathlib import Path

from alembic import context
from dotenv import load_dotenv
from sqlalchemy import create_engine

from models import Base

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
target_metadata = Base.metadata

# DATABASE_URL in the environment wins; else .env.dev (or .env.$ENV) next to alembic.ini.
load_dotenv(Path(__file__).resolve().parent.parent / f".env.{os.environ.get('ENV', 'dev')}")


def run_migrations_online() -> None:
    # A connection handed in (Alembic's cookbook: dbkit drift migrates a scratch copy so)
    # comes first; else our own, from DATABASE_URL.
    handed_in = config.attributes.get("connection")
    if handed_in is not None:
        migrate(handed_in)
        return
    engine = create_engine(os.environ["DATABASE_URL"])
    with engine.connect() as connection:
        migrate(connection)
    engine.dispose()


def migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=os.environ["DATABASE_URL"], target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
