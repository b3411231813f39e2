"""Group flags (mwdb e304b81836b0): WHERE name = 'public' and WHERE name <> 'public' on a
NOT NULL name fill every row; on the nullable label, the rows whose label is NULL are in
neither"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("groups", sa.Column("default", sa.Boolean(), nullable=True))
    op.execute('UPDATE groups SET "default" = TRUE WHERE name = \'public\'')
    op.execute('UPDATE groups SET "default" = FALSE WHERE name <> \'public\'')
    op.alter_column("groups", "default", existing_type=sa.Boolean(), nullable=False)

    op.add_column("groups", sa.Column("shown", sa.Boolean(), nullable=True))
    op.execute("UPDATE groups SET shown = TRUE WHERE label = 'x'")
    op.execute("UPDATE groups SET shown = FALSE WHERE label <> 'x'")
    op.alter_column("groups", "shown", existing_type=sa.Boolean(), nullable=False)


def downgrade():
    op.drop_column("groups", "shown")
    op.drop_column("groups", "default")
