"""Drop the artifact tables, named in a list built up before the loop"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    table_names = []
    table_names.append("artifact_tags")
    table_names.append("artifacts")

    for table_name in table_names:
        op.drop_table(table_name=table_name)


def downgrade():
    pass
