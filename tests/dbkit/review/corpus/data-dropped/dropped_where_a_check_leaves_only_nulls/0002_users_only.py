"""Only users own emails, phones, notes and cards"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("emails", "user_id", existing_type=sa.Integer(), nullable=False)
    op.drop_column("emails", "team_id")
    op.drop_column("emails", "org_id")
    op.alter_column("phones", "user_id", existing_type=sa.Integer(), nullable=False)
    op.drop_column("phones", "org_id")
    op.alter_column("notes", "user_id", existing_type=sa.Integer(), nullable=False)
    op.drop_column("notes", "org_id")
    op.alter_column("cards", "user_id", existing_type=sa.Integer(), nullable=False)
    op.drop_column("cards", "org_id")
    op.drop_constraint("ck_tags_owner", "tags", type_="check")
    op.execute("ALTER TABLE links ALTER COLUMN user_id SET NOT NULL")
    op.execute("ALTER TABLE links DROP COLUMN org_id")


def downgrade():
    op.execute("ALTER TABLE links ADD COLUMN org_id integer")
    op.execute("ALTER TABLE links ALTER COLUMN user_id DROP NOT NULL")
    op.create_check_constraint("owner", "tags", "num_nonnulls(user_id, org_id) = 1")
    op.add_column("cards", sa.Column("org_id", sa.Integer))
    op.alter_column("cards", "user_id", existing_type=sa.Integer(), nullable=True)
    op.add_column("notes", sa.Column("org_id", sa.Integer))
    op.alter_column("notes", "user_id", existing_type=sa.Integer(), nullable=True)
    op.add_column("phones", sa.Column("org_id", sa.Integer))
    op.alter_column("phones", "user_id", existing_type=sa.Integer(), nullable=True)
    op.add_column("emails", sa.Column("org_id", sa.Integer))
    op.add_column("emails", sa.Column("team_id", sa.Integer))
    op.alter_column("emails", "user_id", existing_type=sa.Integer(), nullable=True)
