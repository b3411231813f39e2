from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("sales", "distributor_id", nullable=False)
    op.alter_column("sales", "region_id", nullable=False)


def downgrade():
    op.alter_column("sales", "region_id", nullable=True)
    op.alter_column("sales", "distributor_id", nullable=True)
