"""studies was made outside the chain: its downgrade says chat_duration was a String too: a rename"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    with op.batch_alter_table("studies") as batch_op:
        batch_op.drop_column("chat_duration")
        batch_op.add_column(sa.Column("consent_participation", sa.String, nullable=False,
                                      server_default="Si vous acceptez de participer"))


def downgrade():
    with op.batch_alter_table("studies") as batch_op:
        batch_op.drop_column("consent_participation")
        batch_op.add_column(sa.Column("chat_duration", sa.String, nullable=False,
                                      server_default="x"))
