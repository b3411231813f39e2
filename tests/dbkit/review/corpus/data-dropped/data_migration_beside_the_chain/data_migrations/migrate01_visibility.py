"""Run by the project's own command between the expand and the contract revisions."""
from sqlalchemy import MetaData, Table, select


def migrate(engine):
    images = Table("images", MetaData(), autoload_with=engine)
    with engine.begin() as conn:
        for row in conn.execute(select(images.c.id, images.c.is_public)):
            visibility = "public" if row.is_public else "private"
            conn.execute(images.update().where(images.c.id == row.id)
                         .values(visibility=visibility))
