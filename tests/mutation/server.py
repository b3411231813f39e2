"""One throwaway PostgreSQL for a whole ``make mutate`` session (run with the project's venv).

    .venv/bin/python tests/mutation/server.py SPEC_FILE

Starts a throwaway server (free port, the suite's settings, as tests/conftest.py does),
writes its address to SPEC_FILE (mode 600; tests/conftest.py reads it through
DBKIT_TEST_SERVER), prints ``ready`` and serves until its standard input closes (the
session ended, or was killed): then it stops the server and removes it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project, beside dbkit/

from dbkit.pg.server import throwaway_server  # noqa: E402


def main(spec_file: str) -> int:
    server = throwaway_server()
    try:
        spec = {"home": str(server.home), "port": server.port, "user": server.user,
                "password": server.password, "database": server.database}
        fd = os.open(spec_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump(spec, out)
        print("ready", flush=True)
        sys.stdin.read()  # until the session closes it (or dies)
    finally:
        server.remove()
        Path(spec_file).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
