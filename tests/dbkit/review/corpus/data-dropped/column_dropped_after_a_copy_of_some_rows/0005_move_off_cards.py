"""Move the admins' refs and the images there are off cards"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade():
    op.create_table("admins", sa.Column("card_id", sa.Integer, primary_key=True),
                    sa.Column("admin_ref", sa.String(15), nullable=False))
    op.execute("INSERT INTO admins (card_id, admin_ref) SELECT id, admin_ref FROM cards "
               "WHERE role IN ('ADMIN', 'SUPER_ADMIN')")
    op.create_table("card_images", sa.Column("card_id", sa.Integer, primary_key=True),
                    sa.Column("image", sa.Text), sa.Column("thumb", sa.Text))
    op.execute("INSERT INTO card_images (card_id, image, thumb) SELECT id, image, thumb FROM cards "
               "WHERE image IS NOT NULL OR thumb IS NOT NULL")
    op.drop_column("cards", "admin_ref")
    op.drop_column("cards", "image")
    op.drop_column("cards", "thumb")


def downgrade():
    op.add_column("cards", sa.Column("thumb", sa.Text))
    op.add_column("cards", sa.Column("image", sa.Text))
    op.add_column("cards", sa.Column("admin_ref", sa.String(15)))
