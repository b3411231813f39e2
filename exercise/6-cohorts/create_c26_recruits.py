"""Situation 1 step 6: five random C26 recruits.

Run from the project root once `python -m dbkit step` has laid this moment out in
exercise/work (next to that moment's models.py and migrations):

    DBKIT_ENV_DIR=exercise/work ENV=dev python exercise/work/create_c26_recruits.py --seed 26
"""

import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(1, str(HERE.parents[1]))  # the project root, for dbkit (models.py is here)

from dbkit.cli.seed import main_for  # noqa: E402

COHORT = "C26 Data Eng"
DEFAULT_COUNT = 5


def main(argv: Sequence[str] | None = None) -> int:
    return main_for(COHORT, DEFAULT_COUNT, argv, chain=HERE)


if __name__ == "__main__":
    sys.exit(main())
