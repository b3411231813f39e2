"""Values read by a helper through SQL the reviewer cannot name the source of, then
bulk-inserted as rows the code builds after the drop (FinGigaChat cb0c129f1d44)"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0003"
down_revision = "0002"


def get_subscriptions(session):
    subs = sa.text("SELECT whitelist.user_id, unnest(string_to_array(whitelist.subscriptions, "
                   "', ')) AS name FROM whitelist").columns(user_id=sa.Integer, name=sa.Text).cte()
    stmt = sa.select(subs.c.user_id, subs.c.name)
    return session.execute(stmt).fetchall()


def add_rows(table, rows):
    data = [{"user_id": user_id, "name": name} for user_id, name in rows]
    op.bulk_insert(table, data)


def upgrade():
    session = Session(bind=op.get_bind())
    rows = get_subscriptions(session)
    table = op.create_table("user_subscription", sa.Column("user_id", sa.Integer),
                            sa.Column("name", sa.Text))
    op.drop_column("whitelist", "subscriptions")
    add_rows(table, rows)


def downgrade():
    op.add_column("whitelist", sa.Column("subscriptions", sa.Text))
    op.drop_table("user_subscription")
