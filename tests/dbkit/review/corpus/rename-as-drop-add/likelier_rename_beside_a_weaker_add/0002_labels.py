"""acknowledgement_button_label renamed acknowledge_button_label (far likelier than the new
accept_button_label), written as drop + add"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("banner", "acknowledgement_button_label")
    op.add_column("banner", sa.Column("accept_button_label", sa.String(), nullable=True))
    op.add_column("banner", sa.Column("acknowledge_button_label", sa.String(), nullable=True))


def downgrade():
    op.drop_column("banner", "acknowledge_button_label")
    op.drop_column("banner", "accept_button_label")
    op.add_column("banner", sa.Column("acknowledgement_button_label", sa.String(), nullable=True))
