"""A lookup table the chain makes and seeds"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("detail_types", sa.Column("code", sa.String(40), primary_key=True),
                    sa.Column("label", sa.String(200), nullable=True))
    for code, label in (("organism", "organism name"), ("host", "natural host")):
        op.execute(f"INSERT INTO detail_types (code, label) VALUES ('{code}', '{label}')")


def downgrade():
    op.drop_table("detail_types")
