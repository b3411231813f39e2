"""Create resources, rules, txns, matches, users and assignments"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("resources", sa.Column("vmid", sa.Integer, primary_key=True))
    op.create_table("rules", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("vmid", sa.Integer), sa.Column("port", sa.Integer))
    op.create_table("txns", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("matches", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("txn_id", sa.Integer, sa.ForeignKey("txns.id")),
                    sa.Column("score", sa.Numeric))
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.Text), sa.Column("can_become_admin", sa.Boolean))
    op.create_table("assignments", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("role_id", sa.Integer),
                    sa.Column("created_at", sa.DateTime))


def downgrade():
    for table in ("assignments", "users", "matches", "txns", "rules", "resources"):
        op.drop_table(table)
