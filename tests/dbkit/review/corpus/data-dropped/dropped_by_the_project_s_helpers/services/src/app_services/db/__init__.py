"""The project's migration helpers, re-exported."""

from app_services.db.column import drop_column
from app_services.db.table import drop_table

__all__ = ["drop_column", "drop_table"]
