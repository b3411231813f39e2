"""Drop id_number, written as SQL with IF EXISTS: the chain made it, its values go"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    session = sa.orm.sessionmaker(bind=op.get_bind())()
    session.execute("ALTER TABLE recruits DROP COLUMN IF EXISTS id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13), nullable=True))
