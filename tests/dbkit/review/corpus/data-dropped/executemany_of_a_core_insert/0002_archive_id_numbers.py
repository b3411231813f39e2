"""id_number moved to its own table: rows read, then written by one execute of a Core insert
with the list of rows (executemany), indexed by position; chatname is copied nowhere"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

ARCHIVE = sa.table("recruit_id_numbers", sa.column("recruit_id"), sa.column("id_number"))


def upgrade():
    op.create_table("recruit_id_numbers", sa.Column("recruit_id", sa.Integer),
                    sa.Column("id_number", sa.String(13)))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, id_number FROM recruits")).fetchall()
    if rows:
        conn.execute(ARCHIVE.insert(), [{"recruit_id": r[0], "id_number": r[1]} for r in rows])
    op.drop_column("recruits", "id_number")
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.Text))
    op.add_column("recruits", sa.Column("id_number", sa.String(13)))
    op.execute("UPDATE recruits SET id_number = a.id_number FROM recruit_id_numbers a "
               "WHERE a.recruit_id = recruits.id")
    op.drop_table("recruit_id_numbers")
