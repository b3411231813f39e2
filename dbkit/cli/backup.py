"""``python -m dbkit backup``, ``backups`` and ``restore``."""

from dbkit.backup import backup, backups, restore

__all__ = ["backup", "backups", "restore"]
