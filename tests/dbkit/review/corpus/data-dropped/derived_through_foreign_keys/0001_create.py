"""A hierarchy of places, and tables that copy keys of it or count rows pointing at it"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("companies", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("company_id", sa.Integer(), sa.ForeignKey("companies.id")),
                    sa.Column("post_count", sa.Integer()))
    op.create_table("regions", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("ascent_count", sa.Integer()))
    op.create_table("crags", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("region_id", sa.Integer(), sa.ForeignKey("regions.id")))
    op.create_table("sectors", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("crag_id", sa.Integer(), sa.ForeignKey("crags.id")),
                    sa.Column("num_ascents", sa.Integer()))
    op.create_table("areas", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("sector_id", sa.Integer(), sa.ForeignKey("sectors.id")),
                    sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id")),
                    sa.Column("ascent_count", sa.Integer()))
    op.create_table("lines", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("area_id", sa.Integer(), sa.ForeignKey("areas.id")),
                    sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id")),
                    sa.Column("ascent_count", sa.Text()))
    op.create_table("ascents", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("line_id", sa.Integer(), sa.ForeignKey("lines.id")),
                    sa.Column("area_id", sa.Integer(), sa.ForeignKey("areas.id")),
                    sa.Column("sector_id", sa.Integer(), sa.ForeignKey("sectors.id")))
    op.create_table("todos", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("line_id", sa.Integer(), sa.ForeignKey("lines.id")),
                    sa.Column("area_id", sa.Integer(), sa.ForeignKey("areas.id")),
                    sa.Column("sector_id", sa.Integer(), sa.ForeignKey("sectors.id")),
                    sa.Column("crag_id", sa.Integer(), sa.ForeignKey("crags.id")),
                    sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id")))
    op.create_table("tickets", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("line_id", sa.Integer(), sa.ForeignKey("lines.id")),
                    sa.Column("area_id", sa.Integer(), sa.ForeignKey("areas.id")),
                    sa.Column("sector_id", sa.Integer(), sa.ForeignKey("sectors.id")))
    op.create_table("marks", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("line_id", sa.Integer(), sa.ForeignKey("lines.id")),
                    sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id")),
                    sa.Column("company_id", sa.Integer(), sa.ForeignKey("companies.id")))
    op.create_table("posts", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id")),
                    sa.Column("view_count", sa.Integer()))
    op.create_table("comments", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id")),
                    sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id")))


def downgrade():
    for table in ("comments", "posts", "marks", "tickets", "todos", "ascents", "lines", "areas",
                  "sectors", "crags", "regions", "users", "companies"):
        op.drop_table(table)
