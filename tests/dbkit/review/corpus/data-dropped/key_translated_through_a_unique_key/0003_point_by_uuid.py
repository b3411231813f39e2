"""Point records, readings and notes at their device by the new key only"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("device", "uuid", existing_type=sa.UUID(), nullable=False, schema="iot")
    op.create_unique_constraint("uq_device_uuid", "device", ["uuid"], schema="iot")
    op.alter_column("record", "device_uuid", existing_type=sa.UUID(), nullable=False, schema="iot")
    op.drop_constraint("record_device_id_fkey", "record", type_="foreignkey", schema="iot")
    op.create_foreign_key("fk_record_device_uuid", "record", "device", ["device_uuid"], ["uuid"],
                          source_schema="iot", referent_schema="iot")
    op.drop_column("record", "device_id", schema="iot")
    op.drop_column("reading", "device_id", schema="iot")
    op.drop_column("note", "device_id", schema="iot")


def downgrade():
    op.add_column("note", sa.Column("device_id", sa.Integer(), nullable=True), schema="iot")
    op.add_column("reading", sa.Column("device_id", sa.Integer(), nullable=True), schema="iot")
    op.add_column("record", sa.Column("device_id", sa.Integer(), nullable=True), schema="iot")
    op.execute("UPDATE iot.record SET device_id = (SELECT id FROM iot.device WHERE device.uuid = record.device_uuid)")
    op.drop_constraint("fk_record_device_uuid", "record", type_="foreignkey", schema="iot")
    op.create_foreign_key("record_device_id_fkey", "record", "device", ["device_id"], ["id"],
                          source_schema="iot", referent_schema="iot")
    op.drop_constraint("uq_device_uuid", "device", type_="unique", schema="iot")
    op.alter_column("device", "uuid", existing_type=sa.UUID(), nullable=True, schema="iot")
