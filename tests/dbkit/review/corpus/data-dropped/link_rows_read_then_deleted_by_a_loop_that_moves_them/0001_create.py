"""Who holds which role"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("roles", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(40)))
    op.create_table("user_roles", sa.Column("user_id", sa.Integer(), primary_key=True),
                    sa.Column("role_id", sa.Integer(), primary_key=True))
    op.create_table("team_roles", sa.Column("team_id", sa.Integer(), primary_key=True),
                    sa.Column("role_id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("team_roles")
    op.drop_table("user_roles")
    op.drop_table("roles")
