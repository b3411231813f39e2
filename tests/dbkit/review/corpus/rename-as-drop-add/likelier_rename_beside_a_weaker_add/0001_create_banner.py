"""Create banner, with an acknowledgement button label"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "banner",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("acknowledgement_button_label", sa.String(), nullable=True),
    )


def downgrade():
    op.drop_table("banner")
