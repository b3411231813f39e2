"""Bring the database up to date when the application starts."""
from alembic import command
from alembic.config import Config


def migrate() -> None:
    config = Config("alembic.ini")
    command.upgrade(config, "heads")  # both lines
