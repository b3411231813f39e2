"""Create recruits with a check named by the project's convention: op.f() of 70 characters,
which SQLAlchemy sends cut to 55, `_` and four hex digits of its md5"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("rocketchat_user", sa.String(100)),
        sa.CheckConstraint(
            "rocketchat_user = lower(rocketchat_user)",
            name=op.f("ck_recruits_ck_recruits_rocketchat_user_is_lowercase_and_has_no_spaces"),
        ),
    )


def downgrade():
    op.drop_table("recruits")
