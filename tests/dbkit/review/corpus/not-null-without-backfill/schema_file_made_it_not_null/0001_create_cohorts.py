"""Create the school schema from the project's SQL file"""
import importlib.resources

from alembic import op
from sqlalchemy import text

revision = "0001"
down_revision = None


def upgrade():
    operations = text(importlib.resources.read_text("schemas", "cohorts.sql"))
    op.get_bind().execute(operations, {"first_code": "c1"})


def downgrade():
    op.execute("DROP SCHEMA school CASCADE")
