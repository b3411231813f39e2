"""Rename chatname to rocketchat_user

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 10:05:00

Situation 2 of the exercise. Autogenerate writes a rename as "drop chatname,
add rocketchat_user", which throws every chatname away. A rename is a rename:
one ALTER TABLE ... RENAME COLUMN, which keeps the data and is instant.
"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.alter_column("recruits", "chatname", new_column_name="rocketchat_user")


def downgrade() -> None:
    op.alter_column("recruits", "rocketchat_user", new_column_name="chatname")
