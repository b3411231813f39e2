"""Record where each recruit came from: a source column and an agency table.

via_agency is copied into recruits.source and agency_recruits; email into contacts."""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("source", sa.String(20), nullable=True))
    op.create_table("agency_recruits", sa.Column("recruit_id", sa.Integer(), primary_key=True))
    op.create_table("contacts", sa.Column("recruit_id", sa.Integer(), primary_key=True),
                    sa.Column("email", sa.String(254)))
    op.execute("UPDATE recruits SET source = 'agency' WHERE via_agency")
    op.execute("INSERT INTO agency_recruits (recruit_id) SELECT id FROM recruits WHERE via_agency")
    op.execute("INSERT INTO contacts (recruit_id, email) SELECT id, email FROM recruits")


def downgrade():
    op.drop_table("contacts")
    op.drop_table("agency_recruits")
    op.drop_column("recruits", "source")
