"""An old copy kept beside the ini (backend/backup_migrations): alembic.ini names only
alembic/versions, so Alembic never reads this folder."""
from alembic import op
import sqlalchemy as sa

revision = "old1"
down_revision = "gone"


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True))
    op.drop_table("notes")


def downgrade():
    pass
