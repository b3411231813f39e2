"""Step 3 of the exercise: add recruits to the first cohort.

    python create_recruits.py                  # ENV unset: the dev database
    ENV=prod python create_recruits.py --seed 42 --count 10
"""

import sys
from collections.abc import Sequence

from dbkit.cli.seed import main_for

COHORT = "C25 Data Eng"
DEFAULT_COUNT = 10


def main(argv: Sequence[str] | None = None) -> int:
    return main_for(COHORT, DEFAULT_COUNT, argv)


if __name__ == "__main__":
    sys.exit(main())
