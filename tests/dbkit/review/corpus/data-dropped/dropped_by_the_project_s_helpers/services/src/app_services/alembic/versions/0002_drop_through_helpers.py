from app_services.db import drop_table
from app_services.db.column import drop_column
from app_services.models import Setting

revision = "0002"
down_revision = "0001"


def upgrade():
    drop_column(Setting, "theme")
    drop_table(table_name="notes")
    drop_table(None, "tabs")


def downgrade():
    pass
