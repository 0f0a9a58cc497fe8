"""A throwaway PostgreSQL server for the test session (never assumes one is running).

The Debian package ``postgresql`` (installed by ``installer/bootstrap.sh test``) ships
``initdb``/``pg_ctl`` under ``/usr/lib/postgresql/<version>/bin``. This module creates a
cluster in a temporary folder, starts it on 127.0.0.1 on a free port with trust
authentication, hands out fresh databases, and stops and removes everything at the end.

PostgreSQL refuses to run as root; when the tests run as root (CI) the cluster belongs to
the unprivileged ``postgres`` user and the server programs run through ``runuser``.
"""
from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional

SUPERUSER = "postgres"
UNPRIVILEGED_USER = "postgres"
START_TIMEOUT_S = 60


class PgServerError(RuntimeError):
    """The test server could not be set up (message says what and how to fix it)."""


def find_pg_bin() -> Path:
    """Folder holding initdb and pg_ctl: newest /usr/lib/postgresql/*/bin, else PATH."""
    candidates = []
    for folder in glob.glob("/usr/lib/postgresql/*/bin"):
        version = Path(folder).parent.name
        try:
            key = tuple(int(p) for p in version.split("."))
        except ValueError:
            key = (0,)
        candidates.append((key, Path(folder)))
    for _, folder in sorted(candidates, reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    raise PgServerError(
        "PostgreSQL server programs (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or on PATH. "
        "Install the Debian package 'postgresql' (bash installer/bootstrap.sh test does that).")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgServer:
    """One temporary PostgreSQL cluster. Use :meth:`start` and :meth:`stop` (or ``with``)."""

    def __init__(self) -> None:
        self.bin_dir = find_pg_bin()
        self.port = 0
        self.root: Optional[Path] = None
        self._run_as: Optional[str] = None
        self._counter = itertools.count(1)
        self._started = False

    # -- paths -----------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        assert self.root is not None
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.root is not None
        return self.root / "socket"

    @property
    def log_file(self) -> Path:
        assert self.root is not None
        return self.root / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    # -- lifecycle ---------------------------------------------------------------
    def _command(self, *args: str) -> list[str]:
        if self._run_as:
            return ["runuser", "-u", self._run_as, "--", *args]
        return list(args)

    def _run(self, *args: str, timeout: float = START_TIMEOUT_S) -> subprocess.CompletedProcess:
        proc = subprocess.run(self._command(*args), capture_output=True, text=True, timeout=timeout,
                              cwd=str(self.root))
        if proc.returncode != 0:
            log = self.log_file.read_text(errors="replace")[-3000:] if self.log_file.exists() else ""
            raise PgServerError(f"{' '.join(args[:2])} failed (exit {proc.returncode}):\n{proc.stdout}\n"
                                f"{proc.stderr}\n{log}")
        return proc

    def start(self) -> "PgServer":
        # as root the cluster belongs to 'postgres', who must reach it: a TMPDIR under /root would not do
        base = "/tmp" if os.geteuid() == 0 and os.path.isdir("/tmp") else None
        self.root = Path(tempfile.mkdtemp(prefix="quartierslabor-pg-", dir=base))
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam(UNPRIVILEGED_USER)
            except KeyError as exc:
                raise PgServerError(f"running as root, but there is no '{UNPRIVILEGED_USER}' user to own the "
                                    "test cluster (the Debian package 'postgresql' creates it)") from exc
            if not shutil.which("runuser"):
                raise PgServerError("running as root, but 'runuser' (util-linux) is missing")
            self._run_as = UNPRIVILEGED_USER
            os.chmod(self.root, 0o755)
            for path in (self.root, self.socket_dir):
                os.chown(path, user.pw_uid, user.pw_gid)
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER,
                  "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
        last_error: Optional[Exception] = None
        for _attempt in range(3):  # the free port can be taken between probing and binding
            self.port = free_port()
            options = (f"-h 127.0.0.1 -p {self.port} -k {self.socket_dir} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                       "-c max_connections=60 -c shared_buffers=32MB")
            try:
                self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_file),
                          "-o", options, "-w", "-t", str(START_TIMEOUT_S), "start",
                          timeout=START_TIMEOUT_S + 10)
                self._started = True
                break
            except PgServerError as exc:
                last_error = exc
        if not self._started:
            self._remove()
            raise PgServerError(f"PostgreSQL test server did not start: {last_error}")
        atexit.register(self.stop)
        self._wait_until_accepting()
        return self

    def _wait_until_accepting(self) -> None:
        import psycopg

        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with psycopg.connect(self._dsn("postgres"), connect_timeout=5):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        if self._started:
            self._started = False
            try:
                self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w",
                          "stop")
            except (PgServerError, subprocess.TimeoutExpired):
                pass
        self._remove()

    def _remove(self) -> None:
        if self.root is not None and self.root.exists():
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "PgServer":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- databases -------------------------------------------------------------------
    def _dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"

    def create_database(self, prefix: str = "qltest") -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[-1]
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def execute_admin(self, sql: str) -> list[tuple]:
        """Run one statement as superuser in the ``postgres`` database (test helper)."""
        import psycopg

        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []
