"""Do 0002 again where it did not run: each step only if the inspector says it is needed"""
from alembic import op
import sqlalchemy as sa


revision = "0003"
down_revision = "0002"


def column_exists(table_name, column_name):
    inspector = sa.inspect(op.get_bind())
    return column_name in {c["name"] for c in inspector.get_columns(table_name)}


def upgrade():
    if column_exists("recruits", "cohort"):
        op.drop_column("recruits", "cohort")
    if not column_exists("recruits", "nickname"):
        op.add_column("recruits", sa.Column("nickname", sa.String(100), nullable=False))


def downgrade():
    pass
