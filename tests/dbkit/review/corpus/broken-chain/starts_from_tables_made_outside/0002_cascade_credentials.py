"""credential is a base table too (create_all): made long before this chain"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_foreign_key("credential_recruit_id_fkey", "credential", "recruits",
                          ["recruit_id"], ["id"], ondelete="CASCADE")


def downgrade():
    op.drop_constraint("credential_recruit_id_fkey", "credential", type_="foreignkey")
