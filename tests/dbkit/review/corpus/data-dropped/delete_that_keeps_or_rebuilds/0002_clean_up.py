"""Remove a permission type, orphaned dependencies, and fix a rate"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM permission_types WHERE name = 'caseworking'")
    op.execute("DELETE FROM pairs WHERE kind IN ('a', 'b') AND rank = 1")
    op.execute("DELETE FROM permissions WHERE name = 'caseworking'")
    op.execute("DELETE FROM pairs WHERE kind = 'c'")
    op.execute("DELETE FROM dependencies WHERE name IS NULL AND version IS NULL")
    op.execute("DELETE FROM dependencies WHERE version IS NULL AND specifier IS NULL")
    op.execute("DELETE FROM rates WHERE start_date = '2024-01-01'")
    op.execute("INSERT INTO rates (id, start_date, rate) VALUES (7, '2024-01-01', 0.85)")
    op.execute("DELETE FROM days WHERE 1 = 1")
    op.execute("INSERT INTO days (day, week) SELECT d, extract(week FROM d) "
               "FROM generate_series(date '2030-01-01', date '2030-12-31', '1 day') AS s(d)")


def downgrade():
    pass
