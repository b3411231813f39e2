"""Keys become UUIDs (cuongct220020/convenient-shopping-system 95368ef785de, held-out45)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    # every group_id becomes a new random UUID: which group a meal belonged to is lost
    op.alter_column("meals", "group_id", existing_type=sa.INTEGER(), type_=sa.UUID(),
                    existing_nullable=False, postgresql_using="gen_random_uuid()")
    op.execute("ALTER TABLE plans ALTER COLUMN owner_id TYPE uuid USING NULL")  # every owner lost
    op.execute("ALTER TABLE plans ALTER COLUMN code TYPE integer USING code::integer")  # converted
    # another column's values (keephq/keep 3ad5308e7200, held-out47): what it held is lost
    op.alter_column("meals", "proposed", type_=sa.JSON(), postgresql_using="settings::json")


def downgrade():
    op.alter_column("meals", "proposed", type_=sa.Text(), postgresql_using="proposed::text")
    op.execute("ALTER TABLE plans ALTER COLUMN code TYPE varchar(10) USING code::text")
    op.execute("ALTER TABLE plans ALTER COLUMN owner_id TYPE integer USING NULL")
    op.alter_column("meals", "group_id", existing_type=sa.UUID(), type_=sa.INTEGER(),
                    existing_nullable=False, postgresql_using="1")
