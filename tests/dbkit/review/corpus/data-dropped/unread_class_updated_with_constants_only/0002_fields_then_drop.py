"""GeoNature 51ee1572f71f: a Core update of an ORM class of the application (which the
reviewer does not import) that sets only constants cannot keep imports.id_dataset: its drop
is an error."""
from alembic import op
import sqlalchemy as sa

from app.models import BibFields

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute(
        sa.update(BibFields)
        .where(BibFields.name_field == "id_dataset")
        .values(dict(display=False, source_field=None, params=dict(bind_value="id_dataset")))
    )
    op.drop_column("imports", "id_dataset")


def downgrade():
    op.add_column("imports", sa.Column("id_dataset", sa.Integer()))
