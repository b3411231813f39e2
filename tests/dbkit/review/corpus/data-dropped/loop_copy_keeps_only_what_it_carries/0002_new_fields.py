"""New system fields, filled in Python from the old ones (SQL bound to plain names)"""
from typing import Optional

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0002"
down_revision = "0001"


def _titles(title: Optional[str]) -> list:
    return [title] if title else []


def _transfers(countries: Optional[list]) -> bool:
    return any([countries])


def _contact(mine: Optional[str], theirs: Optional[str]) -> Optional[str]:
    found = mine or theirs
    return found.strip() if found else None


def upgrade():
    op.add_column("systems", sa.Column("contact_info", sa.Text))
    op.add_column("systems", sa.Column("titles", sa.ARRAY(sa.Text)))
    op.add_column("systems", sa.Column("transfers", sa.Boolean))
    op.add_column("systems", sa.Column("visibility", sa.Text))
    bind = op.get_bind()
    query = text(
        "SELECT systems.id, systems.contact, systems.title, systems.countries,"
        " systems.is_public, datasets.contact AS dataset_contact"
        " FROM systems LEFT JOIN datasets ON datasets.system_id = systems.id")
    for row in bind.execute(query):
        values = {
            "contact_info": _contact(row["contact"], row["dataset_contact"]),
            "titles": _titles(row["title"]),
            "transfers": _transfers(row["countries"]),
            "visibility": "public" if row["is_public"] else "private",
        }
        update = text(
            "UPDATE systems SET contact_info = :contact_info, titles = :titles,"
            " transfers = :transfers, visibility = :visibility WHERE id = :id")
        bind.execute(update, {"id": row["id"], **values})


def downgrade():
    op.drop_column("systems", "visibility")
    op.drop_column("systems", "transfers")
    op.drop_column("systems", "titles")
    op.drop_column("systems", "contact_info")
