"""One row per example: jsonb_each gives each cohort's list, jsonb_array_elements its items"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("recruit_examples", sa.Column("recruit_id", sa.Integer),
                    sa.Column("cohort", sa.Text), sa.Column("example", sa.Text))
    op.execute("""
    INSERT INTO recruit_examples (recruit_id, cohort, example)
    SELECT r.id, cohort_key, item->>'text'
    FROM recruits r, jsonb_each(r.examples) AS by_cohort(cohort_key, items),
         jsonb_array_elements(items) AS item
    """)
    op.drop_column("recruits", "examples")
    op.drop_column("recruits", "notes")


def downgrade():
    op.add_column("recruits", sa.Column("notes", sa.Text))
    op.add_column("recruits", sa.Column("examples", sa.JSON))
    op.drop_table("recruit_examples")
