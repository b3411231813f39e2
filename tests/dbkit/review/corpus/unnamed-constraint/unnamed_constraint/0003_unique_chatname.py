"""Make chatname unique, named"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_unique_constraint(op.f("uq_recruits_chatname"), "recruits", ["chatname"])


def downgrade():
    op.drop_constraint(op.f("uq_recruits_chatname"), "recruits", type_="unique")
