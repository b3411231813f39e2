"""Places, and carts that copy the keys of their line's place and name a second area"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("sectors", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("areas", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("sector_id", sa.Integer(), sa.ForeignKey("sectors.id")))
    op.create_table("lines", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("area_id", sa.Integer(), sa.ForeignKey("areas.id")))
    op.create_table("carts", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("line_id", sa.Integer(), sa.ForeignKey("lines.id")),
                    sa.Column("area_id", sa.Integer(), sa.ForeignKey("areas.id")),
                    sa.Column("sector_id", sa.Integer(), sa.ForeignKey("sectors.id")),
                    sa.Column("start_area_id", sa.Integer(), sa.ForeignKey("areas.id")))


def downgrade():
    for table in ("carts", "lines", "areas", "sectors"):
        op.drop_table(table)
