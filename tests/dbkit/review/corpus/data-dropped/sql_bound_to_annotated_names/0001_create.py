"""Create systems and datasets"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("systems", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("contact", sa.Text), sa.Column("title", sa.Text),
                    sa.Column("countries", postgresql.ARRAY(sa.Text)),
                    sa.Column("is_public", sa.Boolean))
    op.create_table("datasets", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("system_id", sa.Integer), sa.Column("contact", sa.Text))


def downgrade():
    op.drop_table("datasets")
    op.drop_table("systems")
