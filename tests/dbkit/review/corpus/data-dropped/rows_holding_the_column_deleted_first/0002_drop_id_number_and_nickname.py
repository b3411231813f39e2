"""Delete every recruit holding an id_number or a nickname, then drop both columns: only
NULLs are left in them, the loss is the DELETE"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM recruits WHERE id_number IS NOT NULL OR nickname IS NOT NULL")
    op.drop_column("recruits", "id_number")
    op.drop_column("recruits", "nickname")


def downgrade():
    op.add_column("recruits", sa.Column("nickname", sa.String(50), nullable=True))
    op.add_column("recruits", sa.Column("id_number", sa.String(13), nullable=True))
