"""Every name a recruit went by, kept in one table: chatname through a UNION, the handle
through a LATERAL subquery, the alias named bare from a subquery; the old handle (in no
SELECT's list) is lost"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_table("names", sa.Column("recruit_id", sa.Integer), sa.Column("name", sa.Text))
    op.execute("INSERT INTO names (recruit_id, name) SELECT id, chatname FROM recruits "
               "UNION ALL SELECT recruit_id, about FROM profiles_history")
    op.execute("INSERT INTO names (recruit_id, name) SELECT r.id, h.name FROM recruits r "
               "CROSS JOIN LATERAL (SELECT r.handle AS name) h")
    op.execute("INSERT INTO names (recruit_id, name) SELECT id, chatname FROM recruits "
               "UNION SELECT id, handle FROM recruits")
    op.execute("INSERT INTO names (recruit_id, name) SELECT rid, nm "
               "FROM (SELECT id AS rid, alias AS nm FROM recruits) AS aliases")
    op.drop_column("recruits", "chatname")
    op.drop_column("recruits", "handle")
    op.drop_column("recruits", "old_handle")
    op.drop_column("recruits", "alias")


def downgrade():
    op.add_column("recruits", sa.Column("alias", sa.Text))
    op.add_column("recruits", sa.Column("old_handle", sa.Text))
    op.add_column("recruits", sa.Column("handle", sa.Text))
    op.add_column("recruits", sa.Column("chatname", sa.Text))
    op.drop_table("names")
