"""The legacy chain (run by a second Alembic config the project makes in code, only up
to the squash's id): create recruits"""
from alembic import op
import sqlalchemy as sa

revision = "legacy0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chatname", sa.String(100), nullable=True),
    )


def downgrade():
    op.drop_table("recruits")
