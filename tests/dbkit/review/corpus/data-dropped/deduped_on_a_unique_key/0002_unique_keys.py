"""Make rules unique on (host, port, protocol) and tunnels on (vmid, service)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_unique_constraint("uq_rules_host_port_protocol", "rules",
                                ["host", "port", "protocol"])
    op.create_unique_constraint("uq_tunnels_vmid_service", "tunnels", ["vmid", "service"])


def downgrade():
    op.drop_constraint("uq_tunnels_vmid_service", "tunnels", type_="unique")
    op.drop_constraint("uq_rules_host_port_protocol", "rules", type_="unique")
