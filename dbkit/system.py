"""This machine's own tools, found where a root shell's PATH may not look.

``useradd`` and ``userdel`` live in /usr/sbin, which ``su`` without ``-`` or ``env -i
PATH=/usr/bin:/bin`` leave out of the PATH: dbkit makes the users PostgreSQL and the
sandbox run as with them, so it looks there too.
"""

from __future__ import annotations

import os
import shutil

_SBIN = ("/usr/sbin", "/sbin")


def system_tool(name: str) -> str:
    """The path of the tool ``name`` on the PATH or in /usr/sbin and /sbin; ``name`` itself
    when none has it (running it then fails with the OS's own "not found")."""
    return shutil.which(name, path=os.pathsep.join([os.environ.get("PATH", ""), *_SBIN])) or name
