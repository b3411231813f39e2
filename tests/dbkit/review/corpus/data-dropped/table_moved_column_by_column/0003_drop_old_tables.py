"""Drop the old tables"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_table("people")
    op.drop_table("cohorts")


def downgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(100)), sa.Column("notes", sa.Text()))
    op.execute("INSERT INTO cohorts (id, name) SELECT id, name FROM groups")
    op.create_table("people", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("chatname", sa.String(100)), sa.Column("email", sa.String(254)))
    op.execute("INSERT INTO people (id, chatname, email) SELECT id, chatname, email FROM recruits")
