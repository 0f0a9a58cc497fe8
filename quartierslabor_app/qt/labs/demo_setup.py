"""First-start demo: a synthetic register extract on disk and an example lab (no widgets).

The register is made up entirely by the generator in :mod:`quartierslabor_app.core.demo`;
it holds no real personal data, so anyone can try every step safely. The lab's name and venue are
data and stay German; the progress texts follow the UI language.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional


from ...core import labs as core_labs
from ...core.paths import user_data_dir
from ...core.progress import CancelToken, ProgressCallback, report, scaled
from ...core.storage.database import Database
from ..i18n import translate

DEMO_LAB_NAME = "Beispiel: Quartierslabor Eving"
DEMO_DISTRICT = "Eving"
DEMO_VENUE = "Bürgerhaus Eving"
DEMO_CAPACITY = 40
DEMO_ROWS = 20_000
DEMO_SEED = 2026
REGISTER_FILE_NAME = "beispiel-registerauszug.csv"
STREET_DIRECTORY_FILE_NAME = "beispiel-strassenverzeichnis.csv"


@dataclass(frozen=True)
class DemoResult:
    lab_id: int
    lab_name: str
    register_path: Path
    street_directory_path: Path
    rows: int
    lab_created: bool


def demo_dir() -> Path:
    path = user_data_dir() / "demo"
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_lab_date(today: Optional[dt.date] = None) -> dt.date:
    """A Saturday about six weeks ahead: realistic lead time for invitations."""
    day = (today or dt.date.today()) + dt.timedelta(weeks=6)
    return day + dt.timedelta(days=(5 - day.weekday()) % 7)


def create_demo(database: Database, *, n_rows: int = DEMO_ROWS, seed: int = DEMO_SEED,
                progress: Optional[ProgressCallback] = None,
                cancel: Optional[CancelToken] = None) -> DemoResult:
    """Write the demo register and street directory, and create the example lab (if missing)."""
    from ...core import demo as demo_gen

    report(progress, 0.0, translate("DemoSetup", "Synthetische Einwohnerinnen und Einwohner werden erzeugt …"),
           cancel)
    rows = demo_gen.generate_register(n_rows, seed=seed)
    report(progress, 0.6, translate("DemoSetup", "Registerauszug wird geschrieben …"), cancel)
    folder = demo_dir()
    register_path = folder / REGISTER_FILE_NAME
    demo_gen.write_register_csv(register_path, rows)
    report(progress, 0.8, translate("DemoSetup", "Straßenverzeichnis wird geschrieben …"), cancel)
    street_path = folder / STREET_DIRECTORY_FILE_NAME
    demo_gen.write_street_directory(street_path, rows)
    report(progress, 0.9, translate("DemoSetup", "Beispiel-Labor wird angelegt …"), cancel)
    with database.session() as s:
        lab = core_labs.find_lab_by_name(s, DEMO_LAB_NAME)
        created = lab is None
        if lab is None:
            lab = core_labs.create_lab(s, DEMO_LAB_NAME, DEMO_DISTRICT, demo_lab_date(),
                                       venue=DEMO_VENUE, capacity=DEMO_CAPACITY)
        lab_id, lab_name = lab.id, lab.name
    report(scaled(progress, 0.9, 1.0), 1.0, translate("DemoSetup", "Fertig."))
    return DemoResult(lab_id, lab_name, register_path, street_path, len(rows), created)
