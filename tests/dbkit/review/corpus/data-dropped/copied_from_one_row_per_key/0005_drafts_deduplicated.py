"""Keep one draft per recruit and version: the table rebuilt from one row of each group and
renamed back (a dedupe, left to the decision on dedupes), not a copy into another table"""
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade():
    op.execute("CREATE TABLE drafts_once (LIKE drafts INCLUDING ALL)")
    op.execute("INSERT INTO drafts_once SELECT DISTINCT ON (recruit_id, version) * FROM drafts")
    op.drop_table("drafts")
    op.rename_table("drafts_once", "drafts")


def downgrade():
    pass
