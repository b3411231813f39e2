import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("import_logs", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("doctors", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("import_log_id", sa.Integer(), sa.ForeignKey("import_logs.id")),
                    sa.Column("note", sa.String()))


def downgrade():
    op.drop_table("doctors")
    op.drop_table("import_logs")
