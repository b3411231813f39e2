"""Rename learners to students, the real way"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.rename_table("learners", "students")


def downgrade():
    op.rename_table("students", "learners")
