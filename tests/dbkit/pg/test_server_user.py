"""The unprivileged user PostgreSQL runs as, made once even when several processes ask at once."""

from __future__ import annotations

import os
import pwd
import secrets
import subprocess
import sys
import time

import pytest

from dbkit.system import system_tool

RACERS = 6

# As `pytest -n 2` does on a new machine: every worker starts its server at the same moment.
_ASK = """
import os, sys, time
from dbkit.pg import server
server.SERVER_USER = sys.argv[1]
while not os.path.exists(sys.argv[2]):
    time.sleep(0.001)
print(server.server_user().pw_uid)
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="only root makes the server's user")
def test_processes_racing_to_make_the_server_user_all_get_the_one_that_exists(tmp_path):
    name = f"dbkit-race-{secrets.token_hex(3)}"
    start = tmp_path / "start"
    try:
        racers = [subprocess.Popen([sys.executable, "-c", _ASK, name, str(start)], text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                  for _ in range(RACERS)]
        time.sleep(1)  # every racer imported and waiting
        start.touch()
        results = [racer.communicate(timeout=60) for racer in racers]
        uid = pwd.getpwnam(name).pw_uid  # the entry left in /etc/passwd
        assert [(racer.returncode, out.strip()) for racer, (out, _) in zip(racers, results, strict=True)] \
            == [(0, str(uid))] * RACERS, [err for _, err in results]
    finally:
        subprocess.run([system_tool("userdel"), name], capture_output=True)
