"""Devices, their records, readings and notes"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("device", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String, nullable=False), schema="iot")
    for child, nullable in (("record", False), ("reading", False), ("note", True)):
        op.create_table(child, sa.Column("id", sa.Integer, primary_key=True),
                        sa.Column("device_id", sa.Integer, sa.ForeignKey("iot.device.id"),
                                  nullable=nullable), schema="iot")


def downgrade():
    for table in ("note", "reading", "record", "device"):
        op.drop_table(table, schema="iot")
