"""Make sure recruit 0 exists; the first cohort's contact is recruit 1's email.

The whole row of recruit 0 is read only to test whether it exists: no value of it is
carried anywhere, although the revision writes into another table. Recruit 1's email is
carried into cohorts.contact."""
from alembic import op
import sqlalchemy as sa


revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    existing = conn.execute(sa.text("SELECT * FROM recruits WHERE id = 0")).fetchone()
    if existing:
        conn.execute(sa.text("UPDATE recruits SET chatname = 'default' WHERE id = 0"))
    else:
        conn.execute(sa.text("INSERT INTO recruits (id, chatname) VALUES (0, 'default')"))
    first = conn.execute(sa.text("SELECT email FROM recruits WHERE id = 1")).fetchone()
    conn.execute(sa.text("INSERT INTO cohorts (name, contact) VALUES ('first', :contact)"),
                 {"contact": first.email if first else None})


def downgrade():
    op.execute("DELETE FROM cohorts WHERE name = 'first'")
