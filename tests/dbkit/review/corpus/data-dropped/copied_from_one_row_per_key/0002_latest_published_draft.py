"""Move motto and bio from drafts to recruits: copied from each recruit's latest published
draft only, then dropped from every draft"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("motto", sa.Text(), nullable=True))
    op.add_column("recruits", sa.Column("bio", sa.Text(), nullable=True))
    op.execute("""
        UPDATE recruits r
        SET motto = d.motto, bio = d.bio
        FROM drafts d
        WHERE d.recruit_id = r.id
          AND d.status = 'published'
          AND d.id = (
              SELECT id FROM drafts
              WHERE recruit_id = r.id AND status = 'published'
              ORDER BY version DESC
              LIMIT 1
          )
    """)
    op.drop_column("drafts", "motto")
    op.drop_column("drafts", "bio")


def downgrade():
    op.add_column("drafts", sa.Column("bio", sa.Text(), nullable=True))
    op.add_column("drafts", sa.Column("motto", sa.Text(), nullable=True))
    op.drop_column("recruits", "bio")
    op.drop_column("recruits", "motto")
