"""Delete the test recruits, then drop id_number: the DELETE keeps no value anywhere"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM recruits WHERE name = 'test' AND id_number IS NOT NULL"))
    op.drop_column("recruits", "id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13), nullable=True))
