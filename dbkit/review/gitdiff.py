"""``--diff-base REF``: the files added or changed since a git ref (working tree included).

"Since" counts from where this branch left REF (``git merge-base REF HEAD``), so
``--diff-base main`` on a feature branch reports that branch's revisions only,
however far main has moved on.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from dbkit.errors import ConfigError


def _git(folder: Path, *args: str) -> str:
    git = shutil.which("git")
    if git is None:
        raise ConfigError("--diff-base needs git, which is not installed")
    result = subprocess.run([git, "-C", str(folder), *args], capture_output=True, text=True,
                            timeout=60)
    if result.returncode != 0:
        raise ConfigError(f"git {args[0]} failed in {folder}: "
                          f"{(result.stderr or result.stdout).strip().splitlines()[0:1]}")
    return result.stdout


def changed_since(path: Path, ref: str) -> set[Path]:
    """Files under git at ``path`` added, copied, modified or renamed since ``ref``, and new
    untracked ones. ConfigError when ``path`` is not in a git repository or ``ref`` unknown."""
    folder = path if path.is_dir() else path.parent
    top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    check = subprocess.run([shutil.which("git") or "git", "-C", str(folder), "rev-parse",
                            "--verify", "--quiet", f"{ref}^{{commit}}"],
                           capture_output=True, text=True, timeout=60)
    if check.returncode != 0:
        raise ConfigError(f"--diff-base {ref}: not a commit of the git repository at {top}")
    base = _git(top, "merge-base", ref, "HEAD").strip() or ref  # the branch point
    changed = _git(top, "diff", "--name-only", "--diff-filter=ACMR", base, "--").splitlines()
    changed += _git(top, "ls-files", "--others", "--exclude-standard").splitlines()
    return {(top / name).resolve() for name in changed if name}
