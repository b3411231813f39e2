"""Create the teams, their slack settings, and the crews with an archive"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("team", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("contact", sa.Text),
                    sa.Column("webhook", sa.Text), sa.Column("disabled", sa.Boolean))
    op.create_table("teamslack", sa.Column("team_id", sa.Integer),
                    sa.Column("webhook_url", sa.Text))
    op.create_table("crew", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("disabled", sa.Boolean))
    op.create_table("crew_archive", sa.Column("crew_id", sa.Integer),
                    sa.Column("name", sa.Text))


def downgrade():
    for table in ("crew_archive", "crew", "teamslack", "team"):
        op.drop_table(table)
