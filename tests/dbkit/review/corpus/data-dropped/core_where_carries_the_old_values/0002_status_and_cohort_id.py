"""A flag becomes a status, a cohort's name its id: Core updates whose where() reads the old
column (a join through another table is an UPDATE ... FROM)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

recruits = sa.table("recruits", sa.column("is_active", sa.Boolean),
                    sa.column("status", sa.String), sa.column("cohort", sa.String),
                    sa.column("cohort_id", sa.Integer))
cohorts = sa.table("cohorts", sa.column("id", sa.Integer), sa.column("name", sa.String))


def upgrade():
    op.add_column("recruits", sa.Column("status", sa.String(20), nullable=True))
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer(), nullable=True))
    bind = op.get_bind()
    bind.execute(recruits.update().where(recruits.c.is_active.is_(True))
                 .values({recruits.c.status: "active"}))
    bind.execute(recruits.update().where(recruits.c.is_active.is_(False))
                 .values({recruits.c.status: "left"}))
    op.execute(recruits.update().values(cohort_id=cohorts.c.id)
               .where(recruits.c.cohort == cohorts.c.name))
    op.drop_column("recruits", "is_active")
    op.drop_column("recruits", "cohort")
    op.drop_column("recruits", "id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13)))
    op.add_column("recruits", sa.Column("cohort", sa.String(100)))
    op.add_column("recruits", sa.Column("is_active", sa.Boolean()))
    op.drop_column("recruits", "cohort_id")
    op.drop_column("recruits", "status")
