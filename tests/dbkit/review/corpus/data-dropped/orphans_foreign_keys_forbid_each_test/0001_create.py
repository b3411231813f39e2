"""Create users, their referrals, media, notes, logs and tags; groups, teams and members"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("telegram_id", sa.BigInteger, unique=True, nullable=False))
    op.create_table(
        "referrals", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("referrer_telegram_id", sa.BigInteger, nullable=False),
        sa.Column("referred_telegram_id", sa.BigInteger, nullable=False),
        sa.ForeignKeyConstraint(["referrer_telegram_id"], ["users.telegram_id"]),
        sa.ForeignKeyConstraint(["referred_telegram_id"], ["users.telegram_id"]),
    )
    op.create_table(
        "media", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE")),
        sa.Column("url", sa.Text),
    )
    op.create_table(
        "notes", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE")),
        sa.Column("body", sa.Text),
    )
    op.create_table(
        "logs", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_telegram_id", sa.BigInteger, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("message", sa.Text),
    )
    op.create_table(
        "tags", sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("label", sa.Text),
    )
    op.create_foreign_key("fk_tags_user", "tags", "users", ["user_id"], ["id"])
    op.create_table("groups", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("code", sa.String(16), nullable=False),
                    sa.UniqueConstraint("code", name="groups_code_key"))
    op.create_table("members", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("group_code", sa.String(16), sa.ForeignKey("groups.code"),
                              nullable=False))
    op.create_table("teams", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("code", sa.String(16), nullable=False),
                    sa.UniqueConstraint("code", name="teams_code_key"))
    op.create_table("players", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("team_code", sa.String(16), sa.ForeignKey("teams.code"),
                              nullable=False))


def downgrade():
    for table in ("players", "teams", "members", "groups", "tags", "logs", "notes", "media",
                  "referrals", "users"):
        op.drop_table(table)
