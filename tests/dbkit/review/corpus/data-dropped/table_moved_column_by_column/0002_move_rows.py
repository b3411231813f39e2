"""Move people into recruits and cohorts into groups, column by column"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chatname", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
    )
    op.execute("INSERT INTO recruits (id, chatname, email) SELECT id, chatname, email FROM people")
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.execute("INSERT INTO groups (id, name) SELECT id, name FROM cohorts")


def downgrade():
    op.drop_table("groups")
    op.drop_table("recruits")
