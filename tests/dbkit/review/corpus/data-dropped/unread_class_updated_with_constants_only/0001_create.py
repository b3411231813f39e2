"""Create imports and bib_fields"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("id_dataset", sa.Integer()),
        sa.Column("code", sa.String(20)),
    )
    op.create_table(
        "bib_fields",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name_field", sa.String(50)),
        sa.Column("display", sa.Boolean()),
        sa.Column("source_field", sa.String(50)),
        sa.Column("code_copy", sa.String(20)),
    )


def downgrade():
    op.drop_table("bib_fields")
    op.drop_table("imports")
