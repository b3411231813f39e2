"""Add NOT NULL columns with foreign keys, on MySQL"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    with op.batch_alter_table("tags") as batch_op:
        batch_op.add_column(sa.Column("device_id", sa.BIGINT,
                                      sa.ForeignKey("devices.id", name="fk_tags_device_id"),
                                      nullable=False))
    op.add_column("tags", sa.Column("owner_id", sa.Integer(), nullable=False))
    op.create_foreign_key("fk_tags_owner_id", "tags", "devices", ["owner_id"], ["id"])
    op.add_column("tags", sa.Column("zone_id", sa.Integer(), nullable=False))
    op.execute("UPDATE tags SET zone_id = 1")
    op.create_foreign_key("fk_tags_zone_id", "tags", "devices", ["zone_id"], ["id"])
    op.add_column("tags", sa.Column("label", sa.String(20), sa.ForeignKey("tags.name"),
                                    nullable=False))


def downgrade():
    op.drop_constraint("fk_tags_zone_id", "tags", type_="foreignkey")
    op.drop_constraint("fk_tags_owner_id", "tags", type_="foreignkey")
    op.drop_constraint("fk_tags_device_id", "tags", type_="foreignkey")
    for column in ("label", "zone_id", "owner_id", "device_id"):
        op.drop_column("tags", column)
