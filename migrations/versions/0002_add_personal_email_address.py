"""Add personal_email_address

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 10:01:00

Step 4 of the exercise asks for a required, unique personal_email_address.
Existing recruits have no address yet, so a NOT NULL column cannot be added in
one go: first add it nullable (this revision), then give every existing row a
value (0003), then require it (0004).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column(
        "recruits",
        sa.Column("personal_email_address", sa.String(254), nullable=True),
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_column("recruits", "personal_email_address")
