"""The Zulu links deleted: 0002 read only the keys of some links, a copy of none
(truenth d1f3ed8d16ef): an error"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DELETE FROM concept_codings WHERE coding_id IN "
               "(SELECT id FROM codings WHERE display = 'Zulu')")


def downgrade():
    pass
