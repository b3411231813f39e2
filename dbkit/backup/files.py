"""The backups folder: names, listing, pruning, and ``.partial`` files left by killed runs."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dbkit.errors import BackupFailed, ConfigError

# What a backup is of: an environment, or the rehearsal of prod that `python -m dbkit step`
# makes (a database on the prod server, ``ENV=prod``, but never counted as prod: its
# backups are named, listed and pruned apart, so they never push a prod backup out).
KINDS = ("dev", "prod", "rehearsal")
REHEARSAL = "rehearsal"
NAME = re.compile(r"^(?P<env>dev|prod|rehearsal)-(?P<time>\d{8}T\d{6}Z)-(?P<what>.+)\.dump$")
PARTIAL = re.compile(r"^\.(?P<final>.+\.dump)\.(?P<pid>\d+)\.partial$")
DEFAULT_KEEP = 10


def backup_dir() -> Path:
    from dbkit.database import PROJECT_ROOT

    return Path(os.environ.get("DBKIT_BACKUP_DIR") or PROJECT_ROOT / "backups")


def ensure_dir(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupFailed(f"backup failed, nothing was changed: cannot create {folder}: "
                           f"{exc.strerror}") from None


def keep_from_environment() -> int:
    """How many backups to keep per environment: ``DBKIT_BACKUP_KEEP``, default 10."""
    text = os.environ.get("DBKIT_BACKUP_KEEP", "").strip()
    if not text:
        return DEFAULT_KEEP
    return keep_count(text, "DBKIT_BACKUP_KEEP")


def keep_count(text: str, where: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 10_000:
        raise ConfigError(setting=where, must="be a whole number from 1 to 10000", value=text[:20])
    return int(text)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    env: str
    taken_at: datetime
    what: str


def listing(folder: Path | None = None) -> list[BackupFile]:
    """The backups in ``folder``, oldest first; files named otherwise are not ours."""
    folder = folder or backup_dir()
    found = []
    for path in sorted(folder.glob("*.dump")) if folder.is_dir() else []:
        match = NAME.match(path.name)
        if match:
            try:
                taken = datetime.strptime(match["time"], "%Y%m%dT%H%M%SZ")
            except ValueError:  # not a time: not a name we gave
                continue
            taken = taken.replace(tzinfo=UTC)
            found.append(BackupFile(path, match["env"], taken, match["what"]))
    return sorted(found, key=lambda b: (b.taken_at, b.path.stat().st_mtime_ns, b.path.name))


def prune(env: str, keep: int, spare: Path, folder: Path | None = None) -> list[Path]:
    """Delete the oldest backups of ``env`` (a :data:`KINDS` name) beyond the newest ``keep``;
    never ``spare``, never one of another kind, nor the backup pinned by an operation that
    has not finished (:func:`pin_first`)."""
    held = pinned(folder)
    mine = [b.path for b in listing(folder)
            if b.env == env and b.path != spare and b.path not in held]
    doomed = mine[:max(0, len(mine) - (keep - 1))]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def latest(kind: str, folder: Path | None = None) -> BackupFile:
    """The newest backup of ``kind``; :class:`ConfigError` if there is none."""
    mine = [b for b in listing(folder) if b.env == kind]
    if not mine:
        raise ConfigError(f"no {kind} backup in {folder or backup_dir()}: `python -m dbkit "
                          "backups` lists what there is")
    return mine[-1]


# -- the backup before the first attempt of an operation that has not finished -----------------
# An interrupted prod upgrade, run again, takes a backup at each try; the one that matters
# is the first (taken before anything changed). It is pinned until an operation completes.

def pin_file(env: str, folder: Path | None = None) -> Path:
    return (folder or backup_dir()) / f".{env}-pinned"


def pin_first(env: str, path: Path, folder: Path | None = None) -> Path:
    """Pin ``path`` unless an earlier backup of ``env`` is pinned already (then that one
    stays pinned: it was taken before the first attempt). The pinned backup."""
    pin = pin_file(env, folder)
    held = pin.parent / pin.read_text().strip() if pin.is_file() else None
    if held is not None and held.is_file():
        return held
    descriptor = os.open(pin, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as stream:
        stream.write(path.name + "\n")
    return path


def unpin(env: str, folder: Path | None = None) -> None:
    """The operation finished: its first backup is an ordinary one again."""
    pin_file(env, folder).unlink(missing_ok=True)


def pinned(folder: Path | None = None) -> set[Path]:
    folder = folder or backup_dir()
    held = set()
    for env in ("dev", "prod"):
        pin = pin_file(env, folder)
        if pin.is_file():
            name = pin.read_text().strip()
            if NAME.match(name):  # a name of ours, in this folder: never a path elsewhere
                held.add(folder / name)
    return held


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove ``.partial`` files whose process is gone (a killed backup); the ones removed."""
    removed = []
    for path in folder.glob(".*.partial") if folder.is_dir() else []:
        match = PARTIAL.match(path.name)
        if match and not pid_alive(int(match["pid"])):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def human_size(size: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"
