"""The same kind of update, but one value is another column (Imports.code): it may carry
imports.code somewhere, so the drop after it is no proof (a warning)."""
from alembic import op
import sqlalchemy as sa

from app.models import BibFields, Imports

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute(
        sa.update(BibFields)
        .where(BibFields.name_field == Imports.code)
        .values(code_copy=Imports.code, display=True)
    )
    op.drop_column("imports", "code")


def downgrade():
    op.add_column("imports", sa.Column("code", sa.String(20)))
