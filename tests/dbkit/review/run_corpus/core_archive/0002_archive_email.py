"""Archive the emails with SQLAlchemy Core, then drop the column"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

recruits = sa.table("recruits", sa.column("id", sa.Integer), sa.column("email", sa.String))


def upgrade():
    archive = op.create_table(
        "email_archive",
        sa.Column("recruit_id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(254)),
    )
    op.get_bind().execute(archive.insert().from_select(
        ["recruit_id", "email"], sa.select(recruits.c.id, recruits.c.email)))
    op.drop_column("recruits", "email")


def downgrade():
    op.add_column("recruits", sa.Column("email", sa.String(254), nullable=True))
    op.execute("UPDATE recruits SET email = a.email FROM email_archive AS a "
               "WHERE a.recruit_id = recruits.id")
    op.drop_table("email_archive")
