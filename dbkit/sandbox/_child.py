"""Inside the sandbox: the wrapper that holds the answers' pipe, and the one-shot launcher.

Runs as ``python -I -B -c BOOTSTRAP <lib>`` (PID 1 of the sandbox's PID namespace under
bubblewrap). Only our own copied code runs here until a job's process gives up root.

``serve()``: reads the spec, then one job per line on stdin. Each job runs in a process of its
own, forked from this one (the libraries are imported once): it closes every inherited
descriptor but its own answer pipe, sets the limits, gives up root, and calls
``worker.handle(job)``. This process keeps the answers' pipe (stdout) to itself and is not
dumpable, so a job cannot write another job's answer. After each job, every other process in
the namespace (a daemon the job left) is killed and ``/tmp`` and ``/dev/shm`` are emptied.

``launch()``: the same preparation, then ``exec`` of the given program (``sandbox.run``).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

MAX_ANSWER_BYTES = 256 * 1024 * 1024


def _prctl_not_dumpable() -> None:  # pragma: no cover  (sandbox process)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass


def _close_fds(keep: tuple[int, ...]) -> None:  # pragma: no cover  (sandbox process)
    folder = Path("/proc/self/fd")
    for entry in list(folder.iterdir()) if folder.is_dir() else ():
        fd = int(entry.name)
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


def _limit(limits: dict) -> None:  # pragma: no cover  (sandbox process)
    import resource

    def set_(which: int, value: int | None) -> None:
        if value is not None:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(which, (value, value))

    set_(resource.RLIMIT_CORE, 0)
    set_(resource.RLIMIT_AS, limits.get("memory"))
    set_(resource.RLIMIT_NPROC, limits.get("processes"))
    set_(resource.RLIMIT_FSIZE, limits.get("file_size"))
    set_(resource.RLIMIT_CPU, limits.get("cpu_seconds"))


def _drop(spec: dict) -> None:  # pragma: no cover  (sandbox process)
    if spec.get("uid") is None:
        return
    os.setgroups([])
    os.setgid(spec["gid"])
    os.setuid(spec["uid"])
    try:
        os.setuid(0)
    except PermissionError:
        pass
    else:
        os._exit(121)  # could not give up root: run nothing


def _become_job(spec: dict, keep: tuple[int, ...], *, output_to_stderr: bool = True) -> None:
    """In a freshly forked process: no stdin, output to stderr, limits, not root."""  # noqa
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    if output_to_stderr:
        os.dup2(2, 1)
    _close_fds(keep)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _limit(spec["limits"])
    _drop(spec)
    os.chdir(spec["cwd"])


def _sweep(spec: dict, job_pid: int) -> None:  # pragma: no cover  (sandbox process)
    """Kill what the job left running; empty /tmp and /dev/shm (PID namespace only)."""
    if spec.get("pidns"):
        me = os.getpid()
        for _ in range(100):
            others = [int(p.name) for p in Path("/proc").iterdir()
                      if p.name.isdigit() and int(p.name) != me]
            for pid in others:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            _reap()
            if not others:
                break
        for folder in ("/tmp", "/dev/shm"):
            _empty(folder)
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(job_pid, signal.SIGKILL)
        _reap()


def _reap() -> None:  # pragma: no cover  (sandbox process)
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.005)


def _empty(folder: str) -> None:  # pragma: no cover  (sandbox process)
    import shutil

    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return
    for path in entries:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()


def _read_answer(fd: int, pid: int, timeout_s: float) -> tuple[bytes, bool]:  # pragma: no cover
    """What the job wrote on its pipe until it closed it, and whether the time ran out."""
    data = bytearray()
    end = time.monotonic() + timeout_s
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return bytes(data), True
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return bytes(data), True
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return bytes(data), False
        if len(data) < MAX_ANSWER_BYTES:
            data += chunk


def _describe(status: int, limits: dict) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        hints = {int(signal.SIGXCPU): " (over its CPU time limit)",
                 int(signal.SIGXFSZ): " (over its file size limit)"}
        hint = hints.get(number, "")
        return f"the process was killed by signal {number}{hint}"
    return f"the process exited with code {os.WEXITSTATUS(status)}"


def _one_job(spec: dict, worker: ModuleType, job: dict) -> dict:  # pragma: no cover  (sandbox process)
    timeout_s = float(job.pop("timeout_s", spec.get("job_timeout_s", 30)))
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            _become_job(spec, (write_end,))
            try:
                answer = {"ok": True, "outcome": worker.handle(job)}
            except MemoryError:
                answer = {"ok": False, "error": "MemoryError: over the sandbox's memory limit of "
                                                f"{spec['limits'].get('memory', 0) >> 20} MB"}
            except BaseException as exc:  # a learner's file may do anything, even sys.exit()
                text = f"{type(exc).__name__}: {exc}".strip().splitlines()
                answer = {"ok": False, "error": (text[0] if text else type(exc).__name__)[:300]}
            data = (json.dumps(answer, default=str) + "\n").encode()
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view):]
        finally:
            os._exit(0)
    os.close(write_end)
    data, timed_out = _read_answer(read_end, pid, timeout_s)
    os.close(read_end)
    if timed_out:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    _sweep(spec, pid)
    if timed_out:
        return {"ok": False, "error": f"timed out after {timeout_s:g} s", "timed_out": True}
    said: object = None
    with contextlib.suppress(json.JSONDecodeError, UnicodeDecodeError):
        said = json.loads(data.split(b"\n", 1)[0])
    if not isinstance(said, dict) or "ok" not in said:
        return {"ok": False, "error": _describe(status, spec["limits"]), "ended": True}
    return said


def serve() -> None:  # pragma: no cover  (runs in the sandbox process)
    import importlib

    spec = json.loads(sys.stdin.readline())
    results = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever is printed goes to stderr, never to the answers
    _prctl_not_dumpable()
    worker = importlib.import_module(spec["worker"])
    _preload(spec.get("preload", ()), getattr(worker, "PRELOAD", ()))
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    results.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        job = json.loads(line)
        results.write(json.dumps(_one_job(spec, worker, job), default=str) + "\n")
    results.flush()
    os._exit(0)


def launch() -> None:  # pragma: no cover  (runs in the sandbox process)
    """One program: prepared as a job is, then exec'd (``sandbox.run``)."""
    spec = json.loads(os.environ.pop("DBKIT_SANDBOX_SPEC"))
    _become_job(spec, (), output_to_stderr=False)
    try:
        os.execve(spec["argv"][0], spec["argv"], spec["env"])
    except OSError as exc:
        os.write(2, f"error: cannot run {spec['argv'][0]}: {exc.strerror}\n".encode())
        os._exit(127)


def _preload(*groups: Sequence[str]) -> None:  # pragma: no cover  (sandbox process)
    import importlib

    for group in groups:
        for name in group:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)
