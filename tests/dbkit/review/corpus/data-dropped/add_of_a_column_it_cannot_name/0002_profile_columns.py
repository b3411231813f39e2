"""Add the profile columns not there yet, drop cohort (pgadmin's sharedserver_feature_parity)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("recruits")}
    new_columns = [sa.Column("nickname", sa.Text), sa.Column("bio", sa.Text)]
    for column in [c for c in new_columns if c.name not in existing]:
        op.add_column("recruits", column)
    op.drop_column("recruits", "cohort")


def downgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=True))
