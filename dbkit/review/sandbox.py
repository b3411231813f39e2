"""Run untrusted code (a learner's revisions) away from the user: the reviewer's sandbox.

Each batch of jobs runs in a separate Python process that

- starts with a clean environment (no ``DATABASE_URL``, no ``PG*`` variables, ``HOME`` and
  ``TMPDIR`` in its own empty folder) in isolated mode (``python -I -B``: no user site, no
  ``PYTHON*`` variables, neither the current folder nor the reviewed repository on
  ``sys.path``);
- sees only a read-only copy of the files it is given (a revision file, never the
  repository's ``models.py`` or ``env.py``) and a copy of the ``dbkit`` package; Alembic and
  SQLAlchemy come from the installed environment;
- when we are root, gives up root for the unprivileged system user ``dbkit-sandbox``
  (``setgroups([])``, ``setgid``, ``setuid``) *before* any of those files is read, so the
  learner's code never runs as the user. Only our own worker module and the libraries it
  needs are imported before that, because the interpreter may live where that user cannot
  read (``/root/.pyenv``). It is not the ``dbkit`` user of the servers: code run as that
  user could read or stop the dev and prod clusters;
- has a time limit per job and one for the whole batch, and is killed with its whole
  process group when it runs over, exits, or is done.

A job that hangs, crashes the process or exits gets a :class:`Failed` outcome with the
reason; the remaining jobs go on in a fresh process.
"""

from __future__ import annotations

import functools
import json
import os
import pwd
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dbkit.errors import DbkitError

SANDBOX_USER = "dbkit-sandbox"
STARTUP_TIMEOUT_S = 30.0
FILE_SIZE_LIMIT = 256 * 1024 * 1024
DBKIT_PACKAGE = Path(__file__).resolve().parents[1]

# Runs as root (when we are root) until drop() returns: only our own, copied code.
_BOOTSTRAP = ("import sys; sys.path.insert(0, sys.argv[1]); "
              "from dbkit.review import sandbox; sandbox._child()")


@dataclass(frozen=True)
class Failed:
    """A job the sandbox could not finish: ``reason`` says why (timed out, exited, ...)."""

    reason: str


Outcome = dict | Failed


@dataclass(frozen=True)
class Identity:
    uid: int
    gid: int
    name: str


@functools.lru_cache(maxsize=1)
def sandbox_identity() -> Identity | None:
    """The unprivileged user jobs run as when we are root (created on first use); None if not root."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(SANDBOX_USER)
    except KeyError:
        try:
            subprocess.run(["useradd", "--system", "--no-create-home", "--user-group",
                            "--shell", "/usr/sbin/nologin", SANDBOX_USER],
                           check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError):
            raise DbkitError(
                f"the reviewer runs learners' code as the user {SANDBOX_USER!r}, which could not "
                f"be created: create it (`useradd --system --user-group {SANDBOX_USER}`) or run "
                f"the review as a normal user") from None
        entry = pwd.getpwnam(SANDBOX_USER)
    return Identity(entry.pw_uid, entry.pw_gid, entry.pw_name)


def runs_as() -> str:
    """Who the sandboxed code runs as, in words (for warnings and the README)."""
    identity = sandbox_identity()
    if identity is None:
        return f"the current user ({pwd.getpwuid(os.geteuid()).pw_name}: not root, so no switch)"
    return f"the unprivileged user {identity.name!r}"


def run_jobs(worker: str, jobs: Sequence[dict], *, job_timeout_s: float, total_timeout_s: float,
             files: Sequence[Path] = ()) -> list[Outcome]:
    """Run ``worker.handle(job)`` for each job in the sandbox; one outcome per job, in order.

    ``worker`` is a module of the ``dbkit`` package (``dbkit.review.render``). ``files`` are
    copied in read-only; a job refers to one by its index: ``job["file"] = i`` becomes the path
    of the copy. An outcome is the dict ``handle`` returned, or :class:`Failed`. All jobs run
    in one process, unless one of them ends it (then a fresh one takes the rest).
    """
    with Session(worker, files, total_timeout_s=total_timeout_s) as session:
        return [session.call(job, job_timeout_s) for job in jobs]


class Session:
    """One sandbox process (restarted after a job ends it) taking jobs one at a time.

    For callers that do their own work between jobs (``--run`` inserts rows and compares
    values between a learner's revisions).
    """

    def __init__(self, worker: str, files: Sequence[Path] = (), *, total_timeout_s: float) -> None:
        self.worker = worker
        self.folder = _Folder(files)
        self.total_timeout_s = total_timeout_s
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Session:
        self.folder.__enter__()
        self.deadline = time.monotonic() + self.total_timeout_s
        self.ready = False
        self._spawn()  # it imports its libraries while the caller prepares the first job
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()
        self.folder.__exit__()

    def add_files(self, files: Sequence[Path]) -> list[int]:
        """Copy more files in, for jobs from now on; their indices for ``job["file"]``."""
        return self.folder.add(files)

    def call(self, job: dict, timeout_s: float) -> Outcome:
        left = self.deadline - time.monotonic()
        over = Failed(f"the review's time limit of {self.total_timeout_s:g} s ran out before "
                      "this revision's turn")
        if left <= 0:
            return over
        if self.proc is None:
            self._spawn()
        if not self.ready:
            failure = self._await_ready()
            if failure is not None:
                return over if time.monotonic() >= self.deadline else failure
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps(self.folder.job(job)) + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return Failed(self._died("eof"))
        limit = min(timeout_s, self.deadline - time.monotonic())
        message = self.lines.next(limit)
        if isinstance(message, dict) and "ok" in message:
            if not message["ok"]:
                return Failed(str(message.get("error")))
            outcome = message.get("outcome")
            return outcome if isinstance(outcome, dict) else {"value": outcome}
        if message == "timeout":
            self._stop()
            if limit >= timeout_s:
                return Failed(f"timed out after {timeout_s:g} s")
            return Failed(f"stopped when the review's time limit of {self.total_timeout_s:g} s ran out")
        return Failed(self._died(message))

    def _spawn(self) -> None:
        identity = sandbox_identity()
        spec = {"worker": self.worker, "work": str(self.folder.work),
                "uid": identity.uid if identity else None,
                "gid": identity.gid if identity else None,
                "cpu_s": int(self.total_timeout_s) + 5}
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-B", "-c", _BOOTSTRAP, str(self.folder.lib)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            cwd=self.folder.work, env=_environment(self.folder.work), process_group=0,
            close_fds=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.lines = _Lines(self.proc.stdout.fileno())
        try:
            self.proc.stdin.write((json.dumps(spec) + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass

    def _await_ready(self) -> Failed | None:
        ready = self.lines.next(min(STARTUP_TIMEOUT_S, self.deadline - time.monotonic()))
        if isinstance(ready, dict) and ready.get("ready"):
            self.ready = True
            return None
        return Failed(f"the sandbox did not start ({self._died(ready)})")

    def _died(self, message: object) -> str:
        proc = self.proc
        assert proc is not None
        if message == "timeout":
            self._stop()
            return "timed out"
        try:
            code = proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        self.stderr.seek(0)
        tail = [line for line in self.stderr.read()[-4000:].decode(errors="replace").splitlines()
                if line.strip()][-1:]
        self._stop()
        said = f": {tail[0].strip()[:200]}" if tail else ""
        if code is not None and code < 0:
            return f"the process was killed by signal {-code}{said}"
        return f"the process exited with code {code}{said}"

    def _stop(self) -> None:
        proc, self.proc = self.proc, None
        self.ready = False
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        self.stderr.close()


class _Folder:
    """``root/lib`` (read-only: dbkit copy, the given files) and ``root/work`` (the child's own)."""

    def __init__(self, files: Sequence[Path]) -> None:
        self.files = [Path(f) for f in files]

    def __enter__(self) -> _Folder:
        self.root = Path(tempfile.mkdtemp(prefix="dbkit-sandbox-"))
        self.root.chmod(0o711)
        self.lib = self.root / "lib"
        self.work = self.root / "work"
        shutil.copytree(DBKIT_PACKAGE, self.lib / "dbkit",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        self.copies: list[Path] = []
        (self.lib / "inputs").mkdir()
        for path in (self.lib, *self.lib.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        self.add(self.files)
        self.work.mkdir(mode=0o700)
        identity = sandbox_identity()
        if identity is not None:
            os.chown(self.work, identity.uid, identity.gid)
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def add(self, files: Sequence[Path]) -> list[int]:
        """Copy more files in (read-only); their indices for ``job["file"]``."""
        indices = []
        for path in files:
            copy = self.lib / "inputs" / f"{len(self.copies):04d}" / Path(path).name
            copy.parent.mkdir(mode=0o755)
            shutil.copyfile(path, copy)
            copy.chmod(0o644)
            indices.append(len(self.copies))
            self.copies.append(copy)
        return indices

    def job(self, job: dict) -> dict:
        if "file" in job:
            return {**job, "file": str(self.copies[job["file"]])}
        return dict(job)


def _environment(work: Path) -> dict[str, str]:
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(work), "TMPDIR": str(work),
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


class _Lines:
    """JSON lines from a pipe, each with its own time limit."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.selector = selectors.DefaultSelector()
        self.selector.register(fd, selectors.EVENT_READ)

    def next(self, timeout_s: float) -> dict | str:
        """The next message, ``"timeout"`` or ``"eof"``."""
        end = time.monotonic() + max(timeout_s, 0)
        while b"\n" not in self.buffer:
            left = end - time.monotonic()
            if left <= 0 or not self.selector.select(left):
                return "timeout"
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                return "eof"
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            return "eof"
        return message if isinstance(message, dict) else "eof"


# --- the child side -----------------------------------------------------------------------------

# What a revision commonly imports, loaded before root is given up: the interpreter's own files
# may be unreadable for the unprivileged user (a Python under /root).
PRELOAD = (
    "abc", "argparse", "base64", "collections", "contextlib", "copy", "csv", "dataclasses",
    "datetime", "decimal", "enum", "fractions", "functools", "hashlib", "importlib.util",
    "itertools", "json", "logging", "math", "numbers", "operator", "os", "pathlib", "random",
    "re", "secrets", "string", "textwrap", "time", "traceback", "types", "typing", "uuid",
    "warnings", "zoneinfo", "encodings.idna", "sqlalchemy", "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.postgresql.psycopg2", "sqlalchemy.orm", "sqlalchemy.ext.declarative",
    "sqlalchemy.sql.expression", "sqlalchemy.types", "alembic", "alembic.op", "psycopg2",
    "psycopg2.extras", "psycopg2.extensions")


def _preload(extra: Sequence[str]) -> None:  # pragma: no cover  (sandbox process)
    import importlib

    for name in (*PRELOAD, *extra):
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _child() -> None:  # pragma: no cover  (runs in the sandbox process)
    import importlib
    import resource

    spec = json.loads(sys.stdin.readline())
    results = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever the learner's code prints goes to stderr, not to our answers
    worker = importlib.import_module(spec["worker"])
    _preload(getattr(worker, "PRELOAD", ()))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (spec["cpu_s"], spec["cpu_s"]))
    if spec["uid"] is not None:
        os.setgroups([])
        os.setgid(spec["gid"])
        os.setuid(spec["uid"])
        try:
            os.setuid(0)
        except PermissionError:
            pass
        else:
            raise SystemExit("could not give up root")
    os.chdir(spec["work"])
    results.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        job = json.loads(line)
        try:
            answer = {"ok": True, "outcome": worker.handle(job)}
        except BaseException as exc:  # a learner's file may do anything, even sys.exit()
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
            answer = {"ok": False, "error": reason}
        results.write(json.dumps(answer, default=str) + "\n")
    results.flush()
    os._exit(0)
