"""Create codings and the concepts that use them"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("codings", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("system", sa.String(50)), sa.Column("display", sa.String(50)))
    op.create_table("concept_codings", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("concept_id", sa.Integer), sa.Column("coding_id", sa.Integer))


def downgrade():
    op.drop_table("concept_codings")
    op.drop_table("codings")
