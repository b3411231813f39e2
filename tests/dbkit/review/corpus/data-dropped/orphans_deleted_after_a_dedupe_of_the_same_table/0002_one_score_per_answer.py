"""one score per answer, none without (AEOGEO 5f9f8b6c1d2e)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute(
        """
        DELETE FROM scores AS dupe
        USING scores AS keep
        WHERE dupe.answer_id IS NOT NULL
          AND dupe.answer_id = keep.answer_id
          AND dupe.ctid < keep.ctid
        """
    )
    op.execute("DELETE FROM scores WHERE answer_id IS NULL")


def downgrade():
    pass
