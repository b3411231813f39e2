"""Split each tag's refs into rows; copy each note (loops over rows)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    connection = op.get_bind()
    tags = connection.exec_driver_sql("SELECT team_id, tag_id, refs FROM tag").all()
    for team_id, tag_id, refs in tags:
        for ref in refs or []:
            connection.exec_driver_sql(
                "INSERT INTO tagref (team_id, tag_id, ref) VALUES (%s, %s, %s)",
                (team_id, tag_id, ref))
    notes = connection.exec_driver_sql("SELECT id, body, author FROM note").all()
    for note_id, body, author in notes:
        connection.exec_driver_sql(
            "INSERT INTO noteref (note_id, body, author) VALUES (%s, %s, %s)",
            (note_id, body, author))


def downgrade():
    pass
