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


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder; the real one is never touched."""
    data = tmp_path / "userdata"
    data.mkdir()
    monkeypatch.setenv("QUARTIERSLABOR_DATA_DIR", str(data))
    monkeypatch.delenv("QUARTIERSLABOR_DATABASE_URL", raising=False)
    return data


@pytest.fixture
def db(tmp_path: Path):
    """A fresh, migrated SQLite database in a temporary file."""
    from quartierslabor_app.core.storage.database import open_database

    database = open_database(tmp_path / "test.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.fail(f"shared/ data folder expected beside the repository at {SHARED_DIR}")
    return SHARED_DIR
