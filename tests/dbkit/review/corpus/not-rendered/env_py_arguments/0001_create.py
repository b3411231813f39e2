"""Create the kinds table (upgrade takes what env.py passes: context.run_migrations(op=..., tables=..., tester=...))"""
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade(op, tables, tester):
    op.create_table("logentrykind", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(100), nullable=False))


def downgrade(op, tables, tester):
    op.drop_table("logentrykind")
