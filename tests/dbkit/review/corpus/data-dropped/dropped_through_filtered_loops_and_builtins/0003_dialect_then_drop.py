from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    dialect = getattr(getattr(op.get_bind(), "dialect", None), "name", "")
    if dialect == "sqlite":
        return
    op.drop_column("settings", "theme")


def downgrade():
    pass
