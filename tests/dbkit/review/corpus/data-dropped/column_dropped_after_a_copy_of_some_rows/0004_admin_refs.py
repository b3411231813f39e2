"""Give users an admin_ref drawn from a sequence, and an image"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("CREATE SEQUENCE admin_ref_seq")
    op.add_column("cards", sa.Column("admin_ref", sa.String(15), unique=True,
                                     server_default=sa.text("'ADM-' || nextval('admin_ref_seq')")))
    op.add_column("cards", sa.Column("image", sa.Text))
    op.add_column("cards", sa.Column("thumb", sa.Text))
    op.add_column("cards", sa.Column("role", sa.Text))


def downgrade():
    op.drop_column("cards", "role")
    op.drop_column("cards", "thumb")
    op.drop_column("cards", "image")
    op.drop_column("cards", "admin_ref")
    op.execute("DROP SEQUENCE admin_ref_seq")
