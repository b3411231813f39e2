"""Status becomes an enum: copied into new_status, the columns swapped by renames, the old dropped"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    status_type = sa.Enum("sending", "delivered", "failed", name="notify_status_type")
    status_type.create(op.get_bind())
    op.add_column("notifications", sa.Column("new_status", status_type, nullable=True))
    op.execute("UPDATE notifications SET new_status = CAST(status AS notify_status_type)")
    op.alter_column("notifications", "status", new_column_name="old_status")
    op.alter_column("notifications", "new_status", new_column_name="status")
    op.drop_column("notifications", "old_status")
    op.alter_column("notifications", "status", nullable=False)


def downgrade():
    op.alter_column("notifications", "status", nullable=True, type_=sa.Text,
                    postgresql_using="status::text")
    op.execute("DROP TYPE notify_status_type")
