"""Create sales, anchors and tags"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("sales", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("distributor_id", sa.Integer), sa.Column("sku_id", sa.Integer),
                    sa.Column("month", sa.Integer), sa.Column("amount", sa.Numeric),
                    sa.Column("created_at", sa.DateTime))
    op.create_table("anchors", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("session_id", sa.Integer), sa.Column("user_id", sa.Integer),
                    sa.Column("track_name", sa.Text))
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("title", sa.Text), sa.Column("created_at", sa.DateTime))
    op.add_column("wanted_items", sa.Column("retry_after", sa.DateTime))


def downgrade():
    op.drop_column("wanted_items", "retry_after")
    for table in ("tags", "anchors", "sales"):
        op.drop_table(table)
