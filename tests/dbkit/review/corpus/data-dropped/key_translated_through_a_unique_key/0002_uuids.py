"""Give devices a uuid, and point each row at its device's uuid and name too"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("device", sa.Column("uuid", sa.UUID(), nullable=True), schema="iot")
    op.execute("UPDATE iot.device SET uuid = gen_random_uuid()")
    op.add_column("record", sa.Column("device_uuid", sa.UUID(), nullable=True), schema="iot")
    op.add_column("reading", sa.Column("device_name", sa.String(), nullable=True), schema="iot")
    op.add_column("note", sa.Column("device_uuid", sa.UUID(), nullable=True), schema="iot")
    op.execute("UPDATE iot.record SET device_uuid = (SELECT uuid FROM iot.device WHERE device.id = record.device_id)")
    op.execute("UPDATE iot.reading SET device_name = (SELECT name FROM iot.device WHERE device.id = reading.device_id)")
    op.execute("UPDATE iot.note SET device_uuid = d.uuid FROM iot.device d WHERE d.id = note.device_id")


def downgrade():
    op.drop_column("note", "device_uuid", schema="iot")
    op.drop_column("reading", "device_name", schema="iot")
    op.drop_column("record", "device_uuid", schema="iot")
    op.drop_column("device", "uuid", schema="iot")
