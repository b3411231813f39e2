"""Links may outlive their rule set: drop the foreign key"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_constraint("links_rule_set_id_fkey", "links", type_="foreignkey")


def downgrade():
    op.create_foreign_key("links_rule_set_id_fkey", "links", "rule_sets", ["rule_set_id"], ["id"])
