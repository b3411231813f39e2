"""The check constraint again, in app only: that one is twice"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_check_constraint("ck_recruits_email", "recruits", "email LIKE '%@%'",
                               schema="app")


def downgrade():
    op.drop_constraint("ck_recruits_email", "recruits", schema="app")
