"""Links may outlive their rule set: drop the foreign key; new kinds, the old ones kept aside"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_constraint("links_rule_set_id_fkey", "links", type_="foreignkey")
    op.rename_table("kinds", "old_kinds")
    op.create_table("kinds", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("kinds")
    op.rename_table("old_kinds", "kinds")
    op.create_foreign_key("links_rule_set_id_fkey", "links", "rule_sets", ["rule_set_id"], ["id"])
