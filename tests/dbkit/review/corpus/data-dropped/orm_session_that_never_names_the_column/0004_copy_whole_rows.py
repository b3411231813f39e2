"""A loop that copies whole rows (dict(row._mapping)) may carry started: a warning"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    bind = op.get_bind()
    jobs = sa.Table("jobs", sa.MetaData(), autoload_with=bind)
    saved = []
    for row in bind.execute(jobs.select()):
        saved.append(dict(row._mapping))
        bind.execute(jobs.delete().where(jobs.c.id == row.id))
    op.drop_column("jobs", "started")


def downgrade():
    op.add_column("jobs", sa.Column("started", sa.DateTime(), nullable=True))
