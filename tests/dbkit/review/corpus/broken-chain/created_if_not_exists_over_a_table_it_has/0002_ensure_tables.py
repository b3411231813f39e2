"""Ensure the tables exist"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        CREATE TABLE IF NOT EXISTS reports (
            id SERIAL PRIMARY KEY,
            title VARCHAR,
            progress FLOAT
        )
    """)


def downgrade():
    pass
