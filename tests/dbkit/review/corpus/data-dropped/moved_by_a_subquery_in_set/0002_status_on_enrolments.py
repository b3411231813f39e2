"""Move disabled to each enrolment's status, read by a subquery of the SET"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("enrolments", sa.Column("status", sa.String(10), nullable=True))
    op.execute("""
        UPDATE enrolments
        SET status = CASE
            WHEN (SELECT disabled FROM recruits WHERE recruits.id = enrolments.recruit_id) = FALSE
            THEN 'ACTIVE' ELSE 'PAUSED'
        END
    """)
    op.alter_column("enrolments", "status", nullable=False)
    op.drop_column("recruits", "disabled")


def downgrade():
    op.add_column("recruits", sa.Column("disabled", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
    op.execute("UPDATE recruits SET disabled = TRUE WHERE id IN "
               "(SELECT recruit_id FROM enrolments WHERE status = 'PAUSED')")
    op.drop_column("enrolments", "status")
