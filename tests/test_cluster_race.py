"""Two processes add the first cards of new labs at the same moment: no IntegrityError, one cluster per key."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quartierslabor_app.core import labs
from quartierslabor_app.core.storage.database import open_database
from quartierslabor_app.core.storage.models import Card, Cluster

pytestmark = [pytest.mark.slow, pytest.mark.serial]  # two processes racing, many rounds

LABS = 5
TEXTS = ["Laute Musik nachts am Kiosk", "Überall Müll und Glasscherben auf dem Spielplatz"]

WORKER = r"""
import json, sys, time
from quartierslabor_app.core.board.service import BoardService
from quartierslabor_app.core.storage.database import open_database

url, go_file, lab_ids, texts = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
database = open_database(url, backup_before_migrate=False)
services = [BoardService(database, lab_id) for lab_id in lab_ids]
for service in services:
    service.warm_up()
print("READY", flush=True)
while True:
    try:
        start = float(open(go_file).read())
        break
    except (OSError, ValueError):
        time.sleep(0.01)
for i, service in enumerate(services):
    time.sleep(max(0.0, start + 0.4 * i - time.time()))
    for text in texts:
        try:
            card = service.add_card(text)
            print("OK", card.cluster_id, flush=True)
        except Exception as exc:
            print("ERR", type(exc).__name__, str(exc).splitlines()[0], flush=True)
database.dispose()
"""


def test_two_processes_create_the_same_first_clusters(any_db_url: str, tmp_path: Path) -> None:
    database = open_database(any_db_url)
    try:
        with database.session() as s:
            lab_ids = [labs.create_lab(s, f"Neues Labor {i}", "Eving").id for i in range(LABS)]
        go = tmp_path / "go"
        procs = [subprocess.Popen([sys.executable, "-c", WORKER, any_db_url, str(go), json.dumps(lab_ids),
                                   json.dumps(TEXTS)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        for proc in procs:
            assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
        go.write_text(str(time.time() + 0.5))
        outputs = [proc.communicate(timeout=300) for proc in procs]
        for (out, err), proc in zip(outputs, procs):
            assert proc.returncode == 0, err
            lines = out.splitlines()
            assert lines and all(line.startswith("OK") for line in lines), out
            assert len(lines) == LABS * len(TEXTS)
        with database.session() as s:
            for lab_id in lab_ids:
                assert s.scalar(select(func.count()).select_from(Card).where(Card.lab_id == lab_id)) == 4
                keys = list(s.scalars(select(Cluster.key).where(Cluster.lab_id == lab_id)))
                assert len(keys) == len(set(keys)) == 2, keys
    finally:
        database.dispose()
