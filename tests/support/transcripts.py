"""Run the transcripts of the docs: every ```console block of a page, in order, in one fresh environment.

The format (LEARN.md, README.md and docs/*.md use it)::

    ```console
    $ ENV=prod alembic current
    Using the prod database 127.0.0.1:5434/recruits_prod (.env.prod)
    0008 (head)
    $ python -m dbkit drift
    ...
    (exit 1)
    ```

- A line starting with ``$ `` is a command; a command ending in ``\\`` goes on over the next line.
  Each command runs with ``bash -c`` from the root of a copy of the repository, stdin closed
  (no terminal), stdout and stderr together, ``.venv/bin`` first on PATH, ``ENV`` and
  ``DATABASE_URL`` unset. ``cd`` and ``export`` do not carry over to the next command.
- The lines after it, up to the next command, are its expected output. A line that is only
  ``...`` matches any number of lines; ``...`` inside a line matches any text on that line.
- A last line ``(exit N)`` expects exit code N; without it the command must exit 0.
- ```` ```console no-run ```` blocks are for commands that cannot run here (Docker, the real
  ports 5433/5434); they are not run, but are checked like every other block for ``-x``.

Ports 5433 and 5434 in a command become the harness's ports before it runs. Before
comparing, both sides are normalised (``SUBSTITUTIONS`` below): the harness's ports
become 5433 (dev) and 5434 (prod), the copy's path becomes ``/path/to/repo``; timestamps,
backup-file stamps, decimal durations, pids, sizes, scratch-database names and the
abbreviated commit ids that start a line of `git log --oneline` become
placeholders, and a run of spaces inside a line (a table's column gap) counts as one.
Trailing spaces and trailing blank lines are ignored. Nothing else is.

The environment of one page (:class:`Environment`): a copy of the repository (without .git,
.venv, .pgdata, backups, caches, your env files and your ``.env.*.local``; ``.venv`` is a link
to the real one) whose ``.env.dev`` and ``.env.prod`` are written anew (``tests/helpers.py``),
pointing at two throwaway PostgreSQL servers on free ports (never 5433/5434), with the
committed env files' users, passwords and databases; the dev and prod databases are created afresh
for each page and every other database on the servers is dropped. The servers are started once
per test process (initdb is most of the start-up) and removed at its end. ``DBKIT_ENV_DIR`` is
the copy, ``DBKIT_DATA_DIR`` the servers' folder (so ``python -m dbkit status`` sees them), and
``DBKIT_BACKUP_DIR`` the copy's ``backups/``. The copy is removed after the page.
"""

from __future__ import annotations

import atexit
import os
import random
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sybil import Document, Region
from sybil.example import Example
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

from dbkit.pg.server import THROWAWAY_SETTINGS, Server, free_port, port_in_use
from support.commands import ENV_SETTINGS, write_env_files

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REAL_PORTS = {"dev": 5433, "prod": 5434}
COMMAND_TIMEOUT_S = 300
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", ".pgdata", "backups", "__pycache__",
                                    ".mypy_cache", ".ruff_cache", ".pytest_cache",
                                    ".env.dev", ".env.prod", ".env.*.local")

# (pattern, replacement) applied to expected and actual output alike, in this order.
SUBSTITUTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[+-]\d\d:?\d\d|Z| UTC)?"),
     "<TIMESTAMP>"),
    (re.compile(r"\b\d{8}T\d{6}Z\b"), "<STAMP>"),
    (re.compile(r"\b\d+\.\d+ ?s\b"), "<DURATION>"),
    (re.compile(r"\bpid \d+"), "pid <PID>"),
    (re.compile(r"\b\d+(?:\.\d+)? ?(?:B|kB|KB|KiB|MB|MiB)\b"), "<SIZE>"),
    (re.compile(r"\bdbkit_scratch_drift_[0-9a-f_]+\b"), "dbkit_scratch_drift_<RANDOM>"),
    # git's abbreviated commit ids (`git log --oneline [--graph]`): they change with the time
    (re.compile(r"^([*|/\\ ]*)[0-9a-f]{7,12}(?= )", re.MULTILINE), r"\1<COMMIT>"),
    (re.compile(r"(?<=\S) {2,}"), " "),  # columns of a table, whatever the width of a value
]

INFO = re.compile(r"(?P<language>console|bash|sh|shell)(?P<options>[ \t][^\n]*)?$\n", re.MULTILINE)
EXIT = re.compile(r"^\(exit (\d+)\)$")


@dataclass
class Command:
    line: int  # in the page
    text: str  # what bash runs
    expected: list[str] = field(default_factory=list)
    exit_code: int = 0


@dataclass
class Block:
    language: str
    options: list[str]
    source: str
    line: int  # of the opening fence

    @property
    def runs(self) -> bool:
        return self.language == "console" and "no-run" not in self.options

    def commands(self) -> list[Command]:
        """The ``$ `` commands of a console block, each with its expected output."""
        commands: list[Command] = []
        lines = self.source.splitlines()
        i = 0
        while i < len(lines):
            text = lines[i]
            if text.startswith("$ "):
                start = i
                parts = [text[2:]]
                while parts[-1].endswith("\\") and i + 1 < len(lines):
                    i += 1
                    parts.append(lines[i].removeprefix("> "))
                commands.append(Command(line=self.line + 1 + start, text="\n".join(parts)))
            elif commands:
                commands[-1].expected.append(text.rstrip())
            elif text.strip():
                raise ValueError(f"line {self.line + 1 + i}: output before the first `$ ` command")
            i += 1
        for command in commands:
            while command.expected and not command.expected[-1]:
                command.expected.pop()
            if command.expected and (m := EXIT.match(command.expected[-1])):
                command.exit_code = int(m.group(1))
                command.expected.pop()
                while command.expected and not command.expected[-1]:
                    command.expected.pop()
        return commands


class BlockParser:
    """A sybil parser: every fenced console/bash/sh block, with its info string's options."""

    lexer = RawFencedCodeBlockLexer(info_pattern=INFO)

    def __call__(self, document: Document):
        for region in self.lexer(document):
            line = document.text.count("\n", 0, region.start) + 1
            region.parsed = Block(language=region.lexemes["language"],
                                  options=(region.lexemes.get("options") or "").split(),
                                  source=str(region.lexemes["source"]), line=line)
            region.evaluator = evaluate
            yield region


def parse(path: Path) -> Document:
    return Document.parse(str(path), BlockParser())


def blocks(path: Path) -> list[Block]:
    regions: list[Region] = [r for _, r in parse(path).regions]
    return [r.parsed for r in regions]


def evaluate(example: Example) -> str | None:
    """sybil's evaluator: run a console block in the page's environment (``namespace["env"]``)."""
    block: Block = example.parsed
    if not block.runs:
        return None
    env: Environment = example.namespace["env"]
    for command in block.commands():
        problem = env.check(command)
        if problem:
            return f"{Path(example.path).name}:{command.line}: $ {command.text}\n{problem}"
    return None


def normalise(text: str) -> str:
    for pattern, replacement in SUBSTITUTIONS:
        text = pattern.sub(replacement, text)
    return text


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` fits ``expected``, where ``...`` stands for any lines or any text."""
    parts = []
    for line in expected:
        if line == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(p) for p in line.split("...")) + r"\n")
    return re.fullmatch("".join(parts), "".join(line + "\n" for line in actual)) is not None


_SERVERS: dict[str, Server] = {}


def servers(settings: dict[str, dict[str, str]]) -> dict[str, Server]:
    """The dev and prod servers of this process, started once with the env files' users,
    passwords and databases on free ports, and removed when the process ends."""
    if not _SERVERS:
        home = Path(tempfile.mkdtemp(prefix="dbkit-docs-servers-"))
        home.chmod(0o755)  # the servers may run as another user (as root: `dbkit`)
        atexit.register(shutil.rmtree, home, ignore_errors=True)
        for env, values in settings.items():
            # As `make up` does: a random password, kept in <data>/<env>/app-password (mode 600).
            password = secrets.token_urlsafe(24)
            (home / env).mkdir(mode=0o700)
            kept = os.open(home / env / "app-password", os.O_WRONLY | os.O_CREAT, 0o600)
            with os.fdopen(kept, "w") as stream:
                stream.write(password + "\n")
            server = Server(home=home / env, port=four_digit_port(), user=values["POSTGRES_USER"],
                            password=password, database=values["POSTGRES_DB"],
                            settings=THROWAWAY_SETTINGS)
            atexit.register(server.stop)
            _SERVERS[env] = server
        with ThreadPoolExecutor() as pool:  # both at once: start-up is mostly waiting
            list(pool.map(Server.start, _SERVERS.values()))
    return _SERVERS


def four_digit_port() -> int:
    """A free port of four digits like 5433 and 5434, so that tables stay aligned once the
    port is replaced by the real one; never 5433 or 5434 themselves."""
    for port in random.sample(range(6000, 10000), 200):
        if not port_in_use(port):
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
            return port
    return free_port()


def databases(server: Server) -> list[str]:
    """The databases a page may have made on ``server`` (all but postgres and the templates)."""
    engine = sa.create_engine(server.url_for("postgres"), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return list(connection.scalars(sa.text(
                "SELECT datname FROM pg_database WHERE datname <> 'postgres' AND NOT datistemplate")))
    finally:
        engine.dispose()


class Environment:
    """A copy of the repository whose dev and prod databases are new; ``close()`` removes it.

    The servers are the process's (see :func:`servers`): each page gets its own copy and
    freshly created, empty databases on them, every other database dropped.
    """

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="dbkit-docs-"))
        self.repo = self.root / "repo"
        shutil.copytree(PROJECT_ROOT, self.repo, ignore=NOT_COPIED, symlinks=True)
        (self.repo / ".venv").symlink_to(PROJECT_ROOT / ".venv")
        # Never your env files (whatever their ports) nor your .env.*.local: written anew.
        self.servers = servers({env: ENV_SETTINGS[env] for env in REAL_PORTS})
        self.ports = {env: server.port for env, server in self.servers.items()}
        write_env_files(self.repo, self.ports)
        for server in self.servers.values():
            for name in databases(server):
                server.drop_database(name)
            server.create_database(server.database)
        keep = {k: v for k, v in os.environ.items()
                if k not in ("ENV", "DATABASE_URL") and not k.startswith("DBKIT_")}
        data_dir = next(iter(self.servers.values())).home.parent
        (self.repo / ".pgdata").symlink_to(data_dir)  # `cat .pgdata/prod/app-password` works
        self.environ = {
            **keep,
            "PATH": f"{self.repo / '.venv' / 'bin'}{os.pathsep}{keep.get('PATH', '')}",
            "DBKIT_ENV_DIR": str(self.repo),
            "DBKIT_DATA_DIR": str(data_dir),
            "DBKIT_BACKUP_DIR": str(self.repo / "backups"),
            "PYTHONUNBUFFERED": "1",  # stdout and stderr interleaved as on a terminal
            "PYTHONDONTWRITEBYTECODE": "1",
            "COLUMNS": "100",
            "NO_COLOR": "1",
            "TERM": "dumb",
        }
        self.replacements = [(str(self.repo), "/path/to/repo"), (str(data_dir), "/path/to/repo/.pgdata"),
                             (str(self.root), "/tmp")]

    def run(self, command: str) -> tuple[int, list[str]]:
        code, output = self.transcript(command)
        return code, self.actual(output)

    def transcript(self, command: str) -> tuple[int, str]:
        """Run one command; its exit code and output as a page shows it (the real ports and
        ``/path/to/repo``), not yet normalised. A page's generator writes this."""
        for env, port in self.ports.items():  # a URL typed on the page names the real port
            command = re.sub(rf"\b{REAL_PORTS[env]}\b", str(port), command)
        result = subprocess.run(["bash", "-c", command], cwd=self.repo, env=self.environ,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, timeout=COMMAND_TIMEOUT_S)
        return result.returncode, self.shown(result.stdout)

    def shown(self, output: str) -> str:
        for env, port in self.ports.items():
            output = re.sub(rf"\b{port}\b", str(REAL_PORTS[env]), output)
        for path, replacement in self.replacements:
            output = output.replace(path, replacement)
        return output

    def actual(self, output: str) -> list[str]:
        lines = [line.rstrip() for line in normalise(self.shown(output)).splitlines()]
        while lines and not lines[-1]:
            lines.pop()
        return lines

    def check(self, command: Command) -> str | None:
        """Run one command; what differs from the page, or None."""
        code, actual = self.run(command.text)
        expected = [normalise(line) for line in command.expected]
        problems = []
        if code != command.exit_code:
            problems.append(f"exit code {code}, the page says {command.exit_code}")
        if not matches(expected, actual):
            problems.append("output differs from the page")
        if not problems:
            return None
        return "\n".join([*problems, "--- the page:", *command.expected,
                          "--- the run (normalised):", *actual])

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def run_page(path: Path) -> None:
    """Evaluate every block of one page in order, in one fresh environment.

    sybil raises on the first block that differs, naming the page, line and command."""
    document = parse(path)
    if not any(r.parsed.runs for _, r in document.regions):
        return
    environment = Environment()
    document.namespace["env"] = environment
    try:
        for example in document.examples():
            example.evaluate()
    finally:
        environment.close()


# --- the checks every shell block gets, run or not -------------------------------------------

ALEMBIC_SUBCOMMANDS = ("upgrade", "downgrade", "revision", "stamp", "current", "history", "check",
                       "heads", "branches", "merge", "show", "edit", "init", "ensure_version",
                       "list_templates")
# `alembic [global options] SUBCOMMAND rest`; the rest stops at a shell separator or a backtick.
ALEMBIC_CALL = re.compile(
    r"\balembic((?:\s+(?:-[cnx]\s+\S+|--?[a-z][\w-]*(?:=\S+)?))*)\s+(" + "|".join(ALEMBIC_SUBCOMMANDS)
    + r")\b([^`\n;&|#]*)")


def late_x_options(text: str) -> list[str]:
    """Every ``alembic SUBCOMMAND ... -x ...`` in ``text`` (continuation lines joined)."""
    text = re.sub(r"\\\n\s*", " ", text)
    return [m.group(0).strip() for m in ALEMBIC_CALL.finditer(text)
            if re.search(r"(?:^|\s)-x(?:\s|=|$)", m.group(3))]


def shell_problems(block: Block) -> list[str]:
    """A bash/sh block must parse; a console block's commands must too."""
    scripts = [c.text for c in block.commands()] if block.language == "console" else [block.source]
    problems = []
    for script in scripts:
        result = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
        if result.returncode != 0:
            problems.append(f"line {block.line}: bash cannot parse {shlex.quote(script)}: "
                            f"{result.stderr.strip()}")
    return problems
