"""Move the legacy jobs into runs, then drop their table"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _move_legacy_jobs():
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, url FROM legacy_jobs")).all()
    if not rows:
        op.drop_table("legacy_jobs")
        return
    bind.execute(sa.text("INSERT INTO runs (id, url) SELECT id, url FROM legacy_jobs"))
    op.drop_table("legacy_jobs")


def upgrade():
    _move_legacy_jobs()
    op.add_column("runs", sa.Column("note", sa.String(), nullable=True))


def downgrade():
    op.drop_column("runs", "note")
    op.create_table("legacy_jobs", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("url", sa.String(), nullable=False))
    op.execute("INSERT INTO legacy_jobs (id, url) SELECT id, url FROM runs")
