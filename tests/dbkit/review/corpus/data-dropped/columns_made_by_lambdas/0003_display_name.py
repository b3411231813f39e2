"""full_name becomes display_name, through a lambda with a parameter, for recruits; the
mentors' full_name is dropped with no copy"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    column = lambda name: sa.Column(name, sa.Text)  # noqa: E731
    recruits = sa.sql.table("recruits", column("full_name"), column("display_name"))
    op.add_column("recruits", column("display_name"))
    op.execute(recruits.update().values(display_name=column("full_name")))
    op.drop_column("recruits", "full_name")
    op.drop_column("mentors", "full_name")


def downgrade():
    op.add_column("mentors", sa.Column("full_name", sa.Text))
    op.add_column("recruits", sa.Column("full_name", sa.Text))
    op.execute("UPDATE recruits SET full_name = display_name")
    op.drop_column("recruits", "display_name")
