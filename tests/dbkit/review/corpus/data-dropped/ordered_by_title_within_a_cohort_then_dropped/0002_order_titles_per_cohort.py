"""Order the titles within each cohort; give each intake its year; date the leavers"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("position", sa.Integer(), nullable=True))
    # cohort only picks the rows: the numbers come from title, the same for both cohorts
    op.execute("""
        UPDATE recruits
        SET position = CASE title WHEN 'Captain' THEN 0 WHEN 'Sergeant' THEN 1 ELSE 2 END
        WHERE cohort = 'c26'
    """)
    op.execute("""
        UPDATE recruits
        SET position = CASE title WHEN 'Sergeant' THEN 0 WHEN 'Captain' THEN 1 ELSE 2 END
        WHERE cohort = 'c27'
    """)
    op.alter_column("recruits", "position", nullable=False)
    # a remap: the year written says which intake the row had
    op.add_column("recruits", sa.Column("intake_year", sa.Integer(), nullable=True))
    op.execute("UPDATE recruits SET intake_year = 2025 WHERE intake = 'autumn'")
    op.execute("UPDATE recruits SET intake_year = 2026 WHERE intake = 'spring'")
    # whether left_at is set is the whole of the flag
    op.add_column("recruits", sa.Column("left_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE recruits SET left_at = updated_at WHERE has_left = true")


def downgrade():
    op.drop_column("recruits", "left_at")
    op.drop_column("recruits", "intake_year")
    op.drop_column("recruits", "position")
