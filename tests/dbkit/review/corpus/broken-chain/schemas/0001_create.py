"""The same table and check constraint in two schemas"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    for schema in ("app", "audit"):
        op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                        sa.Column("email", sa.String(254)), schema=schema)
        op.create_check_constraint("ck_recruits_email", "recruits", "email LIKE '%@%'",
                                   schema=schema)


def downgrade():
    op.drop_table("recruits", schema="audit")
    op.drop_table("recruits", schema="app")
