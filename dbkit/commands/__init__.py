"""The modules behind `python -m dbkit <command>`."""
