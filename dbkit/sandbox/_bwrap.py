"""The bubblewrap command line: which namespaces, what is mounted where (see the package)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from dbkit import pysource
from dbkit.sandbox._folder import Folder

LIB_INSIDE = "/sandbox"
SOCKET_INSIDE = "/run/dbkit-pg"
TMP_BYTES = 256 * 1024 * 1024
INSTALL_HINT = ("bubblewrap (bwrap) is needed to run revisions' code apart from you: install it "
                "(`sudo apt-get install bubblewrap`, `sudo dnf install bubblewrap`), or pass "
                "--unsafe-no-sandbox for code you trust")


@functools.lru_cache(maxsize=1)
def probe() -> str | None:
    """None when bubblewrap works here, else why not (one line)."""
    path = shutil.which("bwrap")
    if path is None:
        return INSTALL_HINT
    argv = [path, *namespaces(), "--ro-bind", "/", "/", "--", "/bin/true"]
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap does not run here ({exc}); {INSTALL_HINT}"
    if result.returncode != 0:
        said = (result.stderr.strip().splitlines() or ["no message"])[-1]
        return (f"bubblewrap cannot make namespaces here ({said}): allow unprivileged user "
                "namespaces, or run the review as root, or pass --unsafe-no-sandbox")
    return None


def namespaces() -> list[str]:
    common = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
              "--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if os.geteuid() == 0:  # root: no user namespace, so that a job can become dbkit-sandbox
        # PID 1 (ours) keeps these to become the sandbox user, kill what a job left and
        # empty /tmp after it; a job loses them all when it gives up root
        return common + [arg for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_KILL",
                                         "CAP_DAC_OVERRIDE", "CAP_FOWNER")
                         for arg in ("--cap-add", cap)]
    return ["--unshare-user", *common]


def python_mounts(python: str | Path) -> list[Path]:
    """The folders an interpreter needs: its virtualenv and the installation it comes from."""
    python = Path(python)
    if not python.is_absolute():
        python = Path(shutil.which(str(python)) or python).absolute()
    folders = []
    venv = python.parent.parent
    if (venv / "pyvenv.cfg").is_file():
        folders.append(venv)
        for line in (venv / "pyvenv.cfg").read_text(errors="replace").splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "home" and value.strip():
                folders.append(Path(value.strip()).parent)
        folders += _path_entries(venv)
    folders.append(Path(os.path.realpath(python)).parent.parent)
    if Path(python).resolve() == Path(sys.executable).resolve():
        folders += [Path(sys.prefix), Path(sys.base_prefix)]
    kept: list[Path] = []
    for folder in folders:
        if str(folder) in ("/", "/usr") or folder in kept or not folder.is_dir():
            continue
        kept.append(folder)
    return kept


def _path_entries(venv: Path) -> list[Path]:
    """The folders a virtualenv's ``.pth`` files put on ``sys.path`` (a project installed with
    ``pip install -e``, a ``.pth`` naming a source folder), and the folders of setuptools'
    editable finders (``__editable___*_finder.py``'s ``MAPPING``): part of that environment,
    so mounted with it. Only absolute folders that exist; never ``/``."""
    found: list[Path] = []
    for site in sorted(venv.glob("lib*/python3*/site-packages")):
        for pth in sorted(site.glob("*.pth")):
            for line in pth.read_text(errors="replace").splitlines():
                line = line.strip()
                if line and not line.startswith(("#", "import ", "import\t")):
                    entry = Path(line) if Path(line).is_absolute() else site / line
                    found.append(Path(os.path.realpath(entry)))
        for finder in sorted(site.glob("__editable___*_finder.py")):
            found += _finder_folders(finder)
    return [f for f in found if f.is_absolute() and str(f) != "/" and f.is_dir()]


def _finder_folders(finder: Path) -> list[Path]:
    """The folders in the ``MAPPING`` of a setuptools editable finder (name -> source folder)."""
    import ast

    try:
        tree = pysource.parse(finder.read_text(errors="replace"))
    except (SyntaxError, ValueError):
        return []
    for node in tree.body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "MAPPING" and value is not None:
            try:
                mapping = ast.literal_eval(value)
            except ValueError:
                return []
            if isinstance(mapping, dict):
                return [Path(os.path.realpath(v)) for v in mapping.values() if isinstance(v, str)]
    return []


def argv_for(folder: Folder, python: str | Path, network: Path | None,
                mounts_ro: Sequence[Path] = (), as_pid_1: bool = False) -> list[str]:
    argv = [shutil.which("bwrap") or "bwrap", *namespaces()]
    if as_pid_1:
        argv.append("--as-pid-1")
    binds: list[tuple[str, str]] = [("/usr", "/usr")]
    links: list[str] = []
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if Path(top).is_symlink():
            links += ["--symlink", str(Path(top).readlink()), top]
        elif Path(top).is_dir():
            binds.append((top, top))
    binds += [(str(folder.etc / "passwd"), "/etc/passwd"),
              (str(folder.etc / "group"), "/etc/group")]
    binds += [(str(m), str(m)) for m in (*python_mounts(python), *mounts_ro)]
    binds.append((str(folder.lib), LIB_INSIDE))
    if network is not None:
        binds.append((str(network), SOCKET_INSIDE))
    argv += ["--proc", "/proc", "--dev", "/dev",  # first: a mount under /tmp goes on top
             "--perms", "1777", "--size", str(TMP_BYTES), "--tmpfs", "/dev/shm",
             "--perms", "1777", "--size", str(TMP_BYTES), "--tmpfs", "/tmp"]
    made: set[str] = {"/", "/tmp", "/dev", "/dev/shm", "/proc"}
    for _, inside in binds:  # folders bubblewrap would make 0700: passable for the user
        for parent in reversed(Path(inside).parents):
            if str(parent) not in made:
                made.add(str(parent))
                argv += ["--perms", "0755", "--dir", str(parent)]
    for outside, inside in sorted(binds, key=lambda b: len(Path(b[1]).parts)):  # outer first
        argv += ["--ro-bind", outside, inside]
    argv += links
    argv += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
             "--ro-bind-try", "/etc/localtime", "/etc/localtime",
             "--ro-bind-try", "/etc/alternatives", "/etc/alternatives"]
    return argv + ["--chdir", "/tmp"]
