"""Is a versions folder's sub-folder one the project asks Alembic to read?

Alembic reads only the top of each version location, unless the ini says
``recursive_version_locations = true`` or the project lists the sub-folder in
``version_locations`` (in the ini, or in code: zou's ``cli.py`` adds ``versions/legacy``,
prefect's configuration names ``versions/postgresql``). A sub-folder holding a chain of
its own that nothing in the project names (CAPEv2's ``versions/Deprecated/``) is never
run, so it is no chain to review.
"""

from __future__ import annotations

import re
from pathlib import Path

from dbkit import project
from dbkit.errors import OutsideFolder

FILE_LIMIT = 2000  # files read at most, looking for the name
SIZE_LIMIT = 1 << 20


def named_by_project(sub: str, top: Path, versions: Path) -> bool:
    """True when a string in a .py or .ini file under ``top`` (outside ``versions``) names
    the sub-folder ``sub``: the string is the name, or a path with it as one part."""
    quoted = re.compile(r"""["'](?:[^"'\n]*[/\\])?""" + re.escape(sub)
                        + r"""(?:[/\\][^"'\n]*)?["']""")
    in_ini = re.compile(r"(?:^|[\s/\\,:;=])" + re.escape(sub) + r"(?:$|[\s/\\,:;])",
                        re.MULTILINE)
    versions = versions.resolve()
    count = 0
    for folder in project.python_folders(top) + [top]:
        real = folder.resolve()
        if real == versions or versions in real.parents:
            continue
        for path in sorted(folder.glob("*.py")) + sorted(folder.glob("*.ini")):
            count += 1
            if count > FILE_LIMIT:
                return False
            text = _text(path, top)
            if (in_ini if path.suffix == ".ini" else quoted).search(text):
                return True
    return False


def _text(path: Path, top: Path) -> str:
    try:
        if not path.is_file() or path.stat().st_size > SIZE_LIMIT:
            return ""
        return project.inside(path, top).read_text(encoding="utf-8", errors="replace")
    except (OSError, OutsideFolder):
        return ""
