#!/bin/sh
# pre-commit's entry for the dbkit-review hook (.pre-commit-hooks.yaml): the
# reviewer of this checkout on the staged revision files, from the caller's folder.
here=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec "${PYTHON:-python3}" -m dbkit review "$@"
