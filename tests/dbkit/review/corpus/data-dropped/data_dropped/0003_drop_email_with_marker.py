"""Drop email, after copying it by hand (the marker says where)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    # The addresses were exported before this revision.
    # dbkit: data-kept-in exports/recruit_emails.csv
    op.drop_column("recruits", "email")


def downgrade():
    op.add_column("recruits", sa.Column("email", sa.String(254), nullable=True))
