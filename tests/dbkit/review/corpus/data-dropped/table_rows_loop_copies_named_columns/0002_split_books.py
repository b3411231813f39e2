"""Move each shelf item's book into books, through an ORM session over a Table"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

ITEMS = sa.Table(
    "shelf_items", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("title", sa.Text),
    sa.Column("isbn", sa.Text), sa.Column("notes", sa.Text), sa.Column("signed", sa.Boolean),
    sa.Column("book_id", sa.Integer))
BOOKS = sa.Table(
    "books", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("title", sa.Text),
    sa.Column("isbn", sa.Text), sa.Column("notes", sa.Text), sa.Column("signed", sa.Boolean))


def upgrade():
    op.create_table("books", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("title", sa.Text), sa.Column("isbn", sa.Text),
                    sa.Column("notes", sa.Text), sa.Column("signed", sa.Boolean))
    op.add_column("shelf_items", sa.Column("book_id", sa.Integer))
    with sa.orm.Session(bind=op.get_bind()) as session:
        for row in session.query(ITEMS):
            made = session.execute(BOOKS.insert().values(title=row.title, isbn=row.isbn))
            session.execute(ITEMS.update().values(book_id=made.inserted_primary_key[0])
                            .where(ITEMS.c.id == row.id))
        session.commit()
    op.drop_column("shelf_items", "title")
    op.drop_column("shelf_items", "isbn")
    op.drop_column("shelf_items", "notes")
    op.drop_column("shelf_items", "signed")


def downgrade():
    raise RuntimeError("not reversible")
