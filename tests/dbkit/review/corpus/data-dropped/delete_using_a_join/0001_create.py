"""Create interventions, roles and the links of users to them"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("interventions", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50)))
    op.create_table("user_interventions", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("intervention_id", sa.Integer),
                    sa.Column("access", sa.String(20)))
    op.create_table("roles", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50)))
    op.create_table("user_roles", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer), sa.Column("role_id", sa.Integer))
    op.create_table("packages", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50)))


def downgrade():
    for table in ("packages", "user_roles", "roles", "user_interventions", "interventions"):
        op.drop_table(table)
