"""An f-string UPDATE on "{schema}"."{table}", the schema read from the environment"""
import os

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _schema():
    return os.getenv("APP_DB_SCHEMA") or "app"


def upgrade():
    schema = _schema()
    table_name = "attestations"
    op.add_column(table_name, sa.Column("digest", sa.LargeBinary(), nullable=True), schema=schema)
    prefix = b"DOMAIN".hex()
    op.execute(
        f'UPDATE "{schema}"."{table_name}" '
        f"SET digest = sha256(decode('{prefix}', 'hex') || report_digest)"
    )
    op.alter_column(table_name, "digest", nullable=False, schema=schema)


def downgrade():
    op.drop_column("attestations", "digest", schema=_schema())
