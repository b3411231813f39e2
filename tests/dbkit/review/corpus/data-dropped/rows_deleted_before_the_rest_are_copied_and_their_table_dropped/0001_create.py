"""Create organizations, their users, and an audit log of theirs"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("organizations", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.Text(), nullable=False))
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("org_id", sa.Integer(), nullable=True))
    op.create_table("audit", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("org_id", sa.Integer(), nullable=False),
                    sa.Column("what", sa.Text(), nullable=False))


def downgrade():
    op.drop_table("audit")
    op.drop_table("users")
    op.drop_table("organizations")
