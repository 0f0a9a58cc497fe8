"""Every released schema version has a fixture database; each must migrate to head keeping its data.

When a migration is added, keep the old fixture and add one made with the new schema
(``tests/data/schemas/schema_<revision>.sqlite3``).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quartierslabor_app.core.storage import database as dbmod
from quartierslabor_app.core.storage.models import Card, Lab, Recommendation

SCHEMA_FIXTURES = sorted((Path(__file__).parent / "data" / "schemas").glob("schema_*.sqlite3"))


def test_there_is_a_fixture_for_every_revision():
    from alembic.script import ScriptDirectory

    revisions = {rev.revision for rev in ScriptDirectory.from_config(dbmod.alembic_config()).walk_revisions()}
    fixtures = {path.stem.removeprefix("schema_") for path in SCHEMA_FIXTURES}
    assert fixtures == revisions


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES, ids=lambda p: p.stem)
def test_old_database_migrates_to_head_with_its_data(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    backups = tmp_path / "backups"
    database = dbmod.open_database(path, backup_target_dir=backups)
    try:
        assert database.current_revision() == dbmod.head_revision()
        with database.session() as s:
            lab = s.query(Lab).one()
            assert lab.name == "Fixture Eving 2026"
            assert [c.text for c in s.query(Card)] == ["Krach nachts am Kiosk"]
            assert s.query(Recommendation).one().actor == "Ordnungsamt"
    finally:
        database.dispose()
    revision = fixture.stem.removeprefix("schema_")
    if revision != dbmod.head_revision():
        assert len(list(backups.glob("*.sqlite3"))) == 1, "an old database must be backed up before migrating"
