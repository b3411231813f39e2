"""Remove the habitat field (its label is kept nowhere: an error) and the bool widget (the
WHERE holds all its row has besides its serial key: nothing lost)"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("delete from bib_fields where name_field = 'id_habitat'")
    op.execute("DELETE FROM bib_widgets WHERE widget_name = 'bool_radio'")


def downgrade():
    op.execute("INSERT INTO bib_widgets (widget_name) VALUES ('bool_radio')")
    op.execute("INSERT INTO bib_fields (name_field) VALUES ('id_habitat')")
