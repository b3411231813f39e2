"""Profiles folded into recruits through subqueries: about (a subquery in FROM), motto (a
scalar subquery), nickname (archived from a subquery); website is only counted, not kept"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("about", sa.Text))
    op.add_column("recruits", sa.Column("motto", sa.Text))
    op.add_column("recruits", sa.Column("websites", sa.Integer))
    op.execute("UPDATE recruits SET about = own.text FROM ("
               "SELECT recruit_id, about AS text FROM profiles) AS own "
               "WHERE own.recruit_id = recruits.id")
    op.execute("UPDATE recruits r SET motto = (SELECT p.motto FROM profiles p "
               "WHERE p.recruit_id = r.id)")
    op.create_table("nicknames", sa.Column("id", sa.Integer), sa.Column("nickname", sa.Text))
    op.execute("INSERT INTO nicknames SELECT s.* FROM (SELECT id, nickname FROM profiles) s")
    op.execute("UPDATE recruits SET websites = counted.n FROM ("
               "SELECT recruit_id, count(*) AS n FROM profiles GROUP BY recruit_id) counted "
               "WHERE counted.recruit_id = recruits.id")
    op.drop_column("profiles", "about")
    op.drop_column("profiles", "motto")
    op.drop_column("profiles", "nickname")
    op.drop_column("profiles", "website")


def downgrade():
    op.add_column("profiles", sa.Column("website", sa.Text))
    op.add_column("profiles", sa.Column("nickname", sa.Text))
    op.add_column("profiles", sa.Column("motto", sa.Text))
    op.add_column("profiles", sa.Column("about", sa.Text))
    op.execute("UPDATE profiles SET about = recruits.about, motto = recruits.motto "
               "FROM recruits WHERE recruits.id = profiles.recruit_id")
    op.execute("UPDATE profiles SET nickname = nicknames.nickname FROM nicknames "
               "WHERE nicknames.id = profiles.id")
    op.drop_table("nicknames")
    op.drop_column("recruits", "websites")
    op.drop_column("recruits", "motto")
    op.drop_column("recruits", "about")
