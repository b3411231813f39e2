"""``python -m dbkit <command>``: see :mod:`dbkit.cli`."""

import sys

from dbkit.cli import COMMANDS, main

__all__ = ["COMMANDS", "main"]

if __name__ == "__main__":
    sys.exit(main())
