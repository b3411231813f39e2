"""Archive chatname through a helper function of the file, then drop it"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _archive(column):
    op.execute(f"INSERT INTO old_values (recruit_id, value) SELECT id, {column} FROM recruits")


def upgrade():
    op.create_table("old_values", sa.Column("recruit_id", sa.Integer(), primary_key=True),
                    sa.Column("value", sa.String(100)))
    _archive("chatname")
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.String(100)))
    op.execute("UPDATE recruits SET chatname = o.value FROM old_values o WHERE o.recruit_id = recruits.id")
    op.drop_table("old_values")
