"""Create recruits and the opt-out list"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("email", sa.String(254), nullable=True),
                    sa.Column("wants_mail", sa.Boolean(), nullable=True))
    op.create_table("email_opt_outs", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("email", sa.String(254), nullable=False))
    op.create_table("bounces", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("email", sa.String(254), nullable=False))


def downgrade():
    op.drop_table("bounces")
    op.drop_table("email_opt_outs")
    op.drop_table("recruits")
