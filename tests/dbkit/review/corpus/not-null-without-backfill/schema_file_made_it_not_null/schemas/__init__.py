"""The SQL files the revisions run (importlib.resources reads them from this package)."""
