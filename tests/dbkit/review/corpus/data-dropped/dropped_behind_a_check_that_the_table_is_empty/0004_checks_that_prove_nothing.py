"""Checks that prove nothing: each drop still loses its values (errors)"""
import os

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    bind = op.get_bind()
    op.execute(
        """
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM recruits) THEN
                RAISE NOTICE 'recruits has rows';
            END IF;
            ALTER TABLE recruits DROP COLUMN chatname;
        END $$;
        """
    )
    if os.environ.get("STRICT"):
        if bind.execute(sa.text("SELECT count(*) FROM recruits")).scalar():
            raise RuntimeError("recruits has rows")
    op.drop_column("recruits", "cohort")
    count = bind.execute(sa.text("SELECT count(*) FROM recruits WHERE notes = ''")).scalar()
    if count > 0:
        raise RuntimeError("blank notes left")
    op.drop_column("recruits", "notes")
    if bind.execute(sa.text("SELECT count(*) FROM recruit_sessions")).scalar():
        raise RuntimeError("sessions left")
    op.execute("INSERT INTO recruit_sessions (recruit_id) SELECT id FROM recruits")
    op.drop_column("recruit_sessions", "recruit_id")
    if bind.execute(sa.text("SELECT 1 FROM recruits LIMIT 1")).first():
        raise RuntimeError("recruits has rows")  # (for 0005: a check of another revision)


def downgrade():
    op.add_column("recruit_sessions", sa.Column("recruit_id", sa.Integer))
    op.add_column("recruits", sa.Column("notes", sa.Text))
    op.add_column("recruits", sa.Column("cohort", sa.String(20)))
    op.add_column("recruits", sa.Column("chatname", sa.String(50)))
