"""One full_name instead of two names, for both tables; the columns are made by lambdas, and
the nickname, made the same way, is dropped with no copy"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    for name in ("recruits", "mentors"):
        full = lambda: sa.Column("full_name", sa.Text)  # noqa: E731
        first = lambda: sa.Column("first_name", sa.Text)  # noqa: E731
        last = lambda: sa.Column("last_name", sa.Text)  # noqa: E731
        nick = lambda: sa.Column("nickname", sa.Text)  # noqa: E731
        op.add_column(name, full())
        t = sa.sql.table(name, full(), first(), last(), nick())
        op.execute(t.update().values(full_name=first() + " " + last()))
        op.drop_column(name, "first_name")
        op.drop_column(name, "last_name")
        op.drop_column(name, "nickname")


def downgrade():
    for name in ("recruits", "mentors"):
        op.add_column(name, sa.Column("nickname", sa.Text))
        op.add_column(name, sa.Column("last_name", sa.Text))
        op.add_column(name, sa.Column("first_name", sa.Text))
        op.execute(f"UPDATE {name} SET first_name = full_name")
        op.drop_column(name, "full_name")
