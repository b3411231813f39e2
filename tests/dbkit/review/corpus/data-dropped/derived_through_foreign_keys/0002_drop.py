"""Drop what the foreign keys find again, and what they do not"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_constraint("todos_area_id_fkey", "todos", type_="foreignkey")
    op.drop_column("todos", "area_id")  # the line's area: derived
    op.drop_column("todos", "sector_id")  # the area's sector: derived
    op.drop_column("todos", "crag_id")  # the sector's crag: derived
    op.drop_column("todos", "created_by_id")  # who made the todo, not the line: lost
    op.drop_column("comments", "user_id")  # who wrote the comment, not the post: lost
    op.drop_column("marks", "company_id")  # of the line's maker, or the mark's? lost
    op.drop_column("tickets", "line_id")  # the key they all hang on goes too: lost
    op.drop_column("tickets", "area_id")
    op.drop_column("tickets", "sector_id")
    op.drop_column("areas", "ascent_count")  # ascents.area_id: derived
    op.drop_column("sectors", "num_ascents")  # ascents.sector_id: derived
    op.drop_column("regions", "ascent_count")  # no key of ascents to regions (through crags): lost
    op.drop_column("users", "post_count")  # posts.user_id: derived
    op.drop_column("posts", "view_count")  # no table of views: lost
    op.drop_column("lines", "ascent_count")  # text, no count: lost


def downgrade():
    raise RuntimeError("not reversible")
