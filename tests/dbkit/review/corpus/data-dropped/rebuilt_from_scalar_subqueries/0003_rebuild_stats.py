"""Rebuild the counts with one more, refilled from recruits by subqueries"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("""
        DROP TABLE recruit_stats;
        CREATE TABLE recruit_stats (
            refreshed timestamp NOT NULL PRIMARY KEY,
            recruits integer NOT NULL,
            nicknamed integer NOT NULL
        );
        INSERT INTO recruit_stats (SELECT now(),
            (SELECT count(recruits.id) FROM recruits),
            (SELECT count(recruits.id) FROM recruits WHERE recruits.nickname IS NOT NULL));
    """)


def downgrade():
    op.execute("ALTER TABLE recruit_stats DROP COLUMN nicknamed")
