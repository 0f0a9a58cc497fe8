"""Test setup: Qt offscreen, and the app's data folder redirected to a temporary folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    # Set once for the whole run, before any Qt import creates the application.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# Tests that need the throwaway PostgreSQL server are slow (server start, a database each).
PG_FIXTURES = frozenset({"pg_server", "pg_url", "fresh_pg_url"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if PG_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder; the real one is never touched."""
    data = tmp_path / "userdata"
    data.mkdir()
    monkeypatch.setenv("QUARTIERSLABOR_DATA_DIR", str(data))
    # the platform folder (pointer file of a chosen data folder) too: parallel workers never share one
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "platform"))
    monkeypatch.delenv("QUARTIERSLABOR_DATABASE_URL", raising=False)
    return data


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """One SQLite file migrated by the real Alembic run, once per session (per xdist worker)."""
    from quartierslabor_app.core.storage.database import open_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(path, migrate=True, backup_before_migrate=False).dispose()
    return path


@pytest.fixture(autouse=True)
def new_sqlite_from_template(request, migrated_template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new, empty SQLite database gets the migrated template's pages instead of a fresh Alembic run.

    Alembic on SQLite commits every statement with a full fsync: about 0.3 s per new database, hundreds of
    times per run. The result is the same schema (the template is made by the real migration); existing or
    older databases still go through Alembic, and tests marked ``real_migrations`` always do.
    """
    if request.node.get_closest_marker("real_migrations"):
        return
    import sqlite3

    from quartierslabor_app.core.storage import database as dbmod

    real_migrate = dbmod.migrate_database

    def migrate(db, **kwargs):
        if db.sqlite_path is not None and db.current_revision() is None:
            try:
                with db.engine.connect() as conn:
                    target = conn.connection.dbapi_connection
                    if target.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                        source = sqlite3.connect(str(migrated_template))
                        try:
                            source.backup(target)
                        finally:
                            source.close()
                        return None
            except sqlite3.Error:
                pass   # whatever the copy could not do, the real migration does (or reports)
        return real_migrate(db, **kwargs)

    monkeypatch.setattr(dbmod, "migrate_database", migrate)


@pytest.fixture(scope="session")
def compiled_dir(tmp_path_factory) -> Path:
    """The English .ts compiled with pyside6-lrelease into a temporary translations folder."""
    import importlib.util
    import shutil

    ts_file = REPO_ROOT / "resources" / "translations" / "quartierslabor_en.ts"
    spec = importlib.util.spec_from_file_location("translations_tool", REPO_ROOT / "installer" / "translations.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    folder = tmp_path_factory.mktemp("translations")
    ts = folder / ts_file.name
    shutil.copy(ts_file, ts)
    built = tool.release([ts])
    assert built == [folder / "quartierslabor_en.qm"]
    return folder


@pytest.fixture
def english(qapp, compiled_dir, monkeypatch):
    """The UI in English (the compiled catalogue) for one test; German again afterwards."""
    from quartierslabor_app.qt import i18n

    monkeypatch.setattr(i18n, "translations_dir", lambda: compiled_dir)
    translators = i18n.install_translators(qapp, "en")
    yield translators
    i18n.install_translators(qapp, "de")   # the state create_application() leaves: German Qt dialogs


@pytest.fixture
def db(tmp_path: Path):
    """A fresh, migrated SQLite database in a temporary file."""
    from quartierslabor_app.core.storage.database import open_database

    database = open_database(tmp_path / "test.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def example_lab(db) -> int:
    """The id of the synthetic example lab (12 clusters, 60 cards, recommendations) in ``db``."""
    from quartierslabor_app.core.reports.example_data import create_example_lab

    with db.session() as session:
        return create_example_lab(session).id


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.fail(f"shared/ data folder expected beside the repository at {SHARED_DIR}")
    return SHARED_DIR


# --- PostgreSQL: a real throwaway server per test session (tests/pg_server.py); never skipped ---
@pytest.fixture(scope="session")
def pg_server():
    import pg_server as pg_server_module

    try:
        server = pg_server_module.PgServer().start()
    except Exception as exc:  # missing package, no unprivileged user, start failure: fail, never skip
        pytest.fail(f"PostgreSQL test server could not be started: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_url(pg_server) -> str:
    """URL of one database on the session's PostgreSQL server (shared by the tests using it)."""
    return pg_server.create_database("qlsession")


@pytest.fixture
def fresh_pg_url(pg_server):
    """URL of a new, empty PostgreSQL database for this test only (dropped afterwards)."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def any_db_url(request, tmp_path: Path) -> str:
    """A fresh, empty database URL on each backend (SQLite file / PostgreSQL database)."""
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "any.sqlite3")
    return request.getfixturevalue("fresh_pg_url")


@pytest.fixture
def any_db(any_db_url: str):
    """A fresh, migrated database on SQLite and on PostgreSQL (tests using it run twice)."""
    from quartierslabor_app.core.storage.database import open_database

    database = open_database(any_db_url)
    yield database
    database.dispose()


# -- the CLI never prints a traceback ------------------------------------------------------------
TRACEBACK = "Traceback (most recent call last)"


def assert_no_traceback(stderr: str, what: str = "stderr") -> None:
    assert TRACEBACK not in stderr, f"traceback on the terminal ({what}):\n{stderr}"


class _CheckedCapture:
    """``capsys`` whose ``readouterr()`` fails when stderr holds a Python traceback."""

    def __init__(self, inner) -> None:
        self._inner = inner

    def readouterr(self):
        result = self._inner.readouterr()
        assert_no_traceback(result.err)
        return result

    def __getattr__(self, name):
        return getattr(self._inner, name)


@pytest.fixture
def capsys(capsys):
    return _CheckedCapture(capsys)


@pytest.fixture(autouse=True)
def cli_subprocess_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """``subprocess.run([python, "-m", "quartierslabor_app…", …], capture_output=True)`` fails on a traceback."""
    import subprocess

    original = subprocess.run

    def run(cmd, *args, **kwargs):
        proc = original(cmd, *args, **kwargs)
        parts = [str(c) for c in cmd] if isinstance(cmd, (list, tuple)) else []
        is_cli = any(a == "-m" and b.startswith("quartierslabor_app") for a, b in zip(parts, parts[1:]))
        if is_cli and isinstance(proc.stderr, (str, bytes)):
            err = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else proc.stderr
            assert_no_traceback(err, " ".join(parts[2:4]))
        return proc

    monkeypatch.setattr(subprocess, "run", run)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A test of a module that runs the CLI fails when a traceback reached (uncaptured by the test) stderr."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or report.failed or TRACEBACK not in report.capstderr:
        return
    module = getattr(item, "module", None)
    source = getattr(module, "__file__", "") or ""
    try:
        uses_cli = "quartierslabor_app.cli" in Path(source).read_text(encoding="utf-8")
    except OSError:
        uses_cli = False
    if uses_cli:
        report.outcome = "failed"
        report.longrepr = f"traceback on the terminal during a CLI test:\n{report.capstderr}"
