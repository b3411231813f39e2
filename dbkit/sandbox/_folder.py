"""The sandbox's folder on the host, files copied in without following links, and reclaiming.

``<tmp>/dbkit-sandbox-XXXX/`` holds ``owner`` (the pid and start time of the process that made
it), ``lib/`` (read-only inside: a copy of the ``dbkit`` package and ``inputs/``, the files
given) and ``etc/`` (the ``passwd`` and ``group`` the sandbox sees). A folder whose owner is
gone (a ``review --run`` killed with SIGKILL) is removed by the next sandbox that starts
(:mod:`dbkit.state.owner`).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from dbkit import project
from dbkit.errors import DbkitError, OutsideFolder
from dbkit.state.owner import claim, owner_gone

PREFIX = "dbkit-sandbox-"
DBKIT_PACKAGE = Path(__file__).resolve().parents[1]
MAX_INPUT_BYTES = 64 * 1024 * 1024


class NotCopied(DbkitError):
    """A file that is not copied into the sandbox (a link, not a regular file, too big)."""


def reclaim(prefix: str = PREFIX) -> list[Path]:
    """Remove the sandbox folders whose owner is gone; the ones removed."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(prefix + "*"):
        if folder.is_dir() and not folder.is_symlink() and owner_gone(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def read_regular_file(path: Path, within: Path | None = None) -> bytes:
    """The bytes of ``path``, never through a symbolic link, never a FIFO or device.

    ``within``: the reviewed folder; a file whose real path leaves it is refused too (a
    link in a folder above the file). Raises NotCopied with the reason.
    """
    path = Path(path)
    if path.is_symlink():
        raise NotCopied(f"{path.name} is a symbolic link (to {path.readlink()}): not read")
    try:
        project.inside(path, within)
    except OutsideFolder:
        raise NotCopied(f"{path.name} is reached through a link out of {within}: not read") from None
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise NotCopied(f"{path.name} cannot be read: {exc.strerror}") from None
    with os.fdopen(descriptor, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotCopied(f"{path.name} is not a regular file: not read")
        if info.st_nlink > 1:
            raise NotCopied(f"{path.name} has {info.st_nlink} hard links (one may be a secret "
                            "elsewhere): not read")
        if info.st_size > MAX_INPUT_BYTES:
            raise NotCopied(f"{path.name} is larger than {MAX_INPUT_BYTES >> 20} MB: not read")
        return f.read(MAX_INPUT_BYTES + 1)[:MAX_INPUT_BYTES]


class Folder:
    """One sandbox's folder: made on enter, removed on exit."""

    def __init__(self, files: Sequence[Path] = (), within: Path | None = None,
                 identity: tuple[int, int, str] | None = None) -> None:
        self.files = [Path(f) for f in files]
        self.within = within
        self.identity = identity

    def __enter__(self) -> Folder:
        reclaim()
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        claim(self.root)
        self.root.chmod(0o711)
        self.lib = self.root / "lib"
        self.work = self.root / "work"  # the code's own folder when there is no bubblewrap
        self.etc = self.root / "etc"
        shutil.copytree(DBKIT_PACKAGE, self.lib / "dbkit",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        (self.lib / "inputs").mkdir()
        for path in (self.lib, *self.lib.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        self.etc.mkdir(mode=0o755)
        users = ["root:x:0:0:root:/root:/usr/sbin/nologin"]
        groups = ["root:x:0:"]
        if self.identity is not None:
            uid, gid, name = self.identity
            users.append(f"{name}:x:{uid}:{gid}:{name}:/tmp:/usr/sbin/nologin")
            groups.append(f"{name}:x:{gid}:")
        elif os.geteuid() != 0:
            users.append(f"user:x:{os.geteuid()}:{os.getegid()}:user:/tmp:/usr/sbin/nologin")
        (self.etc / "passwd").write_text("\n".join(users) + "\n")
        (self.etc / "group").write_text("\n".join(groups) + "\n")
        for path in self.etc.iterdir():
            path.chmod(0o644)
        self.copies: list[str | NotCopied] = []  # each file's copy below lib/, or why not
        self.add(self.files)
        self.work.mkdir(mode=0o700)
        if self.identity is not None:
            os.chown(self.work, self.identity[0], self.identity[1])
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def add(self, files: Sequence[Path]) -> list[int]:
        """Copy more files in (read-only); each one's index for ``job["file"]``. A file that
        is not copied (a link, a FIFO, ...) has an index too, which fails with the reason."""
        indices: list[int] = []
        for path in files:
            indices.append(len(self.copies))
            try:
                content = read_regular_file(Path(path), self.within)
            except NotCopied as exc:
                self.copies.append(exc)
                continue
            relative = Path("inputs") / f"{len(self.copies):04d}" / Path(path).name
            copy = self.lib / relative
            copy.parent.mkdir(mode=0o755)
            copy.write_bytes(content)
            copy.chmod(0o644)
            self.copies.append(str(relative))
        return indices
