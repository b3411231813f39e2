"""Move email into its own table with a WITH ... INSERT ... RETURNING"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("emails", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("address", sa.String(254)), sa.Column("recruit_id", sa.Integer()))
    op.add_column("recruits", sa.Column("email_id", sa.Integer(), nullable=True))
    op.execute(""" WITH moved AS (
                INSERT INTO emails (address, recruit_id)
                SELECT email, id FROM recruits
                RETURNING recruit_id, id AS email_id
            )
            UPDATE recruits SET email_id = moved.email_id
            FROM moved WHERE recruits.id = moved.recruit_id
        """)
    op.drop_column("recruits", "email")
    op.drop_column("emails", "recruit_id")


def downgrade():
    op.add_column("recruits", sa.Column("email", sa.String(254)))
    op.execute("UPDATE recruits SET email = e.address FROM emails e WHERE e.id = recruits.email_id")
    op.drop_column("recruits", "email_id")
    op.drop_table("emails")
