"""Keep each recruit's theme on recruits: settings joined on their own id (one row each) is a
full copy; so is a subquery that takes no one row of many"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    op.add_column("recruits", sa.Column("theme", sa.String(20), nullable=True))
    op.add_column("recruits", sa.Column("status", sa.String(20), nullable=True))
    op.execute("UPDATE recruits SET theme = s.theme FROM settings s "
               "WHERE s.id = recruits.settings_id")
    op.execute("UPDATE recruits SET status = own.status FROM ("
               "SELECT recruit_id, status FROM drafts) AS own "
               "WHERE own.recruit_id = recruits.id")
    op.drop_column("settings", "theme")
    op.drop_column("drafts", "status")


def downgrade():
    op.add_column("drafts", sa.Column("status", sa.String(20), nullable=True))
    op.add_column("settings", sa.Column("theme", sa.String(20), nullable=True))
    op.drop_column("recruits", "status")
    op.drop_column("recruits", "theme")
