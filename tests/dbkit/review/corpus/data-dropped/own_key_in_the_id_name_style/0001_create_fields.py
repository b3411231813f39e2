"""Create bib_fields, bib_widgets and the link of fields to entities (keys named id_<name>)"""
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.execute(
        """
        CREATE TABLE bib_fields (
            id_field serial PRIMARY KEY,
            name_field varchar(100) NOT NULL,
            fr_label varchar(100)
        );
        CREATE TABLE bib_widgets (
            id_widget serial PRIMARY KEY,
            widget_name varchar(50) NOT NULL
        );
        CREATE TABLE cor_entity_field (
            id_entity integer NOT NULL,
            id_field integer NOT NULL REFERENCES bib_fields (id_field)
        );
        """
    )


def downgrade():
    op.execute("DROP TABLE cor_entity_field; DROP TABLE bib_widgets; DROP TABLE bib_fields")
