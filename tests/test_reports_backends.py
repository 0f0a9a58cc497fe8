"""Report builders, recommendations and cards import on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

from quartierslabor_app.core import labs
from quartierslabor_app.core import recommendations as rx
from quartierslabor_app.core.cards_import import import_cards
from quartierslabor_app.core.reports import build_comparison, build_lab_report, write_lab_xlsx
from quartierslabor_app.core.reports.example_data import create_example_lab


def test_reports_on_both_backends(any_db, tmp_path):
    with any_db.session() as s:
        first = create_example_lab(s, "Nord 2022", "Innenstadt-Nord", dt.date(2022, 3, 1), cards=30,
                                   recommendations=4, seed=1)
        create_example_lab(s, "Nord 2026", "Innenstadt-Nord", dt.date(2026, 3, 1), cards=40, recommendations=4,
                           seed=2)
        rec = rx.create_recommendation(s, first, "Mehr Licht", handlungsfeld_codes="1.2.3")
        rx.set_status(s, rec, "umgesetzt", "neue Lampen")
        rx.add_actor(s, "Stadtwerke")
        first_id = first.id
    cards = tmp_path / "karten.csv"
    cards.write_text("text;votes\nMüll am Nordmarkt;3\nLaute Musik nachts;1\n", encoding="utf-8")
    with any_db.session() as s:
        summary = import_cards(s, labs.get_lab(s, "Nord 2026"), cards)
        assert summary.cards_imported == 2
    with any_db.session() as s:
        data = build_lab_report(s, labs.get_lab(s, first_id))
        cmp = build_comparison(s)
        assert "Stadtwerke" in rx.list_actors(s)
    assert data.summary.cards == 30 and data.summary.recommendations == 5
    assert isinstance(data.summary.votes, int)
    assert [lab.cards for lab in cmp.labs] == [30, 42]
    assert all(isinstance(lab.participants, int) for lab in cmp.labs)
    assert cmp.status_totals["umgesetzt"] >= 1
    [change] = cmp.district_changes
    assert abs(sum(t.latest_share for t in change.topics) - 1) < 1e-9
    write_lab_xlsx(tmp_path / "x.xlsx", data)
