"""Empty the tables and make columns NOT NULL, inside batch blocks (bazarr dc09994b7e65)

A batch's ALTERs run when its block ends, its execute() at once: the DELETE written after
the NOT NULL of sessions runs first (no row to fill); the DELETE after the block of tokens
runs after it (the NOT NULL fails on the rows still NULL). The DELETE of shows_rootfolder
goes through an ORM class of the application that the reviewer cannot read: a warning.
"""
import sqlalchemy as sa
from alembic import op

from app.database import ShowsRootfolder

revision = "0002"
down_revision = "0001"


def upgrade():
    with op.batch_alter_table("sessions") as batch_op:
        batch_op.alter_column("token", existing_type=sa.Text, nullable=False)
        batch_op.execute("DELETE FROM sessions")
    with op.batch_alter_table("tokens") as batch_op:
        batch_op.alter_column("owner", existing_type=sa.Text, nullable=False)
    op.execute("DELETE FROM tokens")
    with op.batch_alter_table("shows_rootfolder") as batch_op:
        batch_op.execute(sa.delete(ShowsRootfolder))
        batch_op.alter_column("id", existing_type=sa.Integer, nullable=False)


def downgrade():
    pass
