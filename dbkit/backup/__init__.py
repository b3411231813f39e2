"""Backups with ``pg_dump``: taken before every prod migration, listed, pruned, restored.

Backups are ``pg_dump`` custom-format files in the git-ignored ``backups/``
folder (``DBKIT_BACKUP_DIR`` moves it), named with the environment, the UTC
time and the revisions: ``prod-20261121T101503Z-0007-to-0008.dump`` was taken
before upgrading prod from 0007 to 0008.

- :mod:`dbkit.backup.files`: the folder, the names, the listing, pruning
  (the newest ``DBKIT_BACKUP_KEEP``, default 10, per environment, never the
  backup taken before the first attempt of an operation that has not finished:
  ``pin_first``/``unpin``) and the removal of ``.partial`` files whose process is gone.
- :mod:`dbkit.backup.take`: :func:`take`, one ``pg_dump`` (:func:`take_now`: on request,
  after checking the database is the one ``ENV`` names). A file appears only
  once ``pg_dump`` has finished; until then it is a mode-600 ``.partial``.
- :mod:`dbkit.backup.restore`: :func:`restore`, a backup streamed into a
  database in one transaction, as the database's owner, under the migration lock.

This package neither parses arguments nor prints: ``dbkit/cli/backup.py`` does.
It never imports ``dbkit.migrate.guard`` (guard imports it: ``backup.take``).
"""

from dbkit.backup.files import (
    BackupFile,
    backup_dir,
    human_size,
    listing,
    pin_first,
    pinned,
    prune,
    unpin,
)
from dbkit.backup.take import Taken, take, take_now

__all__ = ["BackupFile", "Taken", "backup_dir", "human_size", "listing", "pin_first", "pinned",
           "prune", "take", "take_now", "unpin"]
