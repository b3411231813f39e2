"""Start the templates again from the defaults: every row is put back, each with a name"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

DEFAULTS = [(1, "Johannesburg"), (2, "Durban"), (3, "Cape Town")]


def upgrade():
    bind = op.get_bind()
    bind.execute(sa.text("DELETE FROM cohort_templates"))
    for number, city in DEFAULTS:
        bind.execute(sa.text("INSERT INTO cohort_templates (id, name) VALUES (:id, :name)"),
                     {"id": number, "name": f"{city} cohort"})


def downgrade():
    pass
