from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade():
    op.drop_table("tags")
    op.drop_table("notes")


def downgrade():
    pass
