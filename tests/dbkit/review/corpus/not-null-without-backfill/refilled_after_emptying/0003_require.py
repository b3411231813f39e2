"""Require name and city"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("cohort_templates", "name", nullable=False)
    op.alter_column("cohort_templates", "city", nullable=False)


def downgrade():
    op.alter_column("cohort_templates", "city", nullable=True)
    op.alter_column("cohort_templates", "name", nullable=True)
