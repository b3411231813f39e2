"""An index "order" on box: index names are schema-wide, flag's has it"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_index("order", "box", ["_order"])


def downgrade():
    op.drop_index("order", table_name="box")
