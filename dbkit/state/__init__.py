"""What dbkit keeps in a database it manages: the dev/prod marker, the progress of a
migration that was interrupted, and the lock that lets one migrator run at a time.

It sits below every package that reads or writes that state (pg, backup, drift,
review, migrate, exercise), so none of them has to import another for it.
"""
