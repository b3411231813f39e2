"""Reset some columns: old values lost, or kept, or none to lose"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE questionnaire_responses SET questionnaire_bank_id = NULL")
    op.execute("UPDATE users SET flag = NULL WHERE kind = 'bot'")
    op.add_column("users", sa.Column("level", sa.Integer))
    op.execute("UPDATE users SET level = 0")
    op.execute("UPDATE users SET kind = 'member' WHERE kind = 'guest'")
    op.execute("UPDATE users SET badge = 'none' WHERE badge IS NULL")
    op.get_bind().execute(sa.text("UPDATE users SET badge = NULL WHERE id = :id"), {"id": 1})
    op.create_table("status_archive", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("status", sa.String(20)))
    op.execute("INSERT INTO status_archive (id, status) SELECT id, status "
               "FROM questionnaire_responses")
    op.execute("UPDATE questionnaire_responses SET status = 'new'")
    op.execute("UPDATE users SET tier = 'free'")
    op.alter_column("users", "tier", nullable=False)
    op.execute("UPDATE users SET note = NULL")
    op.drop_column("users", "note")


def downgrade():
    op.drop_table("status_archive")
    op.alter_column("users", "tier", nullable=True)
    op.drop_column("users", "level")
