"""Four more values of the drafts kept on recruits, each from one draft per recruit (DISTINCT
ON, rank 1 of a window, max() of a group, a subquery with LIMIT 1), then dropped from drafts"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("recruits", sa.Column("badge", sa.String(20), nullable=True))
    op.add_column("recruits", sa.Column("nickname", sa.String(50), nullable=True))
    op.add_column("recruits", sa.Column("score", sa.Integer(), nullable=True))
    op.add_column("recruits", sa.Column("colour", sa.String(20), nullable=True))
    op.execute("UPDATE recruits SET badge = latest.badge FROM ("
               "SELECT DISTINCT ON (recruit_id) recruit_id, badge FROM drafts "
               "ORDER BY recruit_id, version DESC) AS latest "
               "WHERE latest.recruit_id = recruits.id")
    op.execute("WITH ranked AS (SELECT recruit_id, nickname, row_number() OVER ("
               "PARTITION BY recruit_id ORDER BY version DESC) AS rn FROM drafts) "
               "UPDATE recruits SET nickname = ranked.nickname FROM ranked "
               "WHERE ranked.recruit_id = recruits.id AND ranked.rn = 1")
    op.execute("UPDATE recruits SET score = best.score FROM ("
               "SELECT recruit_id, max(score) AS score FROM drafts GROUP BY recruit_id) AS best "
               "WHERE best.recruit_id = recruits.id")
    op.execute("UPDATE recruits r SET colour = (SELECT d.colour FROM drafts d "
               "WHERE d.recruit_id = r.id ORDER BY d.version DESC LIMIT 1)")
    op.drop_column("drafts", "badge")
    op.drop_column("drafts", "nickname")
    op.drop_column("drafts", "score")
    op.drop_column("drafts", "colour")


def downgrade():
    op.add_column("drafts", sa.Column("colour", sa.String(20), nullable=True))
    op.add_column("drafts", sa.Column("score", sa.Integer(), nullable=True))
    op.add_column("drafts", sa.Column("nickname", sa.String(50), nullable=True))
    op.add_column("drafts", sa.Column("badge", sa.String(20), nullable=True))
    op.drop_column("recruits", "colour")
    op.drop_column("recruits", "score")
    op.drop_column("recruits", "nickname")
    op.drop_column("recruits", "badge")
