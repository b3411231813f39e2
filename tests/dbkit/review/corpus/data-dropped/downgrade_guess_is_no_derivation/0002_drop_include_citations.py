"""Drop include_citations; the downgrade guesses it back from the name.

The downgrade's UPDATE is a guess of what to put back, not how the values were made:
every value an author set is lost."""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("prompts", "include_citations")


def downgrade():
    op.add_column("prompts", sa.Column("include_citations", sa.Boolean(), nullable=True))
    op.execute("UPDATE prompts SET include_citations = CASE WHEN name = 'images' "
               "THEN FALSE ELSE TRUE END")
