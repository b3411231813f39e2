"""Make sure the tables exist"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        CREATE TABLE IF NOT EXISTS selections (
            id UUID PRIMARY KEY,
            organization_id TEXT NOT NULL,
            instrument_id UUID NOT NULL,
            note TEXT
        )
    """)


def downgrade():
    pass
