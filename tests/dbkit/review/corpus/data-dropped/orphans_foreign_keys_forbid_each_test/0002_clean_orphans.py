"""Remove rows whose user is gone"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM referrals r WHERE "
               "NOT EXISTS (SELECT 1 FROM users u WHERE u.telegram_id = r.referrer_telegram_id) "
               "OR NOT EXISTS (SELECT 1 FROM users u WHERE u.telegram_id = r.referred_telegram_id)")
    op.execute("DELETE FROM media WHERE user_id NOT IN (SELECT id FROM users)")
    op.execute("DELETE FROM referrals r WHERE "
               "NOT EXISTS (SELECT 1 FROM users u WHERE u.telegram_id = r.referrer_telegram_id) "
               "OR r.id IN (SELECT m.id FROM media m WHERE m.user_id NOT IN (SELECT id FROM users))")
    op.execute("DELETE FROM notes n WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = n.user_id)")
    op.execute("DELETE FROM logs l WHERE NOT EXISTS "
               "(SELECT 1 FROM users u WHERE u.telegram_id = l.user_telegram_id)")
    op.drop_constraint("fk_tags_user", "tags", type_="foreignkey")
    op.execute("DELETE FROM tags t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id)")
    op.execute("ALTER TABLE groups DROP CONSTRAINT groups_code_key CASCADE")
    op.execute("DELETE FROM members m WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.code = m.group_code)")
    op.execute("ALTER TABLE teams DROP CONSTRAINT teams_code_key CASCADE")
    op.create_unique_constraint("teams_code_key", "teams", ["code"])
    op.create_foreign_key("players_team_code_fkey", "players", "teams", ["team_code"], ["code"])
    op.execute("DELETE FROM players p WHERE NOT EXISTS (SELECT 1 FROM teams t WHERE t.code = p.team_code)")


def downgrade():
    pass
