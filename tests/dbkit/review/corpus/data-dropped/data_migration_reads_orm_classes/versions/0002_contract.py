"""Contract: variants were moved into workflows by data_migrations/move_variants.py"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("variants")
    op.drop_table("labels")
    op.drop_column("notes", "author")


def downgrade():
    raise NotImplementedError("contract")
