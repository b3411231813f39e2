import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade():
    connection = op.get_bind()
    labels = connection.execute(sa.text("SELECT id, label FROM tags")).fetchall()
    for tag_id, label in labels:
        connection.execute(sa.text("INSERT INTO tag_archive (id, label) VALUES (:id, :label)"),
                           {"id": tag_id, "label": label})


def downgrade():
    pass
