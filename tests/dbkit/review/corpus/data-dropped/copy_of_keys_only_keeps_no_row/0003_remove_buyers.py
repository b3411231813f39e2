"""Remove the buyers (digitalmarketplace 470): 0002's copy of supplier_id keeps none of them"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("""
        DELETE FROM users
        WHERE users.role = 'buyer';
    """)


def downgrade():
    pass
