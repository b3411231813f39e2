"""A plugin's own chain: the application runs it with its own version table
(upgrade(op=...) from the plugin loader, no alembic.ini names this folder)."""
import sqlalchemy as sa

revision = "b001"
down_revision = None


def upgrade(op=None):
    op.create_table(
        "badges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.String(50), nullable=False),
        sa.Column("colour", sa.String(20), nullable=True),
    )


def downgrade(op=None):
    op.drop_table("badges")
