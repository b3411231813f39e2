"""Add a score, filled with Core for the recruits graded so far: the others stay NULL"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

recruits = sa.table("recruits", sa.column("grade", sa.Integer), sa.column("score", sa.Float))


def upgrade():
    op.add_column("recruits", sa.Column("grade", sa.Integer(), nullable=True))
    op.add_column("recruits", sa.Column("score", sa.Float(), nullable=True))
    op.execute(sa.update(recruits).where(recruits.c.grade > 0).values(score=recruits.c.grade / 10.0))


def downgrade():
    op.drop_column("recruits", "score")
    op.drop_column("recruits", "grade")
