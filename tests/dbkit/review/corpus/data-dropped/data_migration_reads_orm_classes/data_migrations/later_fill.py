"""Run by revision 0003: it reads notes.author, but only after 0002 dropped it."""
from sqlalchemy import text


def migrate(connection):
    for row in connection.execute(text("SELECT id, author FROM notes")):
        print(row.author)
