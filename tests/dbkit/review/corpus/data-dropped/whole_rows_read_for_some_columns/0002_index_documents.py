"""Read the settings whole (SELECT *), but only for their index_name (onyx 12635f6655b7)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


class Settings:
    def __init__(self, **values):
        self.__dict__.update(values)


def active_settings():
    rows = op.get_bind().execute(sa.text("SELECT * FROM search_settings")).fetchall()
    settings = Settings(**rows[0]._asdict()) if rows else None
    if not isinstance(settings, Settings):
        raise RuntimeError("no search settings")
    return settings


def upgrade():
    current = active_settings()
    op.get_bind().execute(sa.text("UPDATE documents SET index_name = :name"),
                          {"name": current.index_name})


def downgrade():
    pass
