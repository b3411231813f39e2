"""One users table: people with their details (INNER JOIN), accounts with
their owner (LEFT JOIN), cars with the vehicle each is (a subclass table: id = id)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(120), nullable=True),
        sa.Column("fullname", sa.String(100), nullable=True),
    )
    op.execute("INSERT INTO users SELECT people.*, person_details.fullname "
               "FROM people INNER JOIN person_details ON people.id = person_details.person_id")
    op.drop_table("person_details")
    op.drop_table("people")
    op.create_table(
        "logins",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("login", sa.String(50), nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
    )
    op.execute("INSERT INTO logins SELECT accounts.*, owners.phone "
               "FROM accounts LEFT JOIN owners ON owners.account_id = accounts.id")
    op.drop_table("accounts")
    op.create_table(
        "car_rows",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=True),
        sa.Column("doors", sa.Integer(), nullable=True),
    )
    op.execute("INSERT INTO car_rows SELECT cars.id, vehicles.kind, cars.doors "
               "FROM vehicles INNER JOIN cars ON cars.id = vehicles.id")
    op.drop_table("cars")


def downgrade():
    raise RuntimeError("not reversible")
