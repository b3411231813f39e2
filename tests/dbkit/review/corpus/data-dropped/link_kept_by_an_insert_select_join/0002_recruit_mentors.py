"""Each recruit gets the mentors of its cohort: the pairs keep the cohort link, which goes;
chatname goes with no copy; the mentor names matched on id_number keep no recruit's"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("recruit_mentors", sa.Column("mentor_id", sa.Integer),
                    sa.Column("recruit_id", sa.Integer))
    op.execute("INSERT INTO recruit_mentors "
               "SELECT DISTINCT mentors.id, recruits.id FROM mentors "
               "JOIN cohorts ON cohorts.id = mentors.cohort_id "
               "JOIN recruits ON cohorts.code = recruits.cohort_code")
    op.create_table("known_mentors", sa.Column("name", sa.Text))
    op.execute("INSERT INTO known_mentors (name) SELECT mentors.name FROM mentors "
               "JOIN recruits ON recruits.id_number = mentors.id_number")
    op.drop_column("recruits", "cohort_code")
    op.drop_column("recruits", "chatname")
    op.drop_column("recruits", "id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13)))
    op.add_column("recruits", sa.Column("chatname", sa.Text))
    op.add_column("recruits", sa.Column("cohort_code", sa.String(10)))
    op.execute("UPDATE recruits SET cohort_code = cohorts.code FROM recruit_mentors "
               "JOIN mentors ON mentors.id = recruit_mentors.mentor_id "
               "JOIN cohorts ON cohorts.id = mentors.cohort_id "
               "WHERE recruit_mentors.recruit_id = recruits.id")
    op.drop_table("known_mentors")
    op.drop_table("recruit_mentors")
