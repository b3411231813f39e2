"""Delete the rows a join picks"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM user_interventions USING interventions "
               "WHERE intervention_id = interventions.id AND interventions.name = 'engine'")
    op.execute("DELETE FROM packages a USING packages b WHERE a.id > b.id AND a.name = b.name")
    op.create_table("user_roles_archive", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("role_id", sa.Integer))
    op.execute("INSERT INTO user_roles_archive SELECT * FROM user_roles")
    op.execute("DELETE FROM user_roles ur USING roles r "
               "WHERE r.id = ur.role_id AND r.name = 'write_only'")


def downgrade():
    op.drop_table("user_roles_archive")
