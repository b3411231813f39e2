"""Each user's primary email and latest phone kept as a row of their own"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("primary_email", sa.Column("user_id", sa.Integer, primary_key=True),
                    sa.Column("email_id", sa.Integer, nullable=False))
    op.create_table("latest_phone", sa.Column("user_id", sa.Integer, primary_key=True),
                    sa.Column("phone_id", sa.Integer, nullable=False))
    op.execute('INSERT INTO primary_email (user_id, email_id) SELECT DISTINCT ON (user_id) '
               'user_id, id FROM emails ORDER BY user_id, "primary" DESC')
    op.execute("INSERT INTO latest_phone (user_id, phone_id) SELECT DISTINCT ON (user_id) "
               "user_id, id FROM phones ORDER BY user_id, added_at DESC")
    op.drop_column("emails", "primary")
    op.drop_column("phones", "added_at")


def downgrade():
    op.add_column("phones", sa.Column("added_at", sa.DateTime))
    op.add_column("emails", sa.Column("primary", sa.Boolean))
    op.execute('UPDATE emails SET "primary" = true FROM primary_email '
               "WHERE emails.id = primary_email.email_id")
    op.drop_table("latest_phone")
    op.drop_table("primary_email")
