import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    connection = op.get_bind()
    duplicates = connection.execute(sa.text(
        "SELECT name, COUNT(*) FROM notes GROUP BY name HAVING COUNT(*) > 1")).fetchall()
    for name, count in duplicates:
        rows = connection.execute(sa.text("SELECT id FROM notes WHERE name = :name ORDER BY id"),
                                  {"name": name}).fetchall()
        for i, (note_id,) in enumerate(rows[1:], start=2):
            connection.execute(sa.text("UPDATE notes SET name = :new WHERE id = :id"),
                               {"new": f"{name}_{i}", "id": note_id})


def downgrade():
    pass
