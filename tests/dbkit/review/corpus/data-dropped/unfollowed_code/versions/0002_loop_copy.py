"""Move chatnames into a table of their own, row by row through reflection"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("chat_accounts", sa.Column("recruit_id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(100)))
    bind = op.get_bind()
    meta = sa.MetaData()
    meta.reflect(bind)
    recruits = meta.tables["recruits"]
    rows = []
    for row in bind.execute(sa.select(recruits.c.id, recruits.c.chatname)):
        rows.append({"recruit_id": row.id, "name": row.chatname})
    op.bulk_insert(meta.tables["chat_accounts"], rows)
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.String(100)))
    op.drop_table("chat_accounts")
