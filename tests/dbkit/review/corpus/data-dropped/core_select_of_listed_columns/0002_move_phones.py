"""Move each phone into phone_number, row by row, through a Core select of listed columns"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql import column, table

revision = "0002"
down_revision = "0001"

user_phone = table("user_phone", column("id", sa.Integer), column("phone", sa.Text),
                   column("gets_text", sa.Boolean), column("phone_html", sa.Text),
                   column("phone_number_id", sa.Integer))
phone_number = table("phone_number", column("id", sa.Integer), column("number", sa.Text))


def upgrade():
    conn = op.get_bind()
    op.add_column("user_phone", sa.Column("phone_number_id", sa.Integer))
    rows = conn.execute(sa.select(user_phone.c.id, user_phone.c.phone).order_by(user_phone.c.id))
    for _, row in enumerate(rows):
        new_id = conn.execute(phone_number.insert().values(number=row.phone)
                              .returning(phone_number.c.id)).scalar()
        conn.execute(user_phone.update().where(user_phone.c.id == row.id)
                     .values(phone_number_id=new_id))
    op.drop_column("user_phone", "phone")  # copied into phone_number: kept
    op.drop_column("user_phone", "phone_html")  # a rendering of phone: derived, a warning
    op.drop_column("user_phone", "gets_text")  # not selected: the loop holds none, an error


def downgrade():
    raise RuntimeError("not reversible")
