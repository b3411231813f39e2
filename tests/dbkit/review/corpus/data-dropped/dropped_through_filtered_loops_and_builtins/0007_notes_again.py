import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def _add_table(cls):
    if cls.__tablename__ in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(cls.__tablename__, *[c.copy() for c in cls.__table__.columns])


def upgrade():
    notes = type("_Notes", (), {
        "__tablename__": "notes",
        "__table__": sa.Table("notes", sa.MetaData(),
                              sa.Column("id", sa.Integer(), primary_key=True),
                              sa.Column("name", sa.String())),
    })
    _add_table(notes)


def downgrade():
    op.drop_table("notes")
