"""Keep one recruit per chatname: the duplicates are deleted, only when the upgrade runs on a
database (`if not context.is_offline_mode():`, as autogenerate-era chains guard data steps
from `alembic upgrade --sql`). An upgrade run on a database is online: the delete runs, and
no copy of the rows is kept"""
from alembic import context, op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    if not context.is_offline_mode():
        conn = op.get_bind()
        doomed = conn.execute(sa.text(
            "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY chatname ORDER BY id DESC) AS rn"
            " FROM recruits) ranked WHERE rn > 1")).fetchall()
        for (recruit_id,) in doomed:
            conn.execute(sa.text("DELETE FROM recruits WHERE id = :id"), {"id": recruit_id})
    op.create_unique_constraint("uq_recruits_chatname", "recruits", ["chatname"])


def downgrade():
    op.drop_constraint("uq_recruits_chatname", "recruits", type_="unique")
