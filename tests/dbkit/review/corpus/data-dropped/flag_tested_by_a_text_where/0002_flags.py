"""Map the flag to a kind (its SQL in a text() WHERE); keep only whether a referrer was set"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    op.add_column("recruits", sa.Column("kind_id", sa.Integer(), nullable=True))
    op.add_column("recruits", sa.Column("referred", sa.Boolean(), nullable=True))
    kind = conn.execute(sa.text("SELECT 7")).scalar()
    recruits = sa.Table("recruits", sa.MetaData(), autoload_with=conn)
    op.execute(sa.update(recruits).where(sa.text("recruits.is_active = true"))
               .values(kind_id=kind))
    op.execute(sa.update(recruits).where(sa.text("referrer IS NOT NULL"))
               .values(referred=True))
    op.drop_column("recruits", "is_active")
    op.drop_column("recruits", "referrer")


def downgrade():
    op.add_column("recruits", sa.Column("referrer", sa.String(100)))
    op.add_column("recruits", sa.Column("is_active", sa.Boolean()))
    op.drop_column("recruits", "referred")
    op.drop_column("recruits", "kind_id")
