"""Require personal_email_address and make it unique

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 10:03:00

Every row has an address now (0003), so the column can be NOT NULL and UNIQUE.
Done the online way, so a busy prod table is never locked for a full scan:
NOT NULL through a validated CHECK, UNIQUE through an index built concurrently.
"""
from typing import Sequence, Union

from alembic import op

from dbkit.online import add_not_null, add_unique

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    add_not_null("recruits", "personal_email_address")
    # One process builds the index (no parallel workers): the table's clients keep a core.
    add_unique("uq_recruits_personal_email_address", "recruits", ["personal_email_address"],
               maintenance_workers=0)


def downgrade() -> None:
    op.drop_constraint("uq_recruits_personal_email_address", "recruits", type_="unique",
                       if_exists=True)
    op.alter_column("recruits", "personal_email_address", nullable=True)
