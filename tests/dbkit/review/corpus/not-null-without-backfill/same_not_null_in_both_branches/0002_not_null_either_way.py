"""beaker 3fc28d7eb6d3: recipe_id is made NOT NULL in both branches of an `if` the reviewer
cannot evaluate (one also adds a foreign key): one of them runs whatever the test says, and
nothing fills the rows: errors. kind is made NOT NULL in one branch only: a warning naming
the test."""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def find_fk(table, columns):
    return None


def upgrade():
    if find_fk("log_recipe", ["recipe_id"]) is None:
        op.alter_column("log_recipe", "recipe_id", existing_type=sa.Integer(), nullable=False)
        op.create_foreign_key("fk_log_recipe_recipe_id", "log_recipe", "recipe", ["recipe_id"], ["id"])
    else:
        op.alter_column("log_recipe", "recipe_id", existing_type=sa.Integer(), nullable=False)
    if find_fk("log_recipe", ["kind"]) is None:
        op.alter_column("log_recipe", "kind", existing_type=sa.String(20), nullable=False)


def downgrade():
    op.alter_column("log_recipe", "kind", existing_type=sa.String(20), nullable=True)
    op.alter_column("log_recipe", "recipe_id", existing_type=sa.Integer(), nullable=True)
