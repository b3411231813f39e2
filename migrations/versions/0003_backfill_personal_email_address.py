"""Backfill personal_email_address with placeholders

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 10:02:00

Recruits who were added before we asked for an address get a unique
placeholder on the reserved .invalid domain (RFC 2606), which can never be a
real mailbox: recruit-<id>@placeholder.invalid. Find the ones still to ask with

    SELECT * FROM recruits WHERE personal_email_address LIKE '%@placeholder.invalid';
"""
from typing import Sequence, Union

from alembic import op

from dbkit.online import backfill_in_batches

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

PLACEHOLDER_DOMAIN = "@placeholder.invalid"


def upgrade() -> None:
    # In committed batches: a single UPDATE would lock every row until it ends.
    backfill_in_batches(
        "recruits",
        set_=f"personal_email_address = 'recruit-' || id || '{PLACEHOLDER_DOMAIN}'",
        where="personal_email_address IS NULL",
    )


def downgrade() -> None:
    # Only the placeholders go, each exactly as the upgrade wrote it (so upgrading again
    # writes the same one back); real addresses entered since then stay.
    op.execute(
        "UPDATE recruits SET personal_email_address = NULL "
        f"WHERE personal_email_address = 'recruit-' || id || '{PLACEHOLDER_DOMAIN}'"
    )
