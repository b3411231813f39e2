"""Add NOT NULL columns with no server default, on MySQL"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=False))
    op.add_column("recruits", sa.Column("status", sa.Enum("new", "done"), nullable=False))
    op.add_column("recruits", sa.Column("joined_at", sa.DateTime(), nullable=False))
    op.add_column("recruits", sa.Column("badge", sa.Integer(), nullable=False, unique=True))
    op.add_column("recruits", sa.Column("code", sa.String(8), nullable=False))
    op.create_unique_constraint("uq_recruits_code", "recruits", ["code"])
    op.add_column("recruits", sa.Column("nickname", sa.String(50), nullable=False))
    op.execute("UPDATE recruits SET nickname = chatname")
    op.create_foreign_key(None, "recruits", "recruits", ["id"], ["id"])


def downgrade():
    op.drop_constraint(None, "recruits", type_="foreignkey")
    for column in ("nickname", "code", "badge", "joined_at", "status", "cohort"):
        op.drop_column("recruits", column)
