"""Link the habitat field to entity 1: takes only bib_fields' own key, no copy of a row"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute(
        "INSERT INTO cor_entity_field (id_entity, id_field) "
        "SELECT 1, id_field FROM bib_fields WHERE name_field = 'id_habitat'"
    )


def downgrade():
    op.execute("DELETE FROM cor_entity_field WHERE id_entity = 1")
