"""Name each field: a helper lists one UPDATE per known field, then runs them in a loop"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

NAMES = {"attendee": {"firstname": "First Name", "email": "Email"}}


def assign_names(session):
    statements = []
    for form, names in NAMES.items():
        for identifier, name in names.items():
            statements.append(f"UPDATE form_fields SET name = '{name}' "
                              f"WHERE form = '{form}' AND identifier = '{identifier}'")
    for statement in statements:
        session.execute(statement)


def upgrade():
    op.add_column("form_fields", sa.Column("name", sa.String(), nullable=True))
    op.add_column("form_fields", sa.Column("kind", sa.String(), nullable=True))
    assign_names(op)


def downgrade():
    op.drop_column("form_fields", "kind")
    op.drop_column("form_fields", "name")
