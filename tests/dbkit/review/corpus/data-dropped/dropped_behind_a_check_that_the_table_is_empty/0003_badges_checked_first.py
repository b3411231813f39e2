"""Drop badges and mentors after Python checks that each is empty (nothing to lose), the
second through a helper handed its SQL as a constant. The same helper before a NOT NULL
proves no fill: on rows left NULL the upgrade still stops, by the check (an error)."""
from alembic import op
import sqlalchemy as sa


revision = "0003"
down_revision = "0002"


def _refuse_rows(bind, sql, message):
    found = int(bind.execute(sa.text(sql)).scalar() or 0)
    if found:
        raise RuntimeError(f"{message} ({found} rows): move them first")


def upgrade():
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM badges LIMIT 1")).first() is not None:
        raise RuntimeError("badges still has rows")
    op.drop_table("badges")
    _refuse_rows(bind, "SELECT count(*) FROM mentors", "mentors still has rows")
    op.drop_table("mentors")
    _refuse_rows(bind, "SELECT count(*) FROM recruit_sessions WHERE recruit_id IS NULL",
                 "sessions without a recruit")
    op.alter_column("recruit_sessions", "recruit_id", nullable=False)


def downgrade():
    op.alter_column("recruit_sessions", "recruit_id", nullable=True)
    op.create_table("mentors", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50)))
    op.create_table("badges", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.String(50)))
