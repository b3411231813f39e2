"""Emails, phones, notes and cards owned by a user or an organisation"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql import column

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("emails", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("org_id", sa.Integer),
                    sa.Column("team_id", sa.Integer), sa.Column("address", sa.Text))
    op.create_check_constraint(
        "emails_one_owner", "emails",
        sa.case((column("user_id").isnot(None), 1), else_=0)
        + sa.case((column("org_id").isnot(None), 1), else_=0)
        + sa.case((column("team_id").isnot(None), 1), else_=0)
        == 1,
    )
    op.create_table("phones", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("org_id", sa.Integer),
                    sa.CheckConstraint("num_nonnulls(user_id, org_id) = 1", name="phones_owner"))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("org_id", sa.Integer),
                    sa.CheckConstraint("NOT (user_id IS NULL AND org_id IS NULL)",
                                       name="notes_owner"))
    op.create_table("cards", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("org_id", sa.Integer))
    op.create_check_constraint("cards_owner", "cards", "(user_id IS NULL) <> (org_id IS NULL)",
                               postgresql_not_valid=True)
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("org_id", sa.Integer))
    op.create_check_constraint("owner", "tags", "num_nonnulls(user_id, org_id) = 1")
    op.create_table("links", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("org_id", sa.Integer))
    op.execute("ALTER TABLE links ADD CONSTRAINT links_owner "
               "CHECK ((user_id IS NULL) <> (org_id IS NULL))")


def downgrade():
    op.drop_table("links")
    op.drop_table("tags")
    op.drop_table("cards")
    op.drop_table("notes")
    op.drop_table("phones")
    op.drop_table("emails")
