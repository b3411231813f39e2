"""Drop via_agency together with both places 0002 copied it into: nothing keeps it.

email is dropped too, but its copy in contacts stays."""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_table("agency_recruits")
    op.drop_column("recruits", "via_agency")
    op.drop_column("recruits", "source")
    op.drop_column("recruits", "email")


def downgrade():
    op.add_column("recruits", sa.Column("email", sa.String(254), nullable=True))
    op.add_column("recruits", sa.Column("source", sa.String(20), nullable=True))
    op.add_column("recruits", sa.Column("via_agency", sa.Boolean(), nullable=True))
    op.create_table("agency_recruits", sa.Column("recruit_id", sa.Integer(), primary_key=True))
