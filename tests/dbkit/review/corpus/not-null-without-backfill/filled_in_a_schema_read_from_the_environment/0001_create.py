"""Create attestations, builds and layouts"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "attestations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_digest", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "layouts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("artifact", sa.String(64), nullable=False),
        sa.Column("manifest", sa.String(64), nullable=False),
    )
    op.create_table(
        "builds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("artifact", sa.String(64), nullable=False),
    )


def downgrade():
    op.drop_table("builds")
    op.drop_table("layouts")
    op.drop_table("attestations")
