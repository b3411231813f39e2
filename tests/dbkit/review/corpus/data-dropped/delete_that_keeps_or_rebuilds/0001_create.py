"""Create lookup tables, permissions, dependencies and rates"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("permission_types", sa.Column("name", sa.String(50), primary_key=True))
    op.create_table("pairs", sa.Column("kind", sa.String(50), primary_key=True),
                    sa.Column("rank", sa.Integer, primary_key=True))
    op.create_table("permissions", sa.Column("name", sa.String(50), primary_key=True),
                    sa.Column("description", sa.Text))
    op.create_table("releases", sa.Column("name", sa.Text, primary_key=True),
                    sa.Column("version", sa.Text, primary_key=True))
    op.create_table("dependencies", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("version", sa.Text),
                    sa.Column("specifier", sa.Text),
                    sa.ForeignKeyConstraint(["name", "version"],
                                            ["releases.name", "releases.version"]))
    op.create_table("rates", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("start_date", sa.Date), sa.Column("rate", sa.Numeric))
    op.create_table("days", sa.Column("day", sa.Date, primary_key=True),
                    sa.Column("week", sa.Integer))


def downgrade():
    for table in ("days", "rates", "dependencies", "releases", "permissions", "pairs",
                  "permission_types"):
        op.drop_table(table)
