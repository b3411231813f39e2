"""Situation 1: add five C26 recruits.

    python create_c26_recruits.py                  # ENV unset: the dev database
    ENV=prod python create_c26_recruits.py --seed 42 --count 5
"""

import sys
from collections.abc import Sequence

from dbkit.cli.seed import main_for

COHORT = "C26 Data Eng"
DEFAULT_COUNT = 5


def main(argv: Sequence[str] | None = None) -> int:
    return main_for(COHORT, DEFAULT_COUNT, argv)


if __name__ == "__main__":
    sys.exit(main())
