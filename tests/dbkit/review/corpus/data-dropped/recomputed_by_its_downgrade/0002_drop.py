"""Drop columns; the downgrade puts each back, and says how it fills it"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("imports", "in_error")  # EXISTS over import_errors: derived
    op.drop_column("fields", "nomenclature")  # mnemonique IS NOT NULL, same row: derived
    op.drop_column("imports", "source_id")  # the key of the source a join finds: derived
    op.drop_column("fields", "kind_group")  # a CASE of constants: lost
    op.drop_column("imports", "step")  # put back as a constant: lost
    op.drop_column("imports", "label")  # put back from a backup the chain never fills: lost
    op.drop_column("imports", "updated_at")  # put back as a copy of created_at: lost
    op.drop_column("imports", "checked_at")  # put back as one of two dates: lost
    op.drop_column("imports", "nvrs")  # put back as an aggregate of other rows: lost
    op.drop_column("imports", "source_title")  # a value of a joined row, no key: lost
    op.add_column("imports", sa.Column("closed", sa.Boolean))
    op.execute("UPDATE imports SET closed = (state = 'closed'), "
               "source_name = 'checked by ' || state")
    op.drop_column("imports", "state")  # moved into closed: kept


def downgrade():
    op.add_column("imports", sa.Column("state", sa.Text))
    op.execute("UPDATE imports SET state = source_name")
    op.drop_column("imports", "closed")
    op.add_column("imports", sa.Column("source_title", sa.Text))
    op.execute("UPDATE imports i SET source_title = s.title FROM sources s "
               "WHERE s.name = i.source_name")
    op.add_column("imports", sa.Column("nvrs", sa.Text))
    op.execute("UPDATE imports SET nvrs = (SELECT string_agg(nvr, ' ') FROM import_errors e "
               "WHERE e.import_id = imports.id)")
    op.add_column("imports", sa.Column("checked_at", sa.DateTime))
    op.execute("UPDATE imports SET checked_at = GREATEST(created_at, done_at)")
    op.add_column("imports", sa.Column("updated_at", sa.DateTime))
    op.execute("UPDATE imports SET updated_at = created_at")
    op.add_column("imports", sa.Column("label", sa.Text))
    op.execute("UPDATE imports i SET label = b.label FROM label_backup b "
               "WHERE b.import_id = i.id")
    op.add_column("imports", sa.Column("step", sa.Integer))
    op.execute("UPDATE imports SET step = 1")
    op.add_column("fields", sa.Column("kind_group", sa.Text))
    op.execute("UPDATE fields SET kind_group = CASE WHEN kind IN ('a', 'b') THEN 'ab' "
               "ELSE 'other' END")
    op.add_column("imports", sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")))
    op.execute("UPDATE imports i SET source_id = s.id FROM sources s "
               "WHERE s.name = 'Import(id=' || i.id || ')'")
    op.add_column("fields", sa.Column("nomenclature", sa.Boolean))
    op.execute("WITH cte AS (SELECT id, mnemonique IS NOT NULL AS nomenclature FROM fields) "
               "UPDATE fields f SET nomenclature = cte.nomenclature FROM cte "
               "WHERE f.id = cte.id")
    op.add_column("imports", sa.Column("in_error", sa.Boolean))
    op.execute("UPDATE imports i SET in_error = EXISTS "
               "(SELECT * FROM import_errors e WHERE e.import_id = i.id)")
