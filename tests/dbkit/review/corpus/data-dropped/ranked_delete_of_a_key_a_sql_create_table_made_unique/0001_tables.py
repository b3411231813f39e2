"""Selections, unique per organization and instrument; picks, not unique"""
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.execute("""
        CREATE TABLE selections (
            id UUID PRIMARY KEY,
            organization_id TEXT NOT NULL,
            instrument_id UUID NOT NULL,
            note TEXT,
            UNIQUE (organization_id, instrument_id)
        )
    """)
    op.execute("""
        CREATE TABLE picks (
            id UUID PRIMARY KEY,
            organization_id TEXT NOT NULL,
            instrument_id UUID NOT NULL,
            note TEXT
        )
    """)


def downgrade():
    op.execute("DROP TABLE picks")
    op.execute("DROP TABLE selections")
