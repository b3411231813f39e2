"""Classes become a key to a table of classes (swarmsmp-site cc9ce76cd215)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE applications SET character_class = NULL")  # every name written: lost
    op.execute("UPDATE applications SET character_class = 1")  # NULL everywhere: nothing more
    op.alter_column("applications", "character_class", nullable=False)


def downgrade():
    op.alter_column("applications", "character_class", nullable=True)
