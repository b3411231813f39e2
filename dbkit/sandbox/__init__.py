"""Run untrusted code (a learner's revisions, their tests) away from the user: the sandbox.

The contract, for every caller (the reviewer's rendering and ``review --run``, ``grade``):

**Isolation** by bubblewrap (``bwrap``, Debian's ``bubblewrap``): new PID, network, IPC and UTS
namespaces (and a user namespace when we are not root), ``--die-with-parent``, a new session.
What the code sees:

- ``/usr`` and the system's library folders, read-only; ``/etc`` holds only ``passwd`` and
  ``group`` (root and the sandbox's user), ``ld.so.cache`` and ``localtime``;
- the Python runtime that runs it (``python=``, default ours) and its environment
  (virtualenv and site-packages), read-only; a copy of the ``dbkit`` package at ``/sandbox``;
- the files given to a :class:`Session`, **copied** read-only to ``/sandbox/inputs`` without
  ever following a link (a symbolic link, a FIFO, a file with other hard links is refused
  with the reason, as the job's :class:`Failed` outcome); the folders given to :func:`run` as
  ``mounts_ro``, read-only, at the same path (a link in them resolves inside the sandbox,
  where nothing of the user's is);
- a private ``/tmp`` and ``/dev/shm`` (tmpfs, emptied after each job, gone afterwards), no
  ``/var/tmp``, no home: ``HOME`` and ``TMPDIR`` are ``/tmp``, the environment is clean (no
  ``DATABASE_URL``, no ``PG*``);
- **no network** at all: not 127.0.0.1, so no local server (dev, prod) is reachable. With
  ``network=<folder>`` (the throwaway server's Unix socket folder, ``Server.socket_dir``)
  that one folder is mounted at ``/run/dbkit-pg``: connect with ``host=/run/dbkit-pg``
  (:attr:`Session.database_host`).

**Who**: when we are root, each job gives up root for the unprivileged system user
``dbkit-sandbox`` (``setgroups([])``, ``setgid``, ``setuid``; made on first use), inside the
namespaces; otherwise it runs as the current user inside a user namespace.

**Limits** (:class:`Limits`, per job): address space (``memory``), processes (when root: the
sandbox user's), file size, CPU seconds, and wall-clock ``seconds`` after which the job and
everything it started are killed.

**Answers** come back on a channel the code cannot write: the sandbox's first process (PID 1,
our code, not dumpable) holds the pipe to us; each job runs in a process forked from it that
closes every inherited descriptor but its own answer pipe before the code runs, so a job can
only ever give its own answer. After each job every other process in the namespace is
killed (a daemon's ``fork``/``setsid``/``fork`` included), and when the sandbox ends the
kernel kills whatever is left in it. Text from inside (an exception, stderr) is masked
(``dbkit.errors.mask_password``) before it is returned.

**Nothing left behind**: the sandbox's folder on the host (``<tmp>/dbkit-sandbox-*``) names
its owner's pid; the next sandbox removes those whose owner is gone (a SIGKILLed review).

**Without bubblewrap** the sandbox refuses (:class:`SandboxUnavailable`, one line saying how to
install it) unless :func:`allow_unsafe` was called (``review --unsafe-no-sandbox``): then the
code runs in a plain process, as ``dbkit-sandbox`` when root, with the same limits but without
namespaces.

The API:

- :func:`run` (``argv`` or Python code) -> :class:`Result` (``returncode``, ``answer``: its
  stdout, ``stderr_tail``, ``timed_out``): one program, e.g. a grader's test run;
- :class:`Session` (``worker`` module, ``files``, ``network``, ``limits``, ``python``):
  ``call(job, timeout_s)`` runs ``worker.handle(job)`` in a fresh process and returns its
  dict, or :class:`Failed` with the reason; :func:`run_jobs` for a batch.
"""

from __future__ import annotations

import contextlib
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
from dataclasses import asdict, dataclass
from pathlib import Path

from dbkit.errors import DbkitError
from dbkit.masking import mask_password
from dbkit.sandbox._bwrap import INSTALL_HINT, LIB_INSIDE, SOCKET_INSIDE, argv_for, probe
from dbkit.sandbox._folder import Folder, NotCopied, read_regular_file, reclaim
from dbkit.system import system_tool

__all__ = ["INSTALL_HINT", "SOCKET_INSIDE", "DbkitError", "Failed", "Limits", "NotCopied",
           "Outcome", "Result", "SandboxUnavailable", "Session", "allow_unsafe", "available",
           "describe_python", "read_regular_file", "reclaim", "run", "run_jobs", "runs_as",
           "sandbox_identity"]

SANDBOX_USER = "dbkit-sandbox"
STARTUP_TIMEOUT_S = 30.0
GRACE_S = 5.0  # over a job's own limit, before we stop waiting for the sandbox itself
_SERVE = ("import sys; sys.path.insert(0, sys.argv[1]); "
          "from dbkit.sandbox import _child; _child.serve()")
_LAUNCH = ("import sys; sys.path.insert(0, sys.argv[1]); "
           "from dbkit.sandbox import _child; _child.launch()")

# What a revision commonly imports, loaded before root is given up (and before each job is
# forked: once per session, not once per revision).
PRELOAD = (
    "abc", "argparse", "base64", "collections", "contextlib", "copy", "csv", "ctypes",
    "dataclasses", "datetime", "decimal", "enum", "fractions", "functools", "hashlib",
    "importlib.util", "itertools", "json", "logging", "math", "numbers", "operator", "os",
    "pathlib", "random", "re", "secrets", "shutil", "string", "textwrap", "time", "traceback",
    "types", "typing", "uuid", "warnings", "zoneinfo", "encodings.idna", "sqlalchemy",
    "sqlalchemy.dialects.postgresql", "sqlalchemy.dialects.postgresql.psycopg2",
    "sqlalchemy.orm", "sqlalchemy.ext.declarative", "sqlalchemy.sql.expression",
    "sqlalchemy.types", "alembic", "alembic.op", "psycopg2", "psycopg2.extras",
    "psycopg2.extensions")


class SandboxUnavailable(DbkitError):
    """bubblewrap is missing or does not work here, and unsafe runs were not allowed."""


@dataclass(frozen=True)
class Limits:
    """Per job: bytes of address space, processes, bytes per file, wall-clock seconds."""

    memory: int = 1024 * 1024 * 1024
    processes: int = 64
    file_size: int = 64 * 1024 * 1024
    seconds: float = 30.0

    def as_spec(self, seconds: float | None = None) -> dict:
        wall = self.seconds if seconds is None else seconds
        spec = asdict(self)
        spec["cpu_seconds"] = int(wall) + 2
        if os.geteuid() != 0:  # RLIMIT_NPROC would count every process of the user's
            spec["processes"] = None
        return spec


@dataclass(frozen=True)
class Result:
    """What :func:`run` gives back: the code's stdout is its ``answer``."""

    returncode: int | None
    answer: str
    stderr_tail: str
    timed_out: bool


@dataclass(frozen=True)
class Failed:
    """A job the sandbox could not finish: ``reason`` says why (timed out, exited, ...)."""

    reason: str


Outcome = dict | Failed

_unsafe = False


def allow_unsafe(allowed: bool = True) -> None:
    """Run untrusted code without bubblewrap when it is missing (``--unsafe-no-sandbox``)."""
    global _unsafe
    _unsafe = allowed


def available() -> bool:
    """True when untrusted code runs under bubblewrap here."""
    return probe() is None


def _use_bwrap() -> bool:
    problem = probe()
    if problem is None:
        return True
    if _unsafe:
        return False
    raise SandboxUnavailable(problem)


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
            subprocess.run([system_tool("useradd"), "--system", "--no-create-home", "--user-group",
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
    where = "in a bubblewrap sandbox" if available() else "WITHOUT a sandbox (--unsafe-no-sandbox)"
    if identity is None:
        return (f"the current user ({pwd.getpwuid(os.geteuid()).pw_name}: not root, so no "
                f"switch), {where}")
    return f"the unprivileged user {identity.name!r}, {where}"


def _environment(home: str) -> dict[str, str]:
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TMPDIR": home,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def _checked_mounts(mounts: Sequence[Path]) -> list[Path]:
    checked = []
    for mount in mounts:
        path = Path(mount)
        if path.is_symlink() or not path.exists():
            raise DbkitError(f"{path} is a symbolic link or does not exist: not mounted in the "
                             "sandbox")
        checked.append(path.absolute())
    return checked


_DESCRIBE = ("import importlib.util, json, sys\n"
             "found = {}\n"
             "for name in sys.argv[1:]:\n"
             "    try:\n"
             "        found[name] = importlib.util.find_spec(name) is not None\n"
             "    except (ImportError, ValueError):\n"
             "        found[name] = False\n"
             "print(json.dumps({'dbkit-python': list(sys.version_info[:3]), 'found': found}))\n")


def describe_python(python: str | Path, modules: Sequence[str] = ()) -> tuple[tuple[int, ...],
                                                                             dict[str, bool]]:
    """The version of the interpreter at ``python`` and which of ``modules`` it can import,
    asked in the sandbox (the interpreter and its environment mounted read-only, as a
    :class:`Session` would mount them). Raises DbkitError, one line, when ``python`` does not
    exist, is not an executable file, or does not answer as a Python interpreter."""
    path = Path(python)
    if not path.exists():
        raise DbkitError(f"{python}: no such file")
    if not path.is_file() or not os.access(path, os.X_OK):
        raise DbkitError(f"{python} is not an executable file")
    code = _DESCRIBE.replace("sys.argv[1:]", repr(list(modules)))
    try:
        result = run(code, python=path.absolute(), limits=Limits(seconds=30.0))
    except OSError as exc:
        raise DbkitError(f"{python} does not run: {exc.strerror}") from None
    answer: object = None
    with contextlib.suppress(ValueError):
        answer = json.loads(result.answer.strip().splitlines()[-1] if result.answer.strip()
                            else "")
    if not isinstance(answer, dict) or not isinstance(answer.get("dbkit-python"), list):
        raise DbkitError(f"{python} is not a Python interpreter (it did not answer `-c CODE` "
                         f"as one: exit code {result.returncode})")
    found = answer.get("found")
    if not isinstance(found, dict):
        found = {}
    return tuple(int(n) for n in answer["dbkit-python"]), {m: bool(found.get(m)) for m in modules}


def run(command: Sequence[str] | str, *, mounts_ro: Sequence[Path] = (),
        workdir: str | Path = "/tmp", network: Path | None = None, limits: Limits = Limits(),
        python: str | Path | None = None, stdin: bytes = b"",
        max_answer_bytes: int = 16 * 1024 * 1024) -> Result:
    """Run one program in the sandbox: ``command`` is an argv, or Python code (a ``str``) run
    by ``python`` (default: ours) as ``python -I -B -c CODE``.

    ``mounts_ro``: host folders or files seen read-only at the same path; ``workdir``: the
    folder it starts in (``/tmp``, private, or one of ``mounts_ro``); ``network``: the
    throwaway server's socket folder (``host=/run/dbkit-pg``), else no network at all.
    The answer is its stdout (at most ``max_answer_bytes``); ``timed_out`` when it ran past
    ``limits.seconds`` (then it and everything it started were killed).
    """
    python = str(python or sys.executable)
    argv = [python, "-I", "-B", "-c", command] if isinstance(command, str) else list(command)
    if not argv:
        raise DbkitError("nothing to run in the sandbox")
    bwrap = _use_bwrap()
    identity = sandbox_identity()
    mounts = _checked_mounts(mounts_ro)
    with Folder(identity=(identity.uid, identity.gid, identity.name) if identity else None) \
            as folder:
        home = "/tmp" if bwrap else str(folder.work)
        if not Path(argv[0]).is_absolute():
            argv[0] = shutil.which(argv[0], path=_environment(home)["PATH"]) or argv[0]
        spec = {"argv": argv, "env": _environment(home),
                "uid": identity.uid if identity else None,
                "gid": identity.gid if identity else None,
                "limits": limits.as_spec(), "cwd": str(workdir) if bwrap else
                (str(workdir) if str(workdir) != "/tmp" else home)}
        lib = LIB_INSIDE if bwrap else str(folder.lib)
        inner = [python, "-I", "-B", "-c", _LAUNCH, lib]
        full = [*argv_for(folder, python, network, mounts), "--", *inner] if bwrap else inner
        environ = {**_environment(home), "DBKIT_SANDBOX_SPEC": json.dumps(spec)}
        proc = subprocess.Popen(full, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=environ, process_group=0,
                                close_fds=True, cwd="/" if bwrap else folder.work)
        out, err, timed_out = _collect(proc, stdin, limits.seconds, max_answer_bytes)
        if timed_out:
            _kill_group(proc)
        code = proc.wait()
        if not bwrap:
            _kill_group(proc)
    tail = err[-4000:].decode(errors="replace")
    return Result(None if timed_out else code, out.decode(errors="replace"),
                  mask_password(tail), timed_out)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _collect(proc: subprocess.Popen, stdin: bytes, seconds: float,
             cap: int) -> tuple[bytes, bytes, bool]:
    """stdout (up to ``cap``), the end of stderr, and whether ``seconds`` ran out."""
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        proc.stdin.write(stdin)
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass
    out, err = bytearray(), bytearray()
    end = time.monotonic() + seconds
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ, out)
        selector.register(proc.stderr, selectors.EVENT_READ, err)
        while selector.get_map():
            left = end - time.monotonic()
            if left <= 0:
                return bytes(out), bytes(err), True
            for key, _ in selector.select(left):
                chunk = os.read(key.fd, 1 << 16)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                buffer = key.data
                buffer += chunk
                if buffer is err and len(err) > 65536:
                    del err[:-65536]
                if buffer is out and len(out) > cap:
                    del out[cap:]
    return bytes(out), bytes(err), False


def run_jobs(worker: str, jobs: Sequence[dict], *, job_timeout_s: float, total_timeout_s: float,
             files: Sequence[Path] = (), network: Path | None = None,
             python: str | Path | None = None, mounts_ro: Sequence[Path] = ()) -> list[Outcome]:
    """Run ``worker.handle(job)`` for each job in the sandbox; one outcome per job, in order.

    ``worker`` is a module of the ``dbkit`` package (``dbkit.review.render``). ``files`` are
    copied in read-only; a job refers to one by its index: ``job["file"] = i`` becomes the path
    of the copy. ``python``: the interpreter (default ours), its environment mounted read-only.
    An outcome is the dict ``handle`` returned, or :class:`Failed`.
    """
    with Session(worker, files, total_timeout_s=total_timeout_s, network=network,
                 python=python, mounts_ro=mounts_ro) as session:
        return [session.call(job, job_timeout_s) for job in jobs]


class Session:
    """One sandbox taking jobs one at a time, each in a fresh process forked inside it.

    For callers that do their own work between jobs (``--run`` inserts rows and compares
    values between a learner's revisions). ``network``: the socket folder of the throwaway
    server the jobs may reach (:attr:`database_host` is the ``host=`` to give them);
    ``mounts_ro``: host folders the jobs see read-only at the same path (a project's
    ``prepend_sys_path`` folders under ``review --python``).
    """

    def __init__(self, worker: str, files: Sequence[Path] = (), *, total_timeout_s: float,
                 network: Path | None = None, limits: Limits = Limits(),
                 python: str | Path | None = None, within: Path | None = None,
                 mounts_ro: Sequence[Path] = ()) -> None:
        self.worker = worker
        self.mounts_ro = _checked_mounts(mounts_ro)
        identity = sandbox_identity()
        self.identity = identity
        self.folder = Folder(files, within=within,
                             identity=(identity.uid, identity.gid, identity.name)
                             if identity else None)
        self.total_timeout_s = total_timeout_s
        self.network = Path(network) if network is not None else None
        self.limits = limits
        self.python = str(python or sys.executable)
        self.proc: subprocess.Popen | None = None

    @property
    def database_host(self) -> str | None:
        """Where jobs find the server's socket (``host=``); None: no network (or no sandbox)."""
        if self.network is None or not self.bwrap:
            return None  # without bubblewrap: over TCP, as before
        return SOCKET_INSIDE

    def __enter__(self) -> Session:
        self.bwrap = _use_bwrap()
        self.folder.__enter__()
        self.deadline = time.monotonic() + self.total_timeout_s
        self.ready = False
        try:
            self._spawn()  # it imports its libraries while the caller prepares the first job
        except BaseException:
            self.folder.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()
        self.folder.__exit__()

    def add_files(self, files: Sequence[Path]) -> list[int]:
        """Copy more files in, for jobs from now on; their indices for ``job["file"]`` (the
        files given to the session are 0, 1, ...). A job on a file that was not copied (a
        link, a FIFO, ...) fails with the reason."""
        return self.folder.add(files)

    def call(self, job: dict, timeout_s: float) -> Outcome:
        if "file" in job:
            copy = self.folder.copies[job["file"]]
            if isinstance(copy, NotCopied):
                return Failed(str(copy))
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
        limit = max(min(timeout_s, self.deadline - time.monotonic()), 0.05)
        try:
            self.proc.stdin.write((json.dumps({**self._job(job), "timeout_s": limit})
                                   + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return Failed(self._died("eof"))
        message = self.lines.next(limit + GRACE_S)
        if isinstance(message, dict) and "ok" in message:
            if message.get("timed_out") and limit < timeout_s:
                return Failed(f"stopped when the review's time limit of "
                              f"{self.total_timeout_s:g} s ran out")
            if not message["ok"]:
                return Failed(mask_password(str(message.get("error"))))
            outcome = message.get("outcome")
            return outcome if isinstance(outcome, dict) else {"value": outcome}
        return Failed(self._died(message))

    def _job(self, job: dict) -> dict:
        if "file" in job:
            base = LIB_INSIDE if self.bwrap else str(self.folder.lib)
            return {**job, "file": f"{base}/{self.folder.copies[job['file']]}"}
        return dict(job)

    def _spawn(self) -> None:
        identity = self.identity
        home = "/tmp" if self.bwrap else str(self.folder.work)
        spec = {"worker": self.worker, "cwd": home, "pidns": self.bwrap,
                "uid": identity.uid if identity else None,
                "gid": identity.gid if identity else None,
                "limits": self.limits.as_spec(self.total_timeout_s), "preload": PRELOAD}
        lib = LIB_INSIDE if self.bwrap else str(self.folder.lib)
        inner = [self.python, "-I", "-B", "-c", _SERVE, lib]
        argv = [*argv_for(self.folder, self.python, self.network, self.mounts_ro,
                          as_pid_1=True), "--",
                *inner] if self.bwrap else inner
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115  (closed in _stop)
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            cwd="/" if self.bwrap else self.folder.work, env=_environment(home),
            process_group=0, close_fds=True)
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
        said = f": {mask_password(tail[0].strip()[:200])}" if tail else ""
        if code is not None and code < 0:
            return f"the sandbox was killed by signal {-code}{said}"
        return f"the sandbox exited with code {code}{said}"

    def _stop(self) -> None:
        proc, self.proc = self.proc, None
        self.ready = False
        if proc is None:
            return
        _kill_group(proc)
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        self.stderr.close()


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
