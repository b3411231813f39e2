"""Move bio into recruits, then drop the profiles: motto and shoe_size go with them.

recruit_profiles is read for recruit_id; its profile_id points into profiles, dropped
here too, so it holds nothing of its own."""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("bio", sa.Text(), nullable=True))
    op.execute("""
        UPDATE recruits SET bio = p.bio
        FROM (SELECT rp.recruit_id, pr.bio
              FROM recruit_profiles rp JOIN profiles pr ON rp.profile_id = pr.id) p
        WHERE recruits.id = p.recruit_id
    """)
    op.drop_table("recruit_profiles")
    op.drop_table("profiles")


def downgrade():
    raise RuntimeError("profiles are not restored")
