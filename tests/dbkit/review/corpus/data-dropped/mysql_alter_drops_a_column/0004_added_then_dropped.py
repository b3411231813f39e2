"""MySQL: a column the same unparsed ALTER TABLE adds may be what a later drop finds: the
drop after it is no proof (a warning), while the drop of status, a column the chain made,
in a statement with nothing else is an error."""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("ALTER TABLE job ADD COLUMN scratch INT DEFAULT NULL AFTER id, ADD INDEX (scratch)")
    op.execute("ALTER TABLE job DROP COLUMN scratch, ENGINE=InnoDB")
    op.execute("ALTER TABLE job DROP COLUMN status, ENGINE=InnoDB")


def downgrade():
    op.execute("ALTER TABLE job ADD COLUMN status VARCHAR(20) AFTER id, ENGINE=InnoDB")
