"""Every applicant becomes a recruit: the rows are moved in one statement (a DELETE whose
RETURNING feeds an INSERT). The recruits' own rows are then deleted, handed to no one"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("WITH accepted AS (DELETE FROM applicants RETURNING id, chatname) "
               "INSERT INTO recruits (id, chatname) SELECT id, chatname FROM accepted")
    op.drop_table("applicants")
    op.execute("DELETE FROM recruits RETURNING id")


def downgrade():
    op.create_table("applicants", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("chatname", sa.Text))
