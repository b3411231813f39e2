"""A report the application still runs over the table it kept notes in before the chain."""
from sqlalchemy import text

NOTES = text("SELECT recruit_id, body FROM legacy_notes ORDER BY recruit_id")
