"""Drop the plain codes and the total"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.drop_column("accesstoken", "code")
    op.drop_column("incident", "total_cost")


def downgrade():
    pass
