"""Name the form fields from a constant map, the project's way"""
from alembic import op

revision = "0003"
down_revision = "0002"

FIELD_NAMES = {
    "session": {"heardFrom": "Heard From", "title": "Title"},
    "speaker": {"photoUrl": "Photo"},
}


def upgrade():
    statements = []
    for form, names in FIELD_NAMES.items():
        for identifier, name in names.items():
            statements.append(
                f"UPDATE stages SET label = '{name}' WHERE slug = '{form}' AND label = '{identifier}'"
            )
    conn = op.get_bind()
    while statements:
        conn.execute(statements.pop())


def downgrade():
    pass
