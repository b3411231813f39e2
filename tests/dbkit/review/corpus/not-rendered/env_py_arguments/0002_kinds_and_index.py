"""Two kinds, and an index built while the table is locked"""

revision = "0002"
down_revision = "0001"


def upgrade(op, tables, tester):
    op.bulk_insert(tables.logentrykind, [{"name": "login_success"}, {"name": "logout_success"}])
    tester.populate_column("logentrykind", "name", "text")
    if tester.is_testing():
        op.execute("DELETE FROM logentrykind")
    op.create_index("ix_logentrykind_name", "logentrykind", ["name"])


def downgrade(op, tables, tester):
    op.drop_index("ix_logentrykind_name", table_name="logentrykind")
    op.execute(tables.logentrykind.delete().where(
        tables.logentrykind.c.name.in_(["login_success", "logout_success"])))
