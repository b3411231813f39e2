"""Add folders, picked by whether an id number was given (not what it was)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("folder", sa.Text(), nullable=False, server_default=""))
    op.add_column("papers", sa.Column("folder", sa.Text(), nullable=True))
    op.execute("""
        UPDATE papers AS updated SET
            folder = (SELECT lpad(CAST(recruits.id AS text), 8, '0') FROM recruits
                      WHERE recruits.id = updated.recruit_id
                        AND recruits.id_number IS NOT NULL AND recruits.id_number != ''
                        AND (recruits.chatname IS NOT NULL OR recruits.id > 0))
    """)
    op.execute("UPDATE recruits SET folder = lpad(CAST(id AS text), 8, '0') "
               "WHERE id_number <> ''")


def downgrade():
    op.drop_column("papers", "folder")
    op.drop_column("recruits", "folder")
