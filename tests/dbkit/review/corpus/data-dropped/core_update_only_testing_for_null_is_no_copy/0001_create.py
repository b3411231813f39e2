"""Create briefs"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("briefs", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("copied_from_brief_id", sa.Integer),
                    sa.Column("parent_id", sa.Integer),
                    sa.Column("is_a_copy", sa.Boolean),
                    sa.Column("source_id", sa.Integer), sa.Column("lot_name", sa.String(20)),
                    sa.Column("lot_id", sa.Integer))
    op.create_table("lots", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(20)))


def downgrade():
    op.drop_table("lots")
    op.drop_table("briefs")
