"""Lengths and characters are checked once in the core: the same German refusal on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from quartierslabor_app.cli.main import main
from quartierslabor_app.core import labs
from quartierslabor_app.core.board.service import BoardService
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.storage.models import Card, Invitee, Lab


def _lab_count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Lab))


def test_too_long_lab_name_same_refusal_on_both_backends(any_db) -> None:
    with pytest.raises(UserError) as refused:
        with any_db.session() as s:
            labs.create_lab(s, "L" * 300, "Eving")
    assert refused.value.message == "Der Name des Quartierslabors ist zu lang (300 Zeichen, höchstens 200)."
    assert _lab_count(any_db) == 0
    with any_db.session() as s:
        assert labs.create_lab(s, "L" * 200, "Eving").name == "L" * 200


def test_too_long_lab_name_in_the_cli(any_db_url: str, capsys) -> None:
    code = main(["lab", "create", "--db", any_db_url, "--name", "L" * 300, "--district", "Eving"])
    out, err = capsys.readouterr()
    assert code == 2 and "angelegt" not in out
    assert "Der Name des Quartierslabors ist zu lang (300 Zeichen, höchstens 200)." in err


def test_rename_and_venue_limits(any_db) -> None:
    with any_db.session() as s:
        lab = labs.create_lab(s, "Eving 2026", "Eving")
    with pytest.raises(UserError, match="Der Name des Quartierslabors ist zu lang"):
        with any_db.session() as s:
            labs.rename_lab(s, s.get(Lab, lab.id), "N" * 201)
    with pytest.raises(UserError, match=r"Der Veranstaltungsort ist zu lang \(301 Zeichen, höchstens 300\)"):
        with any_db.session() as s:
            s.get(Lab, lab.id).venue = "V" * 301


def test_nul_and_lone_surrogates_are_cleaned_on_both_backends(any_db) -> None:
    with any_db.session() as s:
        lab = labs.create_lab(s, "Nord\x00stadt \ud800", "Innenstadt-Nord")
    assert lab.name == "Nordstadt \ufffd"
    service = BoardService(any_db, lab.id)
    card = service.add_card("Laute\x00 Musik \udc80nachts", place="Kiosk\x00")
    with any_db.session() as s:
        stored = s.get(Card, card.id)
        assert (stored.text, stored.place) == ("Laute Musik \ufffdnachts", "Kiosk")
        assert labs.get_lab(s, "Nord\x00stadt \ud800").id == lab.id


def test_every_orm_text_is_checked(any_db) -> None:
    """A column without its own check (here an invitee's family name) still refuses with a German message."""
    with any_db.session() as s:
        lab = labs.create_lab(s, "Hörde", "Hörde")
    with pytest.raises(UserError) as refused:
        with any_db.session() as s:
            s.add(Invitee(lab_id=lab.id, draw_order=1, family_name="F" * 250, person_key="k"))
    assert refused.value.message == ("Der Familienname einer eingeladenen Person ist zu lang (250 Zeichen, "
                                     "höchstens 200).")


def test_all_handlungsfelder_on_one_recommendation_same_refusal_on_both_backends(any_db) -> None:
    """55 Handlungsfelder joined are 285 characters: PostgreSQL's VARCHAR(200) and SQLite now agree."""
    from quartierslabor_app.core.handlungsfelder import load_handlungsfelder
    from quartierslabor_app.core.recommendations.service import create_recommendation

    codes = [code for code, _ in load_handlungsfelder()]
    with any_db.session() as s:
        lab = labs.create_lab(s, "Eving", "Eving")
    with pytest.raises(UserError) as refused:
        with any_db.session() as s:
            create_recommendation(s, s.get(Lab, lab.id), "Mehr Licht", handlungsfeld_codes=codes)
    assert refused.value.message.startswith("Die Liste der Handlungsfelder der Empfehlung ist zu lang")
    with any_db.session() as s:
        rec = create_recommendation(s, s.get(Lab, lab.id), "Mehr Licht", handlungsfeld_codes=codes[:20])
        assert rec.handlungsfeld_codes.count(";") == 19
